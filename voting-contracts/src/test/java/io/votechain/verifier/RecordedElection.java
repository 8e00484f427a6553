package io.votechain.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.MeetingBallotEncryptor;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.contract.BlockContext;
import io.votechain.contract.BlockResult;
import io.votechain.contract.ChainParams;
import io.votechain.contract.ContractExecutor;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.MeetingResult;
import io.votechain.contract.StateKeys;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.merkle.MerkleTree;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.sig.Signer;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.Complaint;
import io.votechain.crypto.threshold.DecryptingTrustee;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.KeyCeremony;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.Trustee;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.record.ElectionRecordAssembler;
import io.votechain.record.LedgerSource;
import io.votechain.record.RecordSection;
import io.votechain.record.chain.ChainCertificate;
import io.votechain.record.chain.ChainHeader;
import io.votechain.record.chain.LedgerBlock;
import io.votechain.state.InMemoryState;
import io.votechain.state.StateKey;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AddHoldings;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.AppointProxy;
import io.votechain.tx.Approve;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CastMeetingVote;
import io.votechain.tx.CheckIn;
import io.votechain.tx.Complain;
import io.votechain.tx.DiscloseShare;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.PublishShares;
import io.votechain.tx.RevokeProxy;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SpoilBallot;
import io.votechain.tx.Transaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.tx.meeting.Holding;
import io.votechain.tx.meeting.MeetingManifest;
import io.votechain.tx.meeting.PassThreshold;
import io.votechain.tx.meeting.Quorum;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole election run through the real contracts on a chain of signed headers: 4 validators
 * (certificates carry exactly the quorum, 3 signatures), 3 officials (2-of-3), 3 trustees (k = 2),
 * 4 voters of whom one re-votes on the web and one in person (checked in by the kiosk of its
 * station, which signs the ballot), a challenged (spoiled) ballot from an attested kiosk, close,
 * decryption by trustees 3 and 1, certification. {@link #record()} exports it through {@link
 * ElectionRecordAssembler} — the same code the node's exporter runs. Copied in spirit from
 * contract.TestChain (which is package-private and has no headers).
 */
public final class RecordedElection implements LedgerSource {
  public static final String E = "e1";
  static final String CHAIN_ID = "votechain-record-test";
  static final long START = 1_800_000_000_000L;
  static final long END = START + 3_600_000L;
  static final Hash32 REFERENCE = Sha256.hash(new byte[] {7});

  final SecureRandom random;
  final List<Ed25519Signer> validators = new ArrayList<>();
  final List<Ed25519Signer> officials = new ArrayList<>();
  final List<Ed25519Signer> trusteeKeys = new ArrayList<>();
  final List<Ed25519Signer> voters = new ArrayList<>();
  final InMemoryState state = new InMemoryState();
  final ContractExecutor executor;
  final byte[] consensusGenesis;
  final Hash32 chainId;
  final List<LedgerBlock> blocks = new ArrayList<>();
  final List<Long> expectedResult;
  final GenesisConfig genesisConfig;
  private Hash32 stateHash;
  private Hash32 previousHeaderHash;
  private Optional<byte[]> previousCertificate = Optional.empty();
  private long time = START - 60_000;
  private int ballotCounter;

  private static RecordedElection shared;

  /** One election per test JVM: running it costs seconds, and tests only read it. */
  public static synchronized RecordedElection shared() {
    if (shared == null) {
      shared = new RecordedElection(42, 0);
    }
    return shared;
  }

  private final int extraVoters;
  private final boolean restartCeremony;
  private final boolean meeting;
  private static RecordedElection restarted;
  private static RecordedElection recordedMeeting;

  final List<Ed25519Signer> holders = new ArrayList<>();
  Ed25519Signer proxy;
  MeetingResult expectedDecision;

  /**
   * A shareholder meeting (docs/contracts.md §8) on the same kind of chain, with id {@link #E}: two
   * resolutions (ordinary, special), quorum one third, four holders of 100, 250, 50 and 600 shares.
   * Holders 0, 1 and 3 appoint the chair as proxy. The chair votes for holder 0, who then votes
   * itself (the holder's ballot overrides); holder 1 votes itself and the chair's later ballot for
   * it is refused (HOLDER_HAS_VOTED, so not in the record); the chair votes for holder 3, who then
   * revokes the proxy (the ballot is withdrawn); holder 2 votes. Represented 400 of 1000; r1: for
   * 250, against 100, abstain 50 (passes, ordinary); r2: for 150, against 250 (fails, special). One
   * per test JVM.
   */
  public static synchronized RecordedElection meeting() {
    if (recordedMeeting == null) {
      recordedMeeting = new RecordedElection(44, 0, false, true);
    }
    return recordedMeeting;
  }

  /**
   * The same election, but its key ceremony is blocked and restarted (docs/contracts.md §4.5): in
   * round 0 trustee 2 complains against dealer 1, who never answers, and trustee 1 against dealer
   * 3, who answers with a disclosed share; M officials restart with trustees 2, 3 and a new one; in
   * round 1 trustee 3 complains against dealer 2, who answers. One per test JVM.
   */
  public static synchronized RecordedElection restarted() {
    if (restarted == null) {
      restarted = new RecordedElection(43, 0, true);
    }
    return restarted;
  }

  /**
   * Runs the election; {@code extraVoters} more voters (beyond the four of the scenario) each cast
   * one web ballot, 500 to a block — for measuring the verifier on large records.
   */
  public RecordedElection(long seed, int extraVoters) {
    this(seed, extraVoters, false);
  }

  private RecordedElection(long seed, int extraVoters, boolean restartCeremony) {
    this(seed, extraVoters, restartCeremony, false);
  }

  private RecordedElection(long seed, int extraVoters, boolean restartCeremony, boolean meeting) {
    this.extraVoters = extraVoters;
    this.restartCeremony = restartCeremony;
    this.meeting = meeting;
    random = seeded(seed);
    CanonicalWriter g = new CanonicalWriter().text("record-test").i64(0).fixed(new byte[32]);
    for (int i = 0; i < 4; i++) {
      validators.add(Ed25519Signer.generate(random));
    }
    g.list(validators, (w, v) -> w.fixed(v.publicKey().encoded()).text("127.0.0.1:9000"));
    consensusGenesis = g.toByteArray();
    chainId = Sha256.tagged(0x47, consensusGenesis);
    previousHeaderHash = chainId;
    for (int i = 0; i < 3; i++) {
      officials.add(Ed25519Signer.generate(random));
    }
    genesisConfig =
        new GenesisConfig(
            CHAIN_ID,
            officials.stream().map(Ed25519Signer::publicKey).toList(),
            2,
            new ChainParams(10, 50, 8));
    executor = new ContractExecutor(genesisConfig);
    stateHash = executor.initialize(state);
    expectedResult = meeting ? runMeeting() : run();
  }

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  RecordSection.Genesis genesisSection() {
    return new RecordSection.Genesis(consensusGenesis, genesisConfig);
  }

  /** The contracts' genesis of this chain. */
  public GenesisConfig genesis() {
    return genesisConfig;
  }

  /** The election record, exported from this chain. */
  public byte[] record() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ElectionRecordAssembler.write(genesisSection(), this, E, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  @Override
  public long latestHeight() {
    return blocks.size();
  }

  @Override
  public LedgerBlock block(long height) {
    return blocks.get((int) height - 1);
  }

  @Override
  public Optional<byte[]> state(StateKey key) {
    return state.get(key);
  }

  // ---- the chain ---------------------------------------------------------------------------

  SignedTransaction sign(Signer signer, Transaction body) {
    return SignedTransaction.sign(
        signer, ContractExecutor.nextNonce(state, signer.publicKey()), body, CHAIN_ID);
  }

  List<TxReceipt> block(List<SignedTransaction> txs) {
    long h = blocks.size() + 1;
    BlockResult result =
        executor.executeBlock(new BlockContext(h, time, previousHeaderHash), txs, state, stateHash);
    List<byte[]> encoded = txs.stream().map(SignedTransaction::encode).toList();
    ChainHeader header =
        new ChainHeader(
            chainId,
            h,
            0,
            time,
            previousHeaderHash,
            MerkleTree.ofLeaves(encoded).root(),
            encoded.size(),
            stateHash,
            previousCertificate.map(c -> Sha256.tagged(0x43, c)).orElse(Hash32.ZERO),
            (int) (h % 4));
    Hash32 hash = header.hash();
    List<ChainCertificate.Signature> signatures = new ArrayList<>();
    ChainCertificate unsigned =
        new ChainCertificate(h, 0, hash, List.of(new ChainCertificate.Signature(0, new byte[64])));
    for (int v = 0; v < 3; v++) {
      signatures.add(
          new ChainCertificate.Signature(
              v, validators.get(v).sign(unsigned.precommitSignBytes(chainId, v))));
    }
    byte[] certificate = new ChainCertificate(h, 0, hash, signatures).encode();
    blocks.add(new LedgerBlock(header, encoded, previousCertificate, certificate));
    previousHeaderHash = hash;
    previousCertificate = Optional.of(certificate);
    stateHash = result.stateHash();
    time += 1_000;
    return result.receipts();
  }

  TxReceipt submit(Signer signer, Transaction body) {
    TxReceipt r = block(List.of(sign(signer, body))).get(0);
    assertEquals(ErrorCode.OK, r.code(), r.reason());
    return r;
  }

  void govern(GovernedAction action) {
    TxReceipt proposed = submit(officials.get(0), new Propose(action, blocks.size() + 5));
    submit(officials.get(1), new Approve(proposed.txId()));
  }

  // ---- the election ------------------------------------------------------------------------

  static ElectionManifest manifest() {
    return new ElectionManifest(
        E,
        LocalizedText.of("en", "General election", "zh", "大选"),
        List.of(
            new Contest(
                "mayor",
                ContestKind.ONE_OF_N,
                1,
                LocalizedText.of("en", "Mayor", "zh", "市长"),
                List.of(
                    new Choice("alice", LocalizedText.of("en", "Alice", "zh", "爱丽丝")),
                    new Choice("bob", LocalizedText.of("en", "Bob", "zh", "鲍勃")))),
            new Contest(
                "measure-1",
                ContestKind.YES_NO,
                1,
                LocalizedText.of("en", "Measure 1", "zh", "提案一"),
                List.of(
                    new Choice("yes", LocalizedText.of("en", "Yes", "zh", "是")),
                    new Choice("no", LocalizedText.of("en", "No", "zh", "否"))))),
        START,
        END,
        RevotePolicy.LAST_VOTE_COUNTS);
  }

  private List<Long> run() {
    ElectionManifest manifest = manifest();
    govern(new GovernedAction.CreateElection(manifest));
    for (int i = 0; i < 3; i++) {
      trusteeKeys.add(Ed25519Signer.generate(random));
    }
    govern(
        new GovernedAction.RegisterTrustees(
            E, trusteeKeys.stream().map(Ed25519Signer::publicKey).toList(), 2));
    for (int i = 0; i < 4 + extraVoters; i++) {
      voters.add(Ed25519Signer.generate(random));
    }
    for (int from = 0; from < voters.size(); from += AddCredentials.MAX_CREDENTIALS) {
      List<Ed25519Signer> some =
          voters.subList(from, Math.min(voters.size(), from + AddCredentials.MAX_CREDENTIALS));
      submit(
          officials.get(0),
          new AddCredentials(E, "s1", some.stream().map(Ed25519Signer::publicKey).toList()));
    }
    CeremonyParameters parameters =
        new CeremonyParameters(ElectionCrypto.electionBaseHash(manifest, 3, 2), 3, 2);
    List<Trustee> trustees = ceremony(parameters);
    if (restartCeremony) {
      // Round 0: dealer 1 leaves trustee 2's complaint unanswered; dealer 3 answers trustee 1's.
      submit(trusteeKeys.get(1), complaint(1, 2));
      submit(trusteeKeys.get(0), complaint(3, 1));
      submit(trusteeKeys.get(2), new DiscloseShare(E, 1, trustees.get(2).discloseShare(1)));
      List<Ed25519Signer> next =
          List.of(trusteeKeys.get(1), trusteeKeys.get(2), Ed25519Signer.generate(random));
      govern(
          new GovernedAction.RestartKeyCeremony(
              E, next.stream().map(Ed25519Signer::publicKey).toList(), 2));
      trusteeKeys.clear();
      trusteeKeys.addAll(next);
      parameters = new CeremonyParameters(ElectionCrypto.electionBaseHash(manifest, 3, 2, 1), 3, 2);
      trustees = ceremony(parameters);
      // Round 1: dealer 2 answers trustee 3's complaint.
      submit(trusteeKeys.get(2), complaint(2, 3));
      submit(trusteeKeys.get(1), new DiscloseShare(E, 3, trustees.get(1).discloseShare(3)));
    }
    JointElectionKey joint =
        KeyCeremony.jointKey(parameters, trustees.stream().map(Trustee::announcement).toList());
    List<DecryptingTrustee> decrypting = trustees.stream().map(t -> t.finish(joint)).toList();
    time = START;
    govern(new GovernedAction.OpenElection(E));

    EcdsaP256Signer kiosk = EcdsaP256Signer.generate(random);
    submit(
        officials.get(0),
        new ProvisionDevice(
            "kiosk-1",
            kiosk.publicKey(),
            "VX-2000",
            REFERENCE,
            Ed25519Signer.generate(random).publicKey()));
    submit(officials.get(0), new AssignDevice("kiosk-1", "s1"));
    long h = blocks.size();
    submit(
        kiosk,
        new AttestDevice(
            AttestationEvidence.sign(
                kiosk,
                CHAIN_ID,
                "kiosk-1",
                REFERENCE,
                1,
                h,
                blocks.get((int) h - 1).header().hash())));
    EncryptionContext context =
        new EncryptionContext(
            Hash32.of(state.get(StateKeys.extendedBaseHash(E)).orElseThrow()),
            new ElectionKey(
                GroupElement.decode(state.get(StateKeys.electionJointKey(E)).orElseThrow())));
    PlaintextBallot shown = plaintext(0, true);
    BallotEncryptor.Encrypted challenged =
        new BallotEncryptor(context).encrypt(ElectionCrypto.style(manifest), shown, random);
    submit(kiosk, new SpoilBallot(E, challenged.ballot(), challenged.nonces(), shown));

    submit(voters.get(0), cast(context, 0, 0, true)); // alice, yes — superseded below
    List<TxReceipt> two =
        block(
            List.of(
                sign(voters.get(1), cast(context, 1, 1, true)),
                sign(voters.get(2), cast(context, 2, 0, false))));
    two.forEach(r -> assertEquals(ErrorCode.OK, r.code(), r.reason()));
    submit(voters.get(0), cast(context, 0, 1, false)); // voter 0 changes their mind: bob, no
    submit(voters.get(3), cast(context, 3, 1, true));
    // Voter 3 then votes again in person, at the kiosk of its station: checked in by the kiosk,
    // which signs the ballot; it supersedes the web ballot (same choices).
    submit(kiosk, new CheckIn(E, "kiosk-1", voters.get(3).publicKey()));
    submit(kiosk, cast(context, 3, 1, true));
    long[] counts = {1, 3, 2, 2}; // alice 1 (voter 2), bob 3; yes 2 (voters 1, 3), no 2 (0, 2)
    List<SignedTransaction> batch = new ArrayList<>();
    for (int v = 4; v < voters.size(); v++) {
      int mayor = v % 2;
      boolean yes = v % 3 == 0;
      counts[mayor]++;
      counts[yes ? 2 : 3]++;
      batch.add(sign(voters.get(v), cast(context, v, mayor, yes)));
      if (batch.size() == 500 || v == voters.size() - 1) {
        block(batch).forEach(r -> assertEquals(ErrorCode.OK, r.code(), r.reason()));
        batch = new ArrayList<>();
      }
    }
    time = END;
    govern(new GovernedAction.CloseElection(E));

    List<Ciphertext> aggregate = aggregate();
    for (int t : new int[] {2, 0}) {
      List<PartialDecryption> partials = new ArrayList<>();
      for (Ciphertext c : aggregate) {
        partials.add(decrypting.get(t).partialDecrypt(c, random));
      }
      submit(trusteeKeys.get(t), new PublishDecryption(E, partials));
    }
    govern(new GovernedAction.CertifyElection(E));
    return List.of(counts[0], counts[1], counts[2], counts[3]);
  }

  static MeetingManifest meetingManifest() {
    List<Contest> contests = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      contests.add(
          new Contest(
              "r" + i,
              ContestKind.ONE_OF_N,
              1,
              LocalizedText.of("en", "Resolution " + i),
              List.of(
                  new Choice("for", LocalizedText.of("en", "For")),
                  new Choice("against", LocalizedText.of("en", "Against")),
                  new Choice("abstain", LocalizedText.of("en", "Abstain")))));
    }
    return new MeetingManifest(
        new ElectionManifest(
            E,
            LocalizedText.of("en", "Annual general meeting"),
            contests,
            START,
            END,
            RevotePolicy.LAST_VOTE_COUNTS),
        START - 86_400_000L,
        new Quorum(1, 3),
        List.of(PassThreshold.ORDINARY, PassThreshold.SPECIAL));
  }

  private List<Long> runMeeting() {
    MeetingManifest m = meetingManifest();
    govern(new GovernedAction.CreateMeeting(m));
    long[] shares = {100, 250, 50, 600};
    List<Holding> register = new ArrayList<>();
    for (long count : shares) {
      Ed25519Signer holder = Ed25519Signer.generate(random);
      holders.add(holder);
      register.add(new Holding(holder.publicKey(), count));
    }
    submit(officials.get(0), new AddHoldings(E, register));
    for (int i = 0; i < 3; i++) {
      trusteeKeys.add(Ed25519Signer.generate(random));
    }
    govern(
        new GovernedAction.RegisterTrustees(
            E, trusteeKeys.stream().map(Ed25519Signer::publicKey).toList(), 2));
    CeremonyParameters parameters =
        new CeremonyParameters(ElectionCrypto.electionBaseHash(m.election(), 3, 2), 3, 2);
    List<Trustee> trustees = ceremony(parameters);
    JointElectionKey joint =
        KeyCeremony.jointKey(parameters, trustees.stream().map(Trustee::announcement).toList());
    List<DecryptingTrustee> decrypting = trustees.stream().map(t -> t.finish(joint)).toList();
    time = START;
    govern(new GovernedAction.OpenElection(E));

    EncryptionContext context =
        new EncryptionContext(joint.extendedBaseHash(), new ElectionKey(joint.publicKey()));
    proxy = Ed25519Signer.generate(random);
    for (int h : new int[] {0, 1, 3}) {
      submit(holders.get(h), new AppointProxy(E, proxy.publicKey()));
    }
    int f = MeetingManifest.FOR;
    int a = MeetingManifest.AGAINST;
    int x = MeetingManifest.ABSTAIN;
    submit(proxy, meetingVote(context, m, shares, 0, f, f));
    submit(holders.get(0), meetingVote(context, m, shares, 0, a, f)); // overrides the proxy
    submit(holders.get(1), meetingVote(context, m, shares, 1, f, a));
    TxReceipt late = block(List.of(sign(proxy, meetingVote(context, m, shares, 1, a, a)))).get(0);
    assertEquals(ErrorCode.HOLDER_HAS_VOTED, late.code(), late.reason());
    submit(proxy, meetingVote(context, m, shares, 3, f, f));
    submit(holders.get(3), new RevokeProxy(E)); // withdraws the proxy's ballot
    submit(holders.get(2), meetingVote(context, m, shares, 2, x, f));
    time = END;
    govern(new GovernedAction.CloseElection(E));
    List<Ciphertext> aggregate = aggregate();
    for (int t : new int[] {2, 0}) {
      List<PartialDecryption> partials = new ArrayList<>();
      for (Ciphertext c : aggregate) {
        partials.add(decrypting.get(t).partialDecrypt(c, random));
      }
      submit(trusteeKeys.get(t), new PublishDecryption(E, partials));
    }
    govern(new GovernedAction.CertifyElection(E));
    expectedDecision = MeetingResult.decode(state.get(StateKeys.meetingResult(E)).orElseThrow());
    return List.of(250L, 100L, 50L, 150L, 250L, 0L);
  }

  private CastMeetingVote meetingVote(
      EncryptionContext context, MeetingManifest m, long[] shares, int holder, int... choices) {
    List<List<Integer>> marks = new ArrayList<>();
    for (int choice : choices) {
      List<Integer> mark = new ArrayList<>(List.of(0, 0, 0));
      mark.set(choice, 1);
      marks.add(mark);
    }
    PlaintextBallot plain = new PlaintextBallot("ballot-" + (++ballotCounter), E, marks);
    EncryptedBallot ballot =
        new MeetingBallotEncryptor(context)
            .encrypt(ElectionCrypto.style(m.election()).withWeight(shares[holder]), plain, random)
            .ballot();
    return new CastMeetingVote(E, holders.get(holder).publicKey(), ballot);
  }

  /** One ceremony round: every trustee announces, then deals a share to each of the others. */
  private List<Trustee> ceremony(CeremonyParameters parameters) {
    List<Trustee> trustees = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      trustees.add(Trustee.generate(parameters, i, random));
    }
    for (int i = 0; i < 3; i++) {
      submit(trusteeKeys.get(i), new AnnounceKey(E, trustees.get(i).announcement()));
    }
    for (Trustee dealer : trustees) {
      List<EncryptedShare> shares = new ArrayList<>();
      for (Trustee recipient : trustees) {
        if (recipient != dealer) {
          EncryptedShare share = dealer.shareFor(recipient.announcement(), random);
          shares.add(share);
          recipient.receiveShare(dealer.announcement(), share);
        }
      }
      submit(trusteeKeys.get(dealer.index() - 1), new PublishShares(E, shares));
    }
    return trustees;
  }

  private static Complain complaint(int dealer, int recipient) {
    return new Complain(E, new Complaint(dealer, recipient, Complaint.Reason.DECRYPTION_FAILED));
  }

  List<Ciphertext> aggregate() {
    CanonicalReader r = new CanonicalReader(state.get(StateKeys.aggregate(E)).orElseThrow());
    return r.list(64, x -> Ciphertext.readFrom(x, true));
  }

  private PlaintextBallot plaintext(int mayor, boolean yes) {
    return new PlaintextBallot(
        "ballot-" + (++ballotCounter),
        E,
        List.of(mayor == 0 ? List.of(1, 0) : List.of(0, 1), yes ? List.of(1, 0) : List.of(0, 1)));
  }

  private CastBallot cast(EncryptionContext context, int voter, int mayor, boolean yes) {
    EncryptedBallot ballot =
        new BallotEncryptor(context)
            .encrypt(ElectionCrypto.style(manifest()), plaintext(mayor, yes), random)
            .ballot();
    return new CastBallot(E, voters.get(voter).publicKey(), ballot);
  }
}

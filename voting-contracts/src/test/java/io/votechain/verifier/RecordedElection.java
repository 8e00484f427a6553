package io.votechain.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.contract.BlockContext;
import io.votechain.contract.BlockResult;
import io.votechain.contract.ChainParams;
import io.votechain.contract.ContractExecutor;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.GenesisConfig;
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
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.Approve;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import io.votechain.tx.CastBallot;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.PublishShares;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SpoilBallot;
import io.votechain.tx.Transaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
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
 * 4 voters of whom one re-votes, a challenged (spoiled) ballot from an attested kiosk, close,
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

  /**
   * Runs the election; {@code extraVoters} more voters (beyond the four of the scenario) each cast
   * one web ballot, 500 to a block — for measuring the verifier on large records.
   */
  public RecordedElection(long seed, int extraVoters) {
    this.extraVoters = extraVoters;
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
    expectedResult = run();
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
    blocks.add(new LedgerBlock(header, encoded, certificate));
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

package io.votechain.node.demo;

import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.MeetingBallotEncryptor;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.contract.ContractExecutor;
import io.votechain.contract.ElectionContract;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.MeetingResult;
import io.votechain.contract.Meetings;
import io.votechain.contract.StateKeys;
import io.votechain.contract.Trustees;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.sig.Signer;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.DecryptingTrustee;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.Trustee;
import io.votechain.encoding.CanonicalReader;
import io.votechain.node.client.ChainClient;
import io.votechain.node.client.ClientStateView;
import io.votechain.state.StateView;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AddHoldings;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.Approve;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CastMeetingVote;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.PublishShares;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Transaction;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.meeting.Holding;
import io.votechain.tx.meeting.MeetingManifest;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs an election's life on a chain through signed transactions, as its officials and trustees
 * would: create, register trustees, the key ceremony, voter credentials, open; web ballots; close,
 * the threshold tally and certification. The dev network's demo and the end-to-end tests use it;
 * every step waits for its committed receipt and fails loudly with the contracts' error code.
 */
public final class ElectionScenario {
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(60);
  private final ChainClient chain;
  private final StateView state;
  private final List<Ed25519Signer> officials;
  private final int approvalsNeeded;
  private final SecureRandom random;

  /**
   * @param officials the authority's keys; the first proposes, the next {@code approvalsNeeded - 1}
   *     approve
   * @param approvalsNeeded the authority's M
   */
  public ElectionScenario(
      ChainClient chain, List<Ed25519Signer> officials, int approvalsNeeded, SecureRandom random) {
    if (officials.size() < approvalsNeeded) {
      throw new IllegalArgumentException("need " + approvalsNeeded + " officials' keys");
    }
    this.chain = chain;
    this.state = new ClientStateView(chain);
    this.officials = List.copyOf(officials);
    this.approvalsNeeded = approvalsNeeded;
    this.random = random;
  }

  /** A step that the chain refused. */
  public static final class StepFailed extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient TxReceipt.Outcome outcome;

    StepFailed(String step, TxReceipt.Outcome outcome) {
      super(step + " refused: " + outcome.code() + " " + outcome.reason());
      this.outcome = outcome;
    }

    public TxReceipt.Outcome outcome() {
      return outcome;
    }
  }

  public StateView state() {
    return state;
  }

  /** Signs {@code body} with the signer's next nonce, submits it and waits for its receipt. */
  public TxReceipt.Outcome submit(Signer signer, Transaction body) throws IOException {
    SignedTransaction tx = sign(signer, body);
    return chain.submit(tx, COMMIT_TIMEOUT);
  }

  public SignedTransaction sign(Signer signer, Transaction body) {
    return SignedTransaction.sign(
        signer, ContractExecutor.nextNonce(state, signer.publicKey()), body, chain.chainId());
  }

  /** Proposes {@code action} and approves it until the authority's M is reached. */
  public void govern(GovernedAction action) throws IOException {
    long expiry = chainHeight() + 1_000;
    SignedTransaction proposal = sign(officials.get(0), new Propose(action, expiry));
    expectOk(
        "propose " + action.getClass().getSimpleName(), chain.submit(proposal, COMMIT_TIMEOUT));
    for (int i = 1; i < approvalsNeeded; i++) {
      expectOk(
          "approve " + action.getClass().getSimpleName(),
          submit(officials.get(i), new Approve(proposal.id())));
    }
  }

  /**
   * Creates the election, registers {@code trusteeCount} trustees with threshold {@code k}, runs
   * the key ceremony among them on the ledger and returns each trustee's secrets.
   */
  public List<TrusteeFile> createWithCeremony(ElectionManifest manifest, int trusteeCount, int k)
      throws IOException {
    govern(new GovernedAction.CreateElection(manifest));
    return ceremony(manifest, trusteeCount, k);
  }

  /**
   * Creates a shareholder meeting, loads its share register (the snapshot at the record date) while
   * it is in DRAFT, then registers the trustees and runs their ceremony as for an election.
   */
  public List<TrusteeFile> createMeetingWithCeremony(
      MeetingManifest meeting, List<Holding> register, int trusteeCount, int k) throws IOException {
    String id = meeting.election().electionId();
    govern(new GovernedAction.CreateMeeting(meeting));
    for (int from = 0; from < register.size(); from += AddHoldings.MAX_HOLDINGS) {
      expectOk(
          "share register of " + id,
          submit(
              officials.get(0),
              new AddHoldings(
                  id,
                  register.subList(
                      from, Math.min(register.size(), from + AddHoldings.MAX_HOLDINGS)))));
    }
    return ceremony(meeting.election(), trusteeCount, k);
  }

  /**
   * A holder's encrypted, weighted vote: {@code choices} has one entry per resolution, {@link
   * MeetingManifest#FOR}, {@link MeetingManifest#AGAINST} or {@link MeetingManifest#ABSTAIN}.
   */
  public SignedTransaction meetingBallot(
      String meetingId, Ed25519Signer holder, String ballotId, List<Integer> choices) {
    MeetingManifest meeting = Meetings.manifest(state, meetingId).orElseThrow();
    long shares = Meetings.shares(state, meetingId, holder.publicKey()).orElseThrow();
    var style = Meetings.holderStyle(meeting, shares);
    List<List<Integer>> marks = new ArrayList<>();
    for (int choice : choices) {
      List<Integer> m = new ArrayList<>(List.of(0, 0, 0));
      m.set(choice, 1);
      marks.add(m);
    }
    var encrypted =
        new MeetingBallotEncryptor(ElectionCrypto.context(state, meetingId))
            .encrypt(style, new PlaintextBallot(ballotId, style.styleId(), marks), random);
    return sign(holder, new CastMeetingVote(meetingId, holder.publicKey(), encrypted.ballot()));
  }

  /** A meeting's decided result per resolution, once tallied. */
  public Optional<MeetingResult> meetingResult(String meetingId) {
    return Meetings.result(state, meetingId);
  }

  private List<TrusteeFile> ceremony(ElectionManifest manifest, int trusteeCount, int k)
      throws IOException {
    String id = manifest.electionId();
    List<Ed25519Signer> keys = new ArrayList<>();
    for (int i = 0; i < trusteeCount; i++) {
      keys.add(Ed25519Signer.generate(random));
    }
    govern(
        new GovernedAction.RegisterTrustees(
            id, keys.stream().map(Ed25519Signer::publicKey).toList(), k));
    CeremonyParameters parameters =
        ElectionCrypto.parameters(manifest, Trustees.read(state, id).orElseThrow());
    List<Trustee> trustees = new ArrayList<>();
    for (int i = 1; i <= trusteeCount; i++) {
      trustees.add(Trustee.generate(parameters, i, random));
    }
    for (int i = 0; i < trusteeCount; i++) {
      expectOk(
          "announcement of trustee " + (i + 1),
          submit(keys.get(i), new AnnounceKey(id, trustees.get(i).announcement())));
    }
    if (trusteeCount > 1) {
      for (int d = 0; d < trusteeCount; d++) {
        List<EncryptedShare> shares = new ArrayList<>();
        for (Trustee recipient : trustees) {
          if (recipient != trustees.get(d)) {
            shares.add(trustees.get(d).shareFor(recipient.announcement(), random));
          }
        }
        expectOk(
            "shares of trustee " + (d + 1), submit(keys.get(d), new PublishShares(id, shares)));
      }
      // Each trustee opens what was addressed to it, as read back from the ledger.
      for (int d = 0; d < trusteeCount; d++) {
        byte[] stored = state.get(StateKeys.shares(id, d + 1)).orElseThrow();
        for (EncryptedShare share :
            new CanonicalReader(stored).list(16, EncryptedShare::readFrom)) {
          Trustee recipient = trustees.get(share.recipient() - 1);
          if (recipient.receiveShare(trustees.get(d).announcement(), share).isPresent()) {
            throw new IOException(
                "trustee " + share.recipient() + " rejects a share of " + (d + 1));
          }
        }
      }
    }
    JointElectionKey joint = ElectionCrypto.jointKey(state, id);
    List<TrusteeFile> files = new ArrayList<>();
    for (int i = 0; i < trusteeCount; i++) {
      DecryptingTrustee t = trustees.get(i).finish(joint);
      files.add(new TrusteeFile(id, i + 1, keys.get(i), t.exportSecretShare()));
    }
    return files;
  }

  /** Registers fresh voter credentials at {@code stationId}; answers their private keys. */
  public List<Ed25519Signer> issueCredentials(String electionId, String stationId, int count)
      throws IOException {
    List<Ed25519Signer> voters = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      voters.add(Ed25519Signer.generate(random));
    }
    for (int from = 0; from < count; from += AddCredentials.MAX_CREDENTIALS) {
      List<Ed25519Signer> chunk =
          voters.subList(from, Math.min(count, from + AddCredentials.MAX_CREDENTIALS));
      expectOk(
          "credentials for " + stationId,
          submit(
              officials.get(0),
              new AddCredentials(
                  electionId, stationId, chunk.stream().map(Ed25519Signer::publicKey).toList())));
    }
    return voters;
  }

  public void open(String electionId) throws IOException {
    govern(new GovernedAction.OpenElection(electionId));
  }

  /** Encrypts {@code marks} for the voter and signs it for the web channel, with its next nonce. */
  public SignedTransaction webBallot(
      String electionId, Ed25519Signer voter, String ballotId, List<List<Integer>> marks) {
    return webBallots(electionId)
        .cast(voter, ContractExecutor.nextNonce(state, voter.publicKey()), ballotId, marks);
  }

  /** Makes signed web ballots for one election. */
  @FunctionalInterface
  public interface WebBallots {
    SignedTransaction cast(
        Ed25519Signer voter, long nonce, String ballotId, List<List<Integer>> marks);
  }

  /**
   * Web ballots for {@code electionId} with its manifest and key read once, for casting many (a
   * load run): reading them per ballot costs several API requests, which the API's per-client rate
   * limit rightly refuses at load rates. Valid until the election's key changes (a restarted
   * ceremony). Thread safe if this scenario's random is.
   */
  public WebBallots webBallots(String electionId) {
    ElectionManifest manifest = ElectionContract.manifest(state, electionId).orElseThrow();
    BallotEncryptor encryptor = new BallotEncryptor(ElectionCrypto.context(state, electionId));
    var style = ElectionCrypto.style(manifest);
    String chainId = chain.chainId();
    return (voter, nonce, ballotId, marks) ->
        SignedTransaction.sign(
            voter,
            nonce,
            new CastBallot(
                electionId,
                voter.publicKey(),
                encryptor
                    .encrypt(style, new PlaintextBallot(ballotId, electionId, marks), random)
                    .ballot()),
            chainId);
  }

  /** Closes the election (its window must have ended in block time). */
  public void close(String electionId) throws IOException {
    govern(new GovernedAction.CloseElection(electionId));
  }

  /**
   * The tally: each trustee in {@code trustees} (at least k) decrypts its share of the aggregate
   * with proofs; the contract combines them once k have. Returns the result per selection.
   */
  public List<Long> tally(String electionId, List<TrusteeFile> trustees) throws IOException {
    ElectionManifest manifest = ElectionContract.manifest(state, electionId).orElseThrow();
    JointElectionKey joint = ElectionCrypto.jointKey(state, electionId);
    List<Ciphertext> aggregate =
        ElectionCrypto.aggregate(state, electionId, ElectionCrypto.selectionCount(manifest));
    for (TrusteeFile t : trustees) {
      DecryptingTrustee trustee = DecryptingTrustee.of(joint, t.index(), t.secretShare());
      List<PartialDecryption> partials = new ArrayList<>();
      for (Ciphertext c : aggregate) {
        partials.add(trustee.partialDecrypt(c, random));
      }
      expectOk(
          "decryption by trustee " + t.index(),
          submit(t.key(), new PublishDecryption(electionId, partials)));
    }
    if (Meetings.isMeeting(state, electionId)) {
      return List.of(); // a meeting's result is per resolution: meetingResult
    }
    return result(electionId).orElseThrow(() -> new IOException("no result after the tally"));
  }

  public void certify(String electionId) throws IOException {
    govern(new GovernedAction.CertifyElection(electionId));
  }

  public Optional<ElectionStatus> status(String electionId) {
    return ElectionContract.status(state, electionId);
  }

  /** The decrypted count per selection, in manifest order, once tallied. */
  public Optional<List<Long>> result(String electionId) {
    return state
        .get(StateKeys.result(electionId))
        .map(b -> new CanonicalReader(b).list(64 * 64, r -> r.varint(Long.MAX_VALUE)));
  }

  private long chainHeight() {
    return state.get(StateKeys.CHAIN_HEAD).map(b -> new CanonicalReader(b).i64()).orElse(0L);
  }

  private static void expectOk(String step, TxReceipt.Outcome outcome) throws StepFailed {
    if (outcome.code() != ErrorCode.OK) {
      throw new StepFailed(step, outcome);
    }
  }
}

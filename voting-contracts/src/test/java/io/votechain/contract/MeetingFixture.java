package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.MeetingBallotEncryptor;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.sig.Signer;
import io.votechain.tx.AddHoldings;
import io.votechain.tx.CastMeetingVote;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.CloseElection;
import io.votechain.tx.GovernedAction.CreateMeeting;
import io.votechain.tx.GovernedAction.OpenElection;
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
import java.util.ArrayList;
import java.util.List;

/**
 * A shareholder meeting on a {@link TestChain}, driven through the contracts only: the meeting
 * manifest, the share register, a real key ceremony of {@code n} trustees (threshold {@code k}),
 * weighted ballots encrypted by holders or their proxies, closing and the threshold tally.
 */
final class MeetingFixture {
  final TestChain chain;
  final String id;
  final MeetingManifest manifest;
  final List<Ed25519Signer> holders = new ArrayList<>();
  final List<Long> shares = new ArrayList<>();
  private final LedgerCeremony ceremony;
  private int ballotCounter;

  MeetingFixture(TestChain chain, String id, Quorum quorum, List<PassThreshold> thresholds) {
    this(
        chain,
        new MeetingManifest(
            election(id, thresholds.size(), RevotePolicy.LAST_VOTE_COUNTS),
            TestChain.START - 86_400_000L,
            quorum,
            thresholds));
  }

  MeetingFixture(TestChain chain, MeetingManifest manifest) {
    this.chain = chain;
    this.id = manifest.meetingId();
    this.manifest = manifest;
    this.ceremony = new LedgerCeremony(chain, id);
  }

  /** A meeting election manifest with {@code resolutions} resolutions {@code r1, r2, ...}. */
  static ElectionManifest election(String id, int resolutions, RevotePolicy policy) {
    List<Contest> contests = new ArrayList<>();
    for (int i = 1; i <= resolutions; i++) {
      contests.add(
          new Contest(
              "r" + i,
              ContestKind.ONE_OF_N,
              1,
              LocalizedText.of("en", "Resolution " + i, "zh", "决议" + i),
              List.of(
                  new Choice("for", LocalizedText.of("en", "For", "zh", "赞成")),
                  new Choice("against", LocalizedText.of("en", "Against", "zh", "反对")),
                  new Choice("abstain", LocalizedText.of("en", "Abstain", "zh", "弃权")))));
    }
    return new ElectionManifest(
        id,
        LocalizedText.of("en", "Annual general meeting", "zh", "年度股东大会"),
        contests,
        TestChain.START,
        TestChain.END,
        policy);
  }

  void create() {
    TxReceipt r = chain.govern(new CreateMeeting(manifest));
    assertEquals(ErrorCode.OK, r.code(), r.reason());
  }

  /** Adds holders with these share counts to the register (one transaction). */
  void register(long... counts) {
    List<Holding> lines = new ArrayList<>();
    for (long count : counts) {
      Ed25519Signer holder = chain.newEd25519();
      holders.add(holder);
      shares.add(count);
      lines.add(new Holding(holder.publicKey(), count));
    }
    TxReceipt r = chain.submit(chain.officials.get(0), new AddHoldings(id, lines));
    assertEquals(ErrorCode.OK, r.code(), r.reason());
  }

  /** Registers {@code n} trustees with threshold {@code k}, runs the ceremony, opens. */
  void ceremonyAndOpen(int n, int k) {
    ceremony.run(n, k);
    chain.time = TestChain.START;
    TxReceipt opened = chain.govern(new OpenElection(id));
    assertEquals(ErrorCode.OK, opened.code(), opened.reason());
  }

  EncryptionContext context() {
    return ElectionCrypto.context(chain.state, id);
  }

  /**
   * Holder {@code holder}'s ballot with one choice per resolution ({@link MeetingManifest#FOR},
   * AGAINST or ABSTAIN), encrypted with the holder's weight from the register.
   */
  EncryptedBallot ballot(int holder, int... choices) {
    return ballotWithWeight(shares.get(holder), choices);
  }

  EncryptedBallot ballotWithWeight(long weight, int... choices) {
    List<List<Integer>> marks = new ArrayList<>();
    for (int choice : choices) {
      List<Integer> m = new ArrayList<>(List.of(0, 0, 0));
      m.set(choice, 1);
      marks.add(m);
    }
    BallotStyle style = Meetings.holderStyle(manifest, weight);
    PlaintextBallot plain = new PlaintextBallot(id + "-b" + (++ballotCounter), id, marks);
    return new MeetingBallotEncryptor(context()).encrypt(style, plain, chain.random).ballot();
  }

  /** {@code signer} casts {@code ballot} for holder {@code holder}. */
  TxReceipt cast(Signer signer, int holder, EncryptedBallot ballot) {
    return chain.submit(signer, new CastMeetingVote(id, key(holder), ballot));
  }

  Ed25519PublicKey key(int holder) {
    return holders.get(holder).publicKey();
  }

  void close() {
    chain.time = TestChain.END;
    TxReceipt r = chain.govern(new CloseElection(id));
    assertEquals(ErrorCode.OK, r.code(), r.reason());
  }

  /** The first {@code k} trustees publish; returns the receipt of the last (the tally). */
  TxReceipt tally(int k) {
    return ceremony.tally(k);
  }

  static MeetingResult tallied(TxReceipt receipt) {
    return receipt.events().stream()
        .filter(e -> e instanceof Event.MeetingTallied)
        .map(e -> ((Event.MeetingTallied) e).result())
        .findFirst()
        .orElseThrow();
  }
}

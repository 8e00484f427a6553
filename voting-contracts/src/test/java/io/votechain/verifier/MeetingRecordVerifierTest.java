package io.votechain.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.contract.ElectionStatus;
import io.votechain.contract.MeetingResult;
import io.votechain.record.RecordSection;
import io.votechain.record.RecordedTransaction;
import io.votechain.record.TransactionRole;
import io.votechain.tx.AddHoldings;
import io.votechain.tx.CastMeetingVote;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.meeting.Holding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A shareholder meeting's record ({@link RecordedElection#meeting()}): the verifier recomputes the
 * register, the ballot that counts for each holder under the proxy rule, every weighted ballot's
 * proofs against the holder's registered weight, the aggregate, the decryption and the decision;
 * and each single tampering fails with its own finding (docs/election-record.md §5).
 */
class MeetingRecordVerifierTest {
  private static RecordedElection meeting;
  private static List<RecordSection> sections;

  @BeforeAll
  static void runMeeting() {
    meeting = RecordedElection.meeting();
    sections = ElectionRecordVerifierTest.read(meeting.record());
  }

  static VerificationReport verify(List<RecordSection> record) {
    return ElectionRecordVerifierTest.verify(ElectionRecordVerifierTest.write(record)).report();
  }

  static String lines(VerificationReport r) {
    return String.join("\n", r.lines());
  }

  static Set<String> reasons(VerificationReport r, Step step) {
    return r.findings(step).stream()
        .map(Finding::reason)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The record with each recorded transaction replaced by {@code change(transaction, decoded)}. */
  static List<RecordSection> changed(
      BiFunction<RecordedTransaction, SignedTransaction, RecordedTransaction> change) {
    List<RecordSection> copy = new ArrayList<>();
    for (RecordSection s : sections) {
      if (s instanceof RecordSection.Block b) {
        List<RecordedTransaction> txs = new ArrayList<>();
        for (RecordedTransaction t : b.transactions()) {
          RecordedTransaction c = change.apply(t, SignedTransaction.decode(t.transaction()));
          if (c != null) {
            txs.add(c);
          }
        }
        copy.add(new RecordSection.Block(b.header(), b.certificate(), b.lastCommit(), txs));
      } else {
        copy.add(s);
      }
    }
    return copy;
  }

  static boolean castFor(SignedTransaction tx, int holder, boolean byHolder) {
    return tx.body() instanceof CastMeetingVote v
        && v.holder().equals(meeting.holders.get(holder).publicKey())
        && tx.signer().equals(v.holder()) == byHolder;
  }

  static RecordedTransaction withRole(RecordedTransaction t, TransactionRole role) {
    return new RecordedTransaction(t.index(), role, t.transaction(), t.auditPath());
  }

  @Test
  void recomputesTheProxyRuleTheTallyAndTheDecision() {
    ElectionRecordVerifier.Verification v =
        ElectionRecordVerifierTest.verify(ElectionRecordVerifierTest.write(sections));

    assertTrue(v.report().passed(), lines(v.report()));
    VerifiedElection e = v.election().orElseThrow();
    assertEquals(meeting.expectedResult, e.result());
    assertEquals(3, e.counted(), "holders 0, 1 and 2; holder 3's proxy ballot was withdrawn");
    assertEquals(ElectionStatus.CERTIFIED, e.status());
    MeetingResult decision = e.meeting().orElseThrow();
    assertEquals(meeting.expectedDecision, decision);
    assertEquals(1000, decision.issuedShares());
    assertEquals(400, decision.representedShares());
    assertTrue(decision.quorumMet());
    assertTrue(decision.resolutions().get(0).passed());
    assertFalse(decision.resolutions().get(1).passed());
    // 5 ballots: the proxy's for 0 and 3, the holders' 0, 1 and 2
    assertEquals(5, v.report().checkedCount(Step.BALLOT_PROOFS));
  }

  @Test
  void oneBitOfOneMeetingBallotFailsItsProofs() {
    List<RecordSection> tampered =
        changed(
            (t, tx) -> {
              if (!castFor(tx, 2, true)) {
                return t;
              }
              byte[] bytes = t.transaction();
              bytes[bytes.length - 65] ^= 1; // the last proof response, before the signature
              return new RecordedTransaction(t.index(), t.role(), bytes, t.auditPath());
            });

    VerificationReport r = verify(tampered);

    assertFalse(r.passed(Step.BALLOT_PROOFS), lines(r));
    assertFalse(r.passed(Step.INCLUSION));
    assertFalse(r.passed(Step.TRANSACTIONS));
    assertEquals(1, r.failureCount(Step.BALLOT_PROOFS), lines(r));
  }

  @Test
  void changedWeightFailsTheBallotsOfThatHolder() {
    // The official's register is re-signed with holder 0 at 101 shares instead of 100.
    List<RecordSection> tampered =
        changed(
            (t, tx) -> {
              if (!(tx.body() instanceof AddHoldings h)) {
                return t;
              }
              List<Holding> lines = new ArrayList<>(h.holdings());
              lines.set(0, new Holding(lines.get(0).holder(), 101));
              SignedTransaction forged =
                  SignedTransaction.sign(
                      meeting.officials.get(0),
                      tx.nonce(),
                      new AddHoldings(h.meetingId(), lines),
                      RecordedElection.CHAIN_ID);
              return new RecordedTransaction(t.index(), t.role(), forged.encode(), t.auditPath());
            });

    VerificationReport r = verify(tampered);

    assertFalse(r.passed(Step.INCLUSION), lines(r));
    assertFalse(r.passed(Step.BALLOT_PROOFS));
    assertTrue(
        reasons(r, Step.BALLOT_PROOFS).stream().allMatch(x -> x.contains("for a weight of 101")),
        lines(r));
    // holder 0's two ballots (the proxy's and its own) no longer prove the registered weight
    assertEquals(2, r.failureCount(Step.BALLOT_PROOFS), lines(r));
  }

  @Test
  void forgedDecisionIsRejectedAtTheMeetingStepOnly() {
    RecordSection.Summary s = ElectionRecordVerifierTest.summaryOf(sections);
    MeetingResult real = s.meetingResult().orElseThrow();
    List<MeetingResult.Resolution> resolutions = new ArrayList<>(real.resolutions());
    MeetingResult.Resolution r2 = resolutions.get(1);
    resolutions.set(
        1,
        new MeetingResult.Resolution(
            r2.resolutionId(), r2.votesFor(), r2.votesAgainst(), r2.abstentions(), true));
    RecordSection.Summary forged =
        new RecordSection.Summary(
            s.manifest(),
            s.status(),
            s.jointKey(),
            s.extendedBaseHash(),
            s.aggregate(),
            s.counted(),
            s.result(),
            java.util.Optional.of(
                new MeetingResult(
                    real.issuedShares(), real.representedShares(), real.quorumMet(), resolutions)));
    List<RecordSection> tampered = new ArrayList<>(sections);
    tampered.set(tampered.size() - 2, forged);

    VerificationReport r = verify(tampered);

    assertEquals(List.of(Step.MEETING), r.failedSteps(), lines(r));
    assertEquals("decision", r.findings(Step.MEETING).get(0).item());
  }

  @Test
  void proxyBallotMarkedCountedAlthoughTheHolderVotedIsRejected() {
    // The record claims the chair's ballot for holder 0 counts, not holder 0's own.
    List<RecordSection> tampered =
        changed(
            (t, tx) ->
                castFor(tx, 0, false)
                    ? withRole(t, TransactionRole.COUNTED)
                    : castFor(tx, 0, true) ? withRole(t, TransactionRole.SUPERSEDED) : t);

    VerificationReport r = verify(tampered);

    assertEquals(List.of(Step.REVOTE), r.failedSteps(), lines(r));
    assertEquals(
        Set.of(
            "the ballots marked counted are not those the proxy rule makes count (3 marked, 3"
                + " count)"),
        reasons(r, Step.REVOTE));
  }

  @Test
  void droppedHolderBallotLetsTheProxyBallotCountAndChangesTheAggregate() {
    List<RecordSection> tampered = changed((t, tx) -> castFor(tx, 0, true) ? null : t);

    VerificationReport r = verify(tampered);

    assertFalse(r.passed(Step.AGGREGATE), lines(r));
    assertFalse(r.passed(Step.REVOTE));
    assertTrue(r.passed(Step.BALLOT_PROOFS));
    assertTrue(r.passed(Step.INCLUSION));
  }
}

package io.votechain.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.contract.ElectionStatus;
import io.votechain.record.RecordSection;
import io.votechain.record.RecordedTransaction;
import io.votechain.tx.Approve;
import io.votechain.tx.DiscloseShare;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A record whose key ceremony was blocked by an unanswered complaint and restarted
 * (docs/contracts.md §4.5, {@link RecordedElection#restarted()}): the verifier follows the round
 * that produced the joint key, and checks that every complaint was answered by a disclosed share
 * that verifies or cost its dealer the seat.
 */
class CeremonyRecordVerifierTest {
  private static RecordedElection election;
  private static List<RecordSection> sections;

  @BeforeAll
  static void runElection() {
    election = RecordedElection.restarted();
    sections = ElectionRecordVerifierTest.read(election.record());
  }

  static VerificationReport verify(List<RecordSection> record) {
    return ElectionRecordVerifierTest.verify(ElectionRecordVerifierTest.write(record)).report();
  }

  static String lines(VerificationReport r) {
    return String.join("\n", r.lines());
  }

  /** The record without the {@code skip}-th transaction (0-based) that {@code which} selects. */
  static List<RecordSection> without(Predicate<SignedTransaction> which, int skip) {
    List<RecordSection> copy = new ArrayList<>(sections);
    int seen = 0;
    for (int s = 0; s < copy.size(); s++) {
      if (copy.get(s) instanceof RecordSection.Block b) {
        List<RecordedTransaction> txs = new ArrayList<>(b.transactions());
        for (int t = 0; t < txs.size(); t++) {
          if (which.test(SignedTransaction.decode(txs.get(t).transaction())) && seen++ == skip) {
            txs.remove(t);
            copy.set(s, new RecordSection.Block(b.header(), b.certificate(), b.lastCommit(), txs));
            return copy;
          }
        }
      }
    }
    throw new AssertionError("no such transaction");
  }

  static Set<String> reasons(VerificationReport r, Step step) {
    return r.findings(step).stream().map(Finding::reason).collect(Collectors.toSet());
  }

  @Test
  void followsTheRestartedRoundToTheJointKeyAndTheResult() {
    ElectionRecordVerifier.Verification v =
        ElectionRecordVerifierTest.verify(ElectionRecordVerifierTest.write(sections));

    assertTrue(v.report().passed(), lines(v.report()));
    VerifiedElection e = v.election().orElseThrow();
    assertEquals(election.expectedResult, e.result());
    assertEquals(ElectionStatus.CERTIFIED, e.status());
  }

  @Test
  void unansweredComplaintOfTheFinalRoundFailsTheCeremony() {
    // Dealer 2's answer to trustee 3 in round 1 (the second disclosure of the record) is dropped.
    VerificationReport r = verify(without(tx -> tx.body() instanceof DiscloseShare, 1));

    assertEquals(List.of(Step.KEY_CEREMONY), r.failedSteps(), lines(r));
    assertEquals(
        Set.of("opened although trustee 2 has not answered the complaint of trustee 3"),
        reasons(r, Step.KEY_CEREMONY));
  }

  @Test
  void restartKeepingADealerWithAnUnansweredComplaintFails() {
    // Without dealer 3's answer in round 0, the restart keeps a silent dealer (trustee 3).
    VerificationReport r = verify(without(tx -> tx.body() instanceof DiscloseShare, 0));

    assertEquals(List.of(Step.KEY_CEREMONY), r.failedSteps(), lines(r));
    assertEquals(
        Set.of("the restart keeps trustee 3, who left a complaint unanswered"),
        reasons(r, Step.KEY_CEREMONY));
  }

  @Test
  void withoutTheRestartTheSecondRoundDoesNotVerify() {
    // The approval that executed the restart is dropped: the verifier stays in round 0, where
    // round 1's announcements are bound to another H_B and signed by other trustees.
    Set<Object> restartProposals = new HashSet<>();
    for (RecordSection s : sections) {
      if (s instanceof RecordSection.Block b) {
        for (RecordedTransaction t : b.transactions()) {
          SignedTransaction tx = SignedTransaction.decode(t.transaction());
          if (tx.body() instanceof Propose p
              && p.action() instanceof GovernedAction.RestartKeyCeremony) {
            restartProposals.add(tx.id());
          }
        }
      }
    }
    VerificationReport r =
        verify(
            without(
                tx -> tx.body() instanceof Approve a && restartProposals.contains(a.proposalId()),
                0));

    assertTrue(r.failedSteps().contains(Step.KEY_CEREMONY), lines(r));
    assertTrue(
        reasons(r, Step.KEY_CEREMONY)
            .contains("published joint key is not the sum of the constant-term commitments"),
        lines(r));
  }
}

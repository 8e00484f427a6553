package io.votechain.consensus.core;

import static io.votechain.consensus.core.CoreFixture.receive;
import static io.votechain.consensus.core.CoreFixture.votes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.message.ConsensusMessage;
import io.votechain.consensus.message.ConsensusMessage.ProposalMessage;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Persist-then-send: a validator rebuilt from its stores never signs a conflicting message. */
class RestartTest {
  private final CoreFixture fx = new CoreFixture(4);
  private final Block v = fx.block(1, 0, "tx-v");
  private final Block w = fx.block(1, 0, "tx-w");

  @Test
  void safetyStateIsSavedBeforeTheVoteIsReturned() {
    CoreFixture.Node node = new CoreFixture.Node();
    ConsensusCore core = fx.core(0, node);
    core.handle(new Input.Start(2_000));
    List<Output> out = core.handle(receive(fx.proposal(v, 0, -1, List.of())));
    Output.Broadcast sent = (Output.Broadcast) out.get(0);
    SafetyState saved = node.safety.load().orElseThrow();
    assertEquals(new SignWatermark(1, 0, SignWatermark.PREVOTE), saved.watermark());
    assertEquals(
        SavedMessage.of(ConsensusMessage.decode(sent.message())), saved.ownMessages().get(0));
  }

  @Test
  void proposedBlockIsWrittenOnceThoughThreeStatesNameIt() {
    // proposer(1, 0) = 1: it proposes v, prevotes v, and on 2f+1 prevotes locks on v and
    // precommits -- three saves, each naming v (own proposal, then also validValue).
    CoreFixture.Node node = new CoreFixture.Node();
    node.mempool.add("tx-1");
    ConsensusCore proposer = fx.core(1, node);
    List<Output> out = proposer.handle(new Input.Start(2_000));
    Block proposed = proposalIn(out).block();
    proposer.handle(receive(fx.voteBytes(2, VoteType.PREVOTE, 1, 0, proposed)));
    List<Output> precommit =
        proposer.handle(receive(fx.voteBytes(3, VoteType.PREVOTE, 1, 0, proposed)));
    assertEquals(
        List.of(new Vote(VoteType.PRECOMMIT, 1, 0, Optional.of(proposed.hash()), 1)),
        votes(precommit));
    assertEquals(3, node.safety.saves());
    assertEquals(1, node.safety.blockWrites());
    assertEquals(List.of(proposed.hash()), node.safety.load().orElseThrow().blockHashes());
  }

  @Test
  void restartedProposerResendsItsProposalWithTheSavedBlock() {
    CoreFixture.Node node = new CoreFixture.Node();
    node.mempool.add("tx-1");
    ConsensusCore before = fx.core(1, node);
    byte[] proposal = proposalIn(before.handle(new Input.Start(2_000))).encode();

    ConsensusCore after = fx.core(1, node);
    List<Output> resumed = after.handle(new Input.Start(2_050));
    assertTrue(
        resumed.stream()
            .anyMatch(
                o ->
                    o instanceof Output.Broadcast b
                        && java.util.Arrays.equals(b.message(), proposal)));
  }

  @Test
  void restartedLockedValidatorReproposesItsValidBlockFromTheStore() {
    CoreFixture.Node node = new CoreFixture.Node();
    ConsensusCore before = fx.core(0, node);
    before.handle(new Input.Start(2_000));
    before.handle(receive(fx.proposal(v, 0, -1, List.of())));
    before.handle(receive(fx.voteBytes(1, VoteType.PREVOTE, 1, 0, v)));
    before.handle(receive(fx.voteBytes(2, VoteType.PREVOTE, 1, 0, v)));
    // The old block is gone with the process; only the safety store knows it now.
    ConsensusCore after = fx.core(0, node);
    after.handle(new Input.Start(2_100));
    // Rounds 0, 1 and 2 end on 2f+1 nil precommits; validator 0 proposes in round 3.
    List<Output> out = List.of();
    for (int r = 0; r <= 2; r++) {
      for (int i = 1; i <= 3; i++) {
        after.handle(receive(fx.voteBytes(i, VoteType.PRECOMMIT, 1, r, null)));
      }
      out = after.handle(new Input.TimerExpired(new Timer(TimerKind.PRECOMMIT, 1, r), 2_300));
    }
    assertEquals(3, after.round());
    ProposalMessage reproposal = proposalIn(out);
    assertEquals(v, reproposal.block());
    assertEquals(0, reproposal.proposal().validRound());
    assertEquals(3, reproposal.proofOfLock().size());
  }

  private static ProposalMessage proposalIn(List<Output> outputs) {
    for (Output o : outputs) {
      if (o instanceof Output.Broadcast b
          && ConsensusMessage.decode(b.message()) instanceof ProposalMessage pm) {
        return pm;
      }
    }
    throw new AssertionError("no proposal in " + outputs);
  }

  @Test
  void restartedValidatorResendsItsVoteAndNeverSignsAnotherForTheSameRound() {
    CoreFixture.Node node = new CoreFixture.Node();
    ConsensusCore before = fx.core(0, node);
    before.handle(new Input.Start(2_000));
    Output.Broadcast prevote =
        (Output.Broadcast) before.handle(receive(fx.proposal(v, 0, -1, List.of()))).get(0);

    ConsensusCore after = fx.core(0, node);
    List<Output> resumed = after.handle(new Input.Start(2_050));
    assertTrue(
        resumed.stream()
            .anyMatch(
                o ->
                    o instanceof Output.Broadcast b
                        && java.util.Arrays.equals(b.message(), prevote.message())));
    // The equivocating proposer now shows it w, and the propose timer fires: no new prevote.
    assertEquals(List.of(), votes(after.handle(receive(fx.proposal(w, 0, -1, List.of())))));
    assertEquals(
        List.of(),
        votes(after.handle(new Input.TimerExpired(new Timer(TimerKind.PROPOSE, 1, 0), 2_200))));
    assertEquals(Step.PREVOTE, after.step());
  }

  @Test
  void restartedValidatorKeepsItsLock() {
    CoreFixture.Node node = new CoreFixture.Node();
    ConsensusCore before = fx.core(0, node);
    before.handle(new Input.Start(2_000));
    before.handle(receive(fx.proposal(v, 0, -1, List.of())));
    before.handle(receive(fx.voteBytes(1, VoteType.PREVOTE, 1, 0, v)));
    before.handle(receive(fx.voteBytes(2, VoteType.PREVOTE, 1, 0, v)));

    ConsensusCore after = fx.core(0, node);
    after.handle(new Input.Start(2_100));
    for (int i = 1; i <= 3; i++) {
      after.handle(receive(fx.voteBytes(i, VoteType.PRECOMMIT, 1, 0, null)));
    }
    after.handle(new Input.TimerExpired(new Timer(TimerKind.PRECOMMIT, 1, 0), 2_300));
    Block other = fx.block(1, 1, "tx-other");
    List<Output> out = after.handle(receive(fx.proposal(other, 1, -1, List.of())));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 1, Optional.empty(), 0)), votes(out));
  }

  @Test
  void restartedValidatorResendsThePrecommitsThatMovedItIntoItsRound() {
    // Found by the simulator (soak seed 1016343): a validator that moved to round 1 on 2f+1
    // precommits and then crashed must bring those precommits back, or the validators still in
    // round 0 can never follow it.
    CoreFixture.Node node = new CoreFixture.Node();
    ConsensusCore before = fx.core(0, node);
    before.handle(new Input.Start(2_000));
    byte[] p1 = fx.voteBytes(1, VoteType.PRECOMMIT, 1, 0, null);
    byte[] p2 = fx.voteBytes(2, VoteType.PRECOMMIT, 1, 0, null);
    byte[] p3 = fx.voteBytes(3, VoteType.PRECOMMIT, 1, 0, null);
    before.handle(receive(p1));
    before.handle(receive(p2));
    before.handle(receive(p3));
    before.handle(new Input.TimerExpired(new Timer(TimerKind.PRECOMMIT, 1, 0), 2_300));
    before.handle(new Input.TimerExpired(new Timer(TimerKind.PROPOSE, 1, 1), 2_500));
    assertEquals(1, before.round());

    ConsensusCore after = fx.core(0, node);
    List<Output> resumed = after.handle(new Input.Start(2_600));
    assertEquals(1, after.round());
    for (byte[] precommit : List.of(p1, p2, p3)) {
      assertTrue(
          resumed.stream()
              .anyMatch(
                  o ->
                      o instanceof Output.Broadcast b
                          && java.util.Arrays.equals(b.message(), precommit)));
    }
  }
}

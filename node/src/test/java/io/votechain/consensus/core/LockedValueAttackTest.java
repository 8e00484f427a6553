package io.votechain.consensus.core;

import static io.votechain.consensus.core.CoreFixture.receive;
import static io.votechain.consensus.core.CoreFixture.votes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The locked-value attack (Buchman et al. §4, lines 22-43): validator 0 locks on v in round 0; in
 * later rounds it must not prevote or precommit another value unless it sees a proof of lock from a
 * round at least as recent as its lock. proposer(1, 0) = 1, proposer(1, 1) = 2, proposer(1, 2) = 3.
 */
class LockedValueAttackTest {
  private final CoreFixture fx = new CoreFixture(4);
  private final Block v = fx.block(1, 0, "tx-v");
  private final Block w = fx.block(1, 1, "tx-w");

  /** Validator 0 prevotes and precommits v in round 0, then moves to round 1 on timeout. */
  private ConsensusCore lockedOnV(boolean lockRule) {
    ConsensusCore core = fx.core(0, new CoreFixture.Node(), lockRule);
    core.handle(new Input.Start(2_000));
    core.handle(receive(fx.proposal(v, 0, -1, List.of())));
    core.handle(receive(fx.voteBytes(1, VoteType.PREVOTE, 1, 0, v)));
    List<Output> out = core.handle(receive(fx.voteBytes(2, VoteType.PREVOTE, 1, 0, v)));
    assertEquals(List.of(new Vote(VoteType.PRECOMMIT, 1, 0, Optional.of(v.hash()), 0)), votes(out));
    core.handle(receive(fx.voteBytes(1, VoteType.PRECOMMIT, 1, 0, null)));
    core.handle(receive(fx.voteBytes(2, VoteType.PRECOMMIT, 1, 0, null)));
    core.handle(new Input.TimerExpired(new Timer(TimerKind.PRECOMMIT, 1, 0), 2_300));
    assertEquals(1, core.round());
    return core;
  }

  @Test
  void lockedValidatorPrevotesNilForAFreshProposalOfAnotherValue() {
    ConsensusCore core = lockedOnV(true);
    List<Output> out = core.handle(receive(fx.proposal(w, 1, -1, List.of())));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 1, Optional.empty(), 0)), votes(out));
  }

  @Test
  void brokenVariantWithoutTheLockRulePrevotesTheOtherValue() {
    // The same input to the deliberately broken core: shows the test above can fail.
    ConsensusCore core = lockedOnV(false);
    List<Output> out = core.handle(receive(fx.proposal(w, 1, -1, List.of())));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 1, Optional.of(w.hash()), 0)), votes(out));
  }

  @Test
  void lockedValidatorDoesNotPrecommitAnotherValueWithoutAProofOfLock() {
    ConsensusCore core = lockedOnV(true);
    List<Vote> all = new ArrayList<>(votes(core.handle(receive(fx.proposal(w, 1, -1, List.of())))));
    all.addAll(votes(core.handle(receive(fx.voteBytes(1, VoteType.PREVOTE, 1, 1, w)))));
    all.addAll(votes(core.handle(receive(fx.voteBytes(2, VoteType.PREVOTE, 1, 1, w)))));
    all.addAll(
        votes(core.handle(new Input.TimerExpired(new Timer(TimerKind.PREVOTE, 1, 1), 2_500))));
    assertEquals(
        List.of(
            new Vote(VoteType.PREVOTE, 1, 1, Optional.empty(), 0),
            new Vote(VoteType.PRECOMMIT, 1, 1, Optional.empty(), 0)),
        all);
  }

  @Test
  void lockedValidatorPrecommitsAnotherValueOnAProofOfLockFromALaterRound() {
    ConsensusCore core = lockedOnV(true);
    core.handle(receive(fx.proposal(w, 1, -1, List.of())));
    core.handle(receive(fx.voteBytes(1, VoteType.PREVOTE, 1, 1, w)));
    core.handle(receive(fx.voteBytes(2, VoteType.PREVOTE, 1, 1, w)));
    List<Output> out = core.handle(receive(fx.voteBytes(3, VoteType.PREVOTE, 1, 1, w)));
    assertEquals(List.of(new Vote(VoteType.PRECOMMIT, 1, 1, Optional.of(w.hash()), 0)), votes(out));
  }

  @Test
  void lockedValidatorPrevotesTheLockedValueReproposedWithItsProofOfLock() {
    ConsensusCore core = lockedOnV(true);
    List<SignedVote> pol =
        List.of(
            fx.vote(0, VoteType.PREVOTE, 1, 0, v),
            fx.vote(1, VoteType.PREVOTE, 1, 0, v),
            fx.vote(2, VoteType.PREVOTE, 1, 0, v));
    List<Output> out = core.handle(receive(fx.proposal(v, 1, 0, pol)));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 1, Optional.of(v.hash()), 0)), votes(out));
  }

  @Test
  void lockedValidatorPrevotesAnotherValueWhoseProofOfLockIsNewerThanItsLock() {
    ConsensusCore core = lockedOnV(true);
    // Round 1: w gathers n - f prevotes elsewhere; validator 0 only sees them later, as a POL.
    core.handle(receive(fx.voteBytes(1, VoteType.PRECOMMIT, 1, 1, null)));
    core.handle(receive(fx.voteBytes(2, VoteType.PRECOMMIT, 1, 1, null)));
    core.handle(receive(fx.voteBytes(3, VoteType.PRECOMMIT, 1, 1, null)));
    core.handle(new Input.TimerExpired(new Timer(TimerKind.PRECOMMIT, 1, 1), 2_600));
    assertEquals(2, core.round());
    List<SignedVote> pol =
        List.of(
            fx.vote(1, VoteType.PREVOTE, 1, 1, w),
            fx.vote(2, VoteType.PREVOTE, 1, 1, w),
            fx.vote(3, VoteType.PREVOTE, 1, 1, w));
    List<Output> out = core.handle(receive(fx.proposal(w, 2, 1, pol)));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 2, Optional.of(w.hash()), 0)), votes(out));
  }

  @Test
  void proofOfLockOlderThanTheLockDoesNotUnlock() {
    CoreFixture.Node node = new CoreFixture.Node();
    ConsensusCore core = fx.core(0, node, true);
    core.handle(new Input.Start(2_000));
    // Round 0: nothing decided; round 1: lock on w.
    for (int i = 1; i <= 3; i++) {
      core.handle(receive(fx.voteBytes(i, VoteType.PRECOMMIT, 1, 0, null)));
    }
    core.handle(new Input.TimerExpired(new Timer(TimerKind.PRECOMMIT, 1, 0), 2_200));
    core.handle(receive(fx.proposal(w, 1, -1, List.of())));
    core.handle(receive(fx.voteBytes(1, VoteType.PREVOTE, 1, 1, w)));
    core.handle(receive(fx.voteBytes(2, VoteType.PREVOTE, 1, 1, w)));
    for (int i = 1; i <= 3; i++) {
      core.handle(receive(fx.voteBytes(i, VoteType.PRECOMMIT, 1, 1, null)));
    }
    core.handle(new Input.TimerExpired(new Timer(TimerKind.PRECOMMIT, 1, 1), 2_400));
    // Round 2: v re-proposed with a proof of lock from round 0 < lockedRound 1.
    List<SignedVote> pol =
        List.of(
            fx.vote(1, VoteType.PREVOTE, 1, 0, v),
            fx.vote(2, VoteType.PREVOTE, 1, 0, v),
            fx.vote(3, VoteType.PREVOTE, 1, 0, v));
    List<Output> out = core.handle(receive(fx.proposal(v, 2, 0, pol)));
    assertTrue(votes(out).contains(new Vote(VoteType.PREVOTE, 1, 2, Optional.empty(), 0)));
  }

  @Test
  void proofOfLockCountsEvenWhenItsEquivocatorFilledItsVoteSlotsWithJunk() {
    // Found by the soak (seed 1014915): validator 3 equivocates with junk prevotes until our
    // VoteSet keeps no more of its values; its real prevote then arrives inside a proof of lock.
    ConsensusCore core = fx.core(0, new CoreFixture.Node(), true);
    core.handle(new Input.Start(2_000));
    for (int i = 1; i <= 3; i++) {
      Vote junk =
          new Vote(
              VoteType.PREVOTE,
              1,
              0,
              Optional.of(io.votechain.crypto.hash.Sha256.hash(new byte[] {(byte) i})),
              3);
      core.handle(
          receive(
              new io.votechain.consensus.message.ConsensusMessage.VoteMessage(
                      new SignedVote(junk, fx.keys.get(3).sign(junk.signBytes(fx.chainId))))
                  .encode()));
    }
    for (int i = 1; i <= 3; i++) {
      core.handle(receive(fx.voteBytes(i, VoteType.PRECOMMIT, 1, 0, null)));
    }
    core.handle(new Input.TimerExpired(new Timer(TimerKind.PRECOMMIT, 1, 0), 2_300));
    List<SignedVote> pol =
        List.of(
            fx.vote(1, VoteType.PREVOTE, 1, 0, v),
            fx.vote(2, VoteType.PREVOTE, 1, 0, v),
            fx.vote(3, VoteType.PREVOTE, 1, 0, v));
    List<Output> out = core.handle(receive(fx.proposal(v, 1, 0, pol)));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 1, Optional.of(v.hash()), 0)), votes(out));
  }
}

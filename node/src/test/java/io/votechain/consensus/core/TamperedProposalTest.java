package io.votechain.consensus.core;

import static io.votechain.consensus.core.CoreFixture.receive;
import static io.votechain.consensus.core.CoreFixture.votes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.message.ConsensusMessage;
import io.votechain.consensus.message.ConsensusMessage.ProposalMessage;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.consensus.validation.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The root cause of soak seed 3093761, by hand. A proposal signs id(v), the header hash; the header
 * commits to the transactions through their Merkle root. A copy of the proposer's message with the
 * header and signature intact but other transactions (anyone relaying can make one, no key needed)
 * used to pass as "the proposal of round r": it was stored, valid(v) = false was cached under
 * id(v), and every genuine copy of v was then a duplicate of an "invalid" block — so the validator
 * prevoted nil for v in that round and, through the cache, in every later round that re-proposed v
 * with its proof of lock (lines 28-33). Validators 2 and 3 were locked on v, the Byzantine
 * validator 0 had decided and fell silent, and validator 1's nil prevote kept v one vote short of a
 * quorum in every round. proposer(1, 0) = 1, proposer(1, 1) = 2.
 */
class TamperedProposalTest {
  private final CoreFixture fx = new CoreFixture(4);
  private final Block v = fx.block(1, 0, "tx-1", "tx-2");

  /** The proposer's message with its signed header kept and its transactions swapped. */
  private static byte[] tampered(byte[] genuine) {
    ProposalMessage pm = (ProposalMessage) ConsensusMessage.decode(genuine);
    Block swapped =
        new Block(
            pm.block().header(),
            List.of(
                "tx-1".getBytes(StandardCharsets.UTF_8), "tx-X".getBytes(StandardCharsets.UTF_8)),
            pm.block().lastCommit());
    return new ProposalMessage(pm.signed(), swapped, pm.proofOfLock()).encode();
  }

  private ConsensusCore started() {
    ConsensusCore core = fx.core(0, new CoreFixture.Node());
    core.handle(new Input.Start(2_000));
    return core;
  }

  @Test
  void copyWithSwappedTransactionsIsDroppedAndEarnsNoPrevote() {
    ConsensusCore core = started();
    List<Output> out = core.handle(receive(tampered(fx.proposal(v, 0, -1, List.of()))));
    assertEquals(List.of(), votes(out));
    assertEquals(1L, core.drops().get(RejectReason.BLOCK_HASH_MISMATCH));
  }

  @Test
  void genuineProposalArrivingAfterATamperedCopyIsPrevoted() {
    ConsensusCore core = started();
    byte[] genuine = fx.proposal(v, 0, -1, List.of());
    core.handle(receive(tampered(genuine)));
    List<Output> out = core.handle(receive(genuine));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 0, Optional.of(v.hash()), 0)), votes(out));
  }

  @Test
  void tamperedCopyOfAnEarlierRoundDoesNotSpoilTheReProposalWithItsProofOfLock() {
    ConsensusCore core = started();
    // Round 0: the proposal reaches validator 0 only as a tampered copy; it times out to nil.
    core.handle(receive(tampered(fx.proposal(v, 0, -1, List.of()))));
    core.handle(new Input.TimerExpired(new Timer(TimerKind.PROPOSE, 1, 0), 2_100));
    for (int from = 1; from <= 3; from++) {
      core.handle(receive(fx.voteBytes(from, VoteType.PRECOMMIT, 1, 0, null)));
    }
    core.handle(new Input.TimerExpired(new Timer(TimerKind.PRECOMMIT, 1, 0), 2_200));
    assertEquals(1, core.round());
    // Round 1: the proposer re-proposes v with the prevotes 1, 2, 3 gave it in round 0.
    List<SignedVote> proofOfLock =
        List.of(
            fx.vote(1, VoteType.PREVOTE, 1, 0, v),
            fx.vote(2, VoteType.PREVOTE, 1, 0, v),
            fx.vote(3, VoteType.PREVOTE, 1, 0, v));
    List<Output> out = core.handle(receive(fx.proposal(v, 1, 0, proofOfLock)));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 1, Optional.of(v.hash()), 0)), votes(out));
  }
}

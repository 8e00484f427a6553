package io.votechain.consensus.core;

import static io.votechain.consensus.core.CoreFixture.receive;
import static io.votechain.consensus.core.CoreFixture.votes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.message.ConsensusMessage.VoteMessage;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.consensus.validation.RejectReason;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad network input is dropped and counted by reason; nothing escapes the core. */
class HostileInputTest {
  private final CoreFixture fx = new CoreFixture(4);

  private ConsensusCore started() {
    ConsensusCore core = fx.core(0, new CoreFixture.Node());
    core.handle(new Input.Start(2_000));
    return core;
  }

  @Test
  void randomBytesAreDroppedAsMalformed() throws Exception {
    ConsensusCore core = started();
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] junk = new byte[random.nextInt(300)];
      random.nextBytes(junk);
      if (junk.length > 0) {
        junk[0] = (byte) (1 + random.nextInt(4));
      }
      assertEquals(List.of(), core.handle(receive(junk)));
    }
    assertEquals(2_000L, core.drops().get(RejectReason.MALFORMED));
  }

  @Test
  void everySingleBitFlipOfAVoteIsDropped() {
    ConsensusCore core = started();
    byte[] good = fx.voteBytes(2, VoteType.PREVOTE, 1, 0, fx.block(1, 0, "x"));
    long dropped = 0;
    for (int i = 0; i < good.length * 8; i++) {
      byte[] bad = good.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      core.handle(receive(bad));
    }
    for (long c : core.drops().values()) {
      dropped += c;
    }
    assertEquals(good.length * 8L, dropped);
  }

  @Test
  void voteSignedWithAnotherValidatorsKeyIsDroppedForItsSignature() {
    ConsensusCore core = started();
    Vote forged = new Vote(VoteType.PREVOTE, 1, 0, Optional.empty(), 2);
    SignedVote sv = new SignedVote(forged, fx.keys.get(3).sign(forged.signBytes(fx.chainId)));
    core.handle(receive(new VoteMessage(sv).encode()));
    assertEquals(1L, core.drops().get(RejectReason.BAD_SIGNATURE));
  }

  @Test
  void voteFromOutsideTheValidatorSetIsDropped() {
    ConsensusCore core = started();
    Vote stranger = new Vote(VoteType.PREVOTE, 1, 0, Optional.empty(), 7);
    SignedVote sv = new SignedVote(stranger, fx.keys.get(3).sign(stranger.signBytes(fx.chainId)));
    core.handle(receive(new VoteMessage(sv).encode()));
    assertEquals(1L, core.drops().get(RejectReason.UNKNOWN_VALIDATOR));
  }

  @Test
  void proposalFromAValidatorWhoIsNotTheProposerIsDropped() {
    ConsensusCore core = started();
    Block b = fx.block(1, 0, "x");
    var p = new io.votechain.consensus.message.Proposal(1, 0, -1, b.hash(), 2);
    var sp =
        new io.votechain.consensus.message.SignedProposal(
            p, fx.keys.get(2).sign(p.signBytes(fx.chainId)));
    core.handle(
        receive(
            new io.votechain.consensus.message.ConsensusMessage.ProposalMessage(sp, b, List.of())
                .encode()));
    assertEquals(1L, core.drops().get(RejectReason.WRONG_PROPOSER));
  }

  @Test
  void replayedVoteIsCountedOnceAndDroppedAsDuplicate() {
    ConsensusCore core = started();
    byte[] vote = fx.voteBytes(2, VoteType.PREVOTE, 1, 0, null);
    core.handle(receive(vote));
    core.handle(receive(vote));
    assertEquals(1L, core.drops().get(RejectReason.DUPLICATE));
  }

  @Test
  void blockWithATransactionTheApplicationRejectsEarnsANilPrevote() {
    ConsensusCore core = started();
    Block bad = fx.block(1, 0, "tx-1", "bad-tx");
    List<Output> out = core.handle(receive(fx.proposal(bad, 0, -1, List.of())));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 0, Optional.empty(), 0)), votes(out));
  }

  @Test
  void blockFromTooFarInTheFutureEarnsANilPrevote() {
    ConsensusCore core = started();
    Block b = fx.block(1, 0, "tx-1");
    List<Output> out =
        core.handle(new Input.MessageReceived(fx.proposal(b, 0, -1, List.of()), 1_000));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 0, Optional.empty(), 0)), votes(out));
  }

  @Test
  void blockWithADuplicatedTransactionEarnsANilPrevote() {
    ConsensusCore core = started();
    Block b = fx.block(1, 0, "tx-1", "tx-1");
    List<Output> out = core.handle(receive(fx.proposal(b, 0, -1, List.of())));
    assertEquals(List.of(new Vote(VoteType.PREVOTE, 1, 0, Optional.empty(), 0)), votes(out));
  }
}

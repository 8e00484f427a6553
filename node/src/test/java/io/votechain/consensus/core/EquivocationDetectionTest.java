package io.votechain.consensus.core;

import static io.votechain.consensus.core.CoreFixture.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.consensus.message.VoteType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Equivocation is detected, kept, exposed as an output, and verifiable by anyone. */
class EquivocationDetectionTest {
  private final CoreFixture fx = new CoreFixture(4);
  private final Block v = fx.block(1, 0, "tx-v");
  private final Block w = fx.block(1, 0, "tx-w");

  @Test
  void twoConflictingPrevotesBecomeVerifiableEvidence() {
    ConsensusCore core = fx.core(0, new CoreFixture.Node());
    core.handle(new Input.Start(2_000));
    core.handle(receive(fx.voteBytes(3, VoteType.PREVOTE, 1, 0, v)));
    List<Output> out = core.handle(receive(fx.voteBytes(3, VoteType.PREVOTE, 1, 0, w)));
    Output.EvidenceFound found = (Output.EvidenceFound) out.get(0);
    EquivocationEvidence e = found.evidence();
    assertInstanceOf(EquivocationEvidence.DuplicateVote.class, e);
    assertEquals(3, e.offender());
    assertTrue(e.verify(fx.genesis, fx.chainId));
    assertEquals(List.of(e), core.evidence());
    assertTrue(EquivocationEvidence.decode(e.encode()).verify(fx.genesis, fx.chainId));
  }

  @Test
  void twoProposalsForOneRoundBecomeVerifiableEvidence() {
    ConsensusCore core = fx.core(0, new CoreFixture.Node());
    core.handle(new Input.Start(2_000));
    core.handle(receive(fx.proposal(v, 0, -1, List.of())));
    List<Output> out = core.handle(receive(fx.proposal(w, 0, -1, List.of())));
    EquivocationEvidence e = ((Output.EvidenceFound) out.get(0)).evidence();
    assertInstanceOf(EquivocationEvidence.DuplicateProposal.class, e);
    assertEquals(1, e.offender());
    assertTrue(e.verify(fx.genesis, fx.chainId));
  }

  @Test
  void evidenceOfTwoIdenticalVotesDoesNotVerify() {
    var same =
        new EquivocationEvidence.DuplicateVote(
            fx.vote(3, VoteType.PREVOTE, 1, 0, v), fx.vote(3, VoteType.PREVOTE, 1, 0, v));
    assertFalse(same.verify(fx.genesis, fx.chainId));
  }

  @Test
  void evidenceOfVotesInDifferentRoundsDoesNotVerify() {
    var rounds =
        new EquivocationEvidence.DuplicateVote(
            fx.vote(3, VoteType.PREVOTE, 1, 0, v), fx.vote(3, VoteType.PREVOTE, 1, 1, w));
    assertFalse(rounds.verify(fx.genesis, fx.chainId));
  }

  @Test
  void evidenceDoesNotVerifyOnAnotherChain() {
    var e =
        new EquivocationEvidence.DuplicateVote(
            fx.vote(3, VoteType.PREVOTE, 1, 0, v), fx.vote(3, VoteType.PREVOTE, 1, 0, w));
    assertTrue(e.verify(fx.genesis, fx.chainId));
    assertFalse(e.verify(fx.genesis, io.votechain.crypto.hash.Hash32.ZERO));
  }
}

package io.votechain.consensus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.message.ConsensusMessage;
import io.votechain.consensus.message.ConsensusMessage.ProposalMessage;
import io.votechain.consensus.message.ConsensusMessage.SyncRequest;
import io.votechain.consensus.message.ConsensusMessage.SyncResponse;
import io.votechain.consensus.message.ConsensusMessage.VoteMessage;
import io.votechain.consensus.message.Proposal;
import io.votechain.consensus.message.SignedProposal;
import io.votechain.consensus.message.VoteType;
import io.votechain.consensus.validation.CertificateValidator;
import io.votechain.consensus.validation.RejectReason;
import io.votechain.consensus.validation.SignatureVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Four honest validators commit one chain; a cut-off validator catches up and verifies. */
class CommitAndCatchUpTest {
  private final CoreFixture fx = new CoreFixture(4);

  @Test
  void honestValidatorsCommitTheSameChainWithQuorumCertificatesAndStateHashes() {
    LockstepNetwork net = new LockstepNetwork(fx);
    net.nodes.get(1).mempool.add("tx-a");
    net.nodes.get(2).mempool.add("tx-b");
    net.start();
    assertTrue(net.runUntil(() -> net.committed.stream().allMatch(c -> c.size() >= 5), 100_000));
    CertificateValidator certs =
        new CertificateValidator(fx.genesis, fx.chainId, new SignatureVerifier(fx.genesis, 64));
    List<CommittedBlock> chain = net.committed.get(0);
    for (int i = 1; i < 4; i++) {
      for (int h = 0; h < 5; h++) {
        assertEquals(chain.get(h).block(), net.committed.get(i).get(h).block());
      }
    }
    for (int h = 0; h < 5; h++) {
      Block b = chain.get(h).block();
      assertEquals(h + 1, b.height());
      assertTrue(certs.validate(chain.get(h).certificate(), h + 1, b.hash()).accepted());
      if (h > 0) {
        Block parent = chain.get(h - 1).block();
        assertEquals(parent.hash(), b.header().previousBlockHash());
        assertEquals(
            io.votechain.crypto.hash.Sha256.hash(parent.hash().bytes()), b.header().stateHash());
        assertTrue(b.header().timestamp() > parent.header().timestamp());
      }
    }
    // Block 1 is validator 1's (proposer(1,0)), block 2 validator 2's: each carries its mempool.
    assertEquals("tx-a", new String(chain.get(0).block().transaction(0)));
    assertEquals("tx-b", new String(chain.get(1).block().transaction(0)));
  }

  @Test
  void cutOffValidatorFetchesVerifiesAndAppliesTheBlocksItMissed() {
    LockstepNetwork net = new LockstepNetwork(fx);
    net.connected[3] = false;
    net.start();
    assertTrue(net.runUntil(() -> net.committed.get(0).size() >= 20, 200_000));
    net.connected[3] = true;
    net.feed(3, new Input.Start(10_000));
    assertTrue(
        net.runUntil(() -> net.committed.get(3).size() >= 24, 400_000),
        "validator 3 stayed at height " + net.cores.get(3).height());
    for (int h = 0; h < 24; h++) {
      assertEquals(net.committed.get(0).get(h).block(), net.committed.get(3).get(h).block());
    }
    assertTrue(net.nodes.get(3).blocks.lastHeight() >= 24);
    assertTrue(net.cores.get(3).drops().getOrDefault(RejectReason.HEIGHT_TOO_FAR_AHEAD, 0L) > 0);
  }

  /**
   * From a 4-validator trace: a validator two heights behind dropped height h's proposal as too far
   * ahead, caught up to h from that proposal's author, then held the others' n − f precommits for
   * the block but not the block. It could not decide, went to round 1 on the precommit timeout and
   * got the block seconds later from a relay timer. It must ask a precommitter for it at once.
   */
  @Test
  void aValidatorThatDroppedAProposalAsTooFarAheadAsksForItsBlockAtOnce() {
    long h = 3;
    // Validator 0 proposes neither height 1 nor 2, so the others decide them without it.
    int late = 0;
    LockstepNetwork net = new LockstepNetwork(fx);
    // Below h: it stays two behind, so h's proposal is too far ahead. Above h: a buffered h+1
    // message (relay) or an h+2 message (catch-up) would fetch the block by the existing paths.
    net.lose = (to, bytes) -> to == late && heightOf(bytes) >= 0 && heightOf(bytes) != h;
    record Asked(int peer, long fromHeight, long height, int round, List<Long> dropped) {}
    List<Asked> asked = new ArrayList<>();
    net.onSent =
        s -> {
          if (s.from() == late && ConsensusMessage.decode(s.bytes()) instanceof SyncRequest r) {
            ConsensusCore c = net.cores.get(late);
            asked.add(
                new Asked(
                    s.to(), r.fromHeight(), c.height(), c.round(), c.droppedProposalHeights()));
          }
        };
    List<LockstepNetwork.Fired> timersOfH = new ArrayList<>();
    net.onFired =
        f -> {
          if (f.node() == late && f.timer().height() == h) {
            timersOfH.add(f);
          }
        };
    net.start();
    net.runUntil(
        () -> net.committed.get(late).size() >= h || net.committed.get(1).size() >= h + 3, 100_000);

    assertEquals(
        h,
        net.committed.get(late).size(),
        "validator 0 did not decide height 3: " + net.cores.get(late).diagnostics());
    assertEquals(net.committed.get(1).get(2).block(), net.committed.get(late).get(2).block());
    assertEquals(List.of(), timersOfH, "decided only after a timer fired");
    // The catch-up the dropped proposal set off (to its author, validator 3), then the block: of
    // validators 1, 2 and 3, who precommitted it, the lowest is asked, in round 0 still.
    assertEquals(
        List.of(new Asked(3, 1, 1, 0, List.of(h)), new Asked(1, h, h, 0, List.of(h))), asked);
    assertEquals(1, net.cores.get(late).decidedBlockFetches());
    assertEquals(List.of(), net.cores.get(late).droppedProposalHeights(), "not pruned");
  }

  /**
   * The precommitter asked first has not decided yet (it answers nothing), or its answer is lost,
   * as here: once the SYNC timer ends that request, the next precommitter is asked and brings the
   * block. Asking only once left the validator waiting for relay and catch-up, which bring nothing
   * here.
   */
  @Test
  void anUnansweredFetchAsksTheNextPrecommitterAfterTheSyncTimer() {
    long h = 3;
    int late = 0;
    LockstepNetwork net =
        stalledAfterTheDroppedProposal(
            h,
            late,
            (to, bytes) ->
                to == late
                    && ConsensusMessage.decode(bytes) instanceof SyncResponse r
                    && r.responder() == 1);
    record Asked(int peer, long fromHeight, long syncTimersFired) {}
    List<Asked> asked = new ArrayList<>();
    List<TimerKind> firedAtH = firedAt(net, late, h);
    net.onSent =
        s -> {
          if (s.from() == late && ConsensusMessage.decode(s.bytes()) instanceof SyncRequest r) {
            asked.add(new Asked(s.to(), r.fromHeight(), count(firedAtH, TimerKind.SYNC)));
          }
        };
    net.start();
    net.runUntil(() -> net.committed.get(late).size() >= h, 20_000);

    assertTrue(
        net.committed.get(late).size() >= h,
        "validator 0 did not decide height 3: " + net.cores.get(late).diagnostics());
    assertEquals(net.committed.get(1).get(2).block(), net.committed.get(late).get(2).block());
    // The catch-up to the dropped proposal's author; validator 1, whose answer is lost; then,
    // after the SYNC timer ended that request, validator 2.
    assertEquals(List.of(new Asked(3, 1, 0), new Asked(1, h, 0), new Asked(2, h, 1)), asked);
    assertEquals(2, net.cores.get(late).decidedBlockFetches());
  }

  /**
   * However long nothing answers, each precommitter besides us is asked once, lowest first, one
   * SYNC timeout apart, and then no more: Byzantine precommits cannot make us flood peers.
   */
  @Test
  void theFetchAsksEveryOtherPrecommitterOnceAndThenStops() {
    long h = 3;
    int late = 0;
    LockstepNetwork net =
        stalledAfterTheDroppedProposal(
            h,
            late,
            (to, bytes) ->
                to == late
                    && ConsensusMessage.decode(bytes) instanceof SyncResponse r
                    && r.blocks().get(0).height() >= h);
    List<Integer> askedForH = new ArrayList<>();
    net.onSent =
        s -> {
          if (s.from() == late
              && ConsensusMessage.decode(s.bytes()) instanceof SyncRequest r
              && r.fromHeight() == h) {
            askedForH.add(s.to());
          }
        };
    List<TimerKind> firedAtH = firedAt(net, late, h);
    net.start();
    // Ten relay periods at h: several times the three SYNC timeouts the retries take.
    assertTrue(net.runUntil(() -> count(firedAtH, TimerKind.RELAY) >= 10, 100_000));

    assertEquals(h, net.cores.get(late).height());
    assertEquals(h + 1, net.committed.get(1).size(), "the others did not stall at h + 2");
    assertEquals(List.of(1, 2, 3), askedForH);
    assertEquals(3, net.cores.get(late).decidedBlockFetches());
    assertEquals(3, count(firedAtH, TimerKind.SYNC));
  }

  /**
   * The network of {@link #aValidatorThatDroppedAProposalAsTooFarAheadAsksForItsBlockAtOnce} for
   * validator {@code late} and height {@code h}, losing {@code alsoLost} too, and stalled at h + 2
   * (all of it lost, for everyone): the lockstep network fires timers only when no message is in
   * flight, and the others would otherwise decide empty heights without end and no SYNC timer would
   * ever fire.
   */
  private LockstepNetwork stalledAfterTheDroppedProposal(
      long h, int late, BiPredicate<Integer, byte[]> alsoLost) {
    LockstepNetwork net = new LockstepNetwork(fx);
    net.lose =
        (to, bytes) ->
            (to == late && heightOf(bytes) >= 0 && heightOf(bytes) != h)
                || heightOf(bytes) >= h + 2
                || alsoLost.test(to, bytes);
    return net;
  }

  /** The kinds of the timers of height {@code h} that fire at {@code node}, in order. */
  private static List<TimerKind> firedAt(LockstepNetwork net, int node, long h) {
    List<TimerKind> fired = new ArrayList<>();
    net.onFired =
        f -> {
          if (f.node() == node && f.timer().height() == h) {
            fired.add(f.timer().kind());
          }
        };
    return fired;
  }

  private static long count(List<TimerKind> fired, TimerKind kind) {
    return fired.stream().filter(k -> k == kind).count();
  }

  /**
   * What made the ungated fetch cost throughput at saturation (docs/consensus.md §8): the small
   * precommits overtake a large proposal. A validator that merely has not received the proposal yet
   * waits for it and asks for nothing.
   */
  @Test
  void aValidatorStillWaitingForAProposalDoesNotAskForTheBlock() {
    long h = 2;
    int late = 3;
    LockstepNetwork net = new LockstepNetwork(fx);
    List<byte[]> held = new ArrayList<>();
    net.lose =
        (to, bytes) -> {
          if (to != late || heightOf(bytes) < h) {
            return false;
          }
          if (heightOf(bytes) == h && ConsensusMessage.decode(bytes) instanceof ProposalMessage) {
            held.add(bytes);
            return true;
          }
          // Above h, as above: no other path to the block.
          return heightOf(bytes) > h;
        };
    List<SyncRequest> requests = new ArrayList<>();
    net.onSent =
        s -> {
          if (s.from() == late && ConsensusMessage.decode(s.bytes()) instanceof SyncRequest r) {
            requests.add(r);
          }
        };
    net.start();
    net.runUntil(() -> net.committed.get(0).size() >= h + 3, 100_000);
    assertEquals(h - 1, net.committed.get(late).size());
    assertEquals(1, held.size());
    assertEquals(List.of(), requests, "asked for a block whose proposal is only late");

    net.deliver(late, held.get(0));
    assertTrue(net.runUntil(() -> net.committed.get(late).size() >= h, 100_000));
    assertEquals(net.committed.get(0).get(1).block(), net.committed.get(late).get(1).block());
    assertEquals(List.of(), requests);
    assertEquals(0, net.cores.get(late).decidedBlockFetches());
  }

  /**
   * Only a verified proposal dropped for being ahead counts: one for h+2 or later, or for h+1 when
   * the next-height buffer is full; not a buffered one, a forged one, a vote, nor one of our own
   * height dropped as too many rounds ahead (dropped before its signature is checked).
   */
  @Test
  void onlyVerifiedProposalsDroppedForBeingAheadAreRecorded() {
    ConsensusCore core = fx.core(3, new CoreFixture.Node());
    core.handle(new Input.Start(2_000));
    core.handle(CoreFixture.receive(forgedProposal(5)));
    core.handle(CoreFixture.receive(fx.voteBytes(1, VoteType.PRECOMMIT, 7, 0, null)));
    core.handle(CoreFixture.receive(proposalOf(2, 0)));
    core.handle(CoreFixture.receive(fx.proposal(fx.block(1, 3, "x"), 3, -1, List.of())));
    assertEquals(1L, core.drops().get(RejectReason.BAD_SIGNATURE));
    assertEquals(1L, core.drops().get(RejectReason.HEIGHT_TOO_FAR_AHEAD));
    assertEquals(1L, core.drops().get(RejectReason.ROUND_TOO_FAR_AHEAD));
    assertEquals(List.of(), core.droppedProposalHeights());

    for (int round = 0; round < 6; round++) {
      for (int from = 0; from < fx.n; from++) {
        core.handle(CoreFixture.receive(fx.voteBytes(from, VoteType.PREVOTE, 2, round, null)));
        core.handle(CoreFixture.receive(fx.voteBytes(from, VoteType.PRECOMMIT, 2, round, null)));
      }
    }
    core.handle(CoreFixture.receive(proposalOf(2, 1)));
    assertEquals(List.of(2L), core.droppedProposalHeights());
  }

  /**
   * A proposer (Byzantine, or honest and far ahead) signing proposals for many later heights cannot
   * grow the record beyond 16 heights, nor push the nearest out; heights passed are pruned.
   */
  @Test
  void theRecordKeepsTheLowestSixteenHeightsAndForgetsThosePassed() {
    LockstepNetwork net = new LockstepNetwork(fx);
    net.start();
    assertTrue(net.runUntil(() -> net.committed.get(0).size() >= 10, 100_000));
    ConsensusCore core = fx.core(3, new CoreFixture.Node());
    core.handle(new Input.Start(2_000));
    int byzantine = 2;
    for (long height = 60; height >= 3; height--) {
      core.handle(CoreFixture.receive(proposalBy(byzantine, height)));
    }
    assertEquals(LongStream.rangeClosed(3, 18).boxed().toList(), core.droppedProposalHeights());

    List<CommittedBlock> blocks = net.committed.get(0).subList(0, 10);
    byte[] sig = fx.keys.get(0).sign(SyncResponse.signBytes(fx.chainId, 0, blocks));
    core.handle(CoreFixture.receive(new SyncResponse(0, blocks, sig).encode()));
    assertEquals(11, core.height());
    assertEquals(LongStream.rangeClosed(11, 18).boxed().toList(), core.droppedProposalHeights());
  }

  /** The height of a proposal or vote; −1 for sync messages. */
  private static long heightOf(byte[] bytes) {
    ConsensusMessage m = ConsensusMessage.decode(bytes);
    if (m instanceof ProposalMessage pm) {
      return pm.proposal().height();
    }
    return m instanceof VoteMessage vm ? vm.vote().height() : -1;
  }

  private byte[] proposalOf(long height, int round) {
    return fx.proposal(fx.block(height, round, "x"), round, -1, List.of());
  }

  /** A correctly signed proposal of {@code proposer} for {@code height}, in a round it leads. */
  private byte[] proposalBy(int proposer, long height) {
    int round = 0;
    while (fx.genesis.proposer(height, round) != proposer) {
      round++;
    }
    return proposalOf(height, round);
  }

  /** A proposal for {@code height} from its proposer, signed with another validator's key. */
  private byte[] forgedProposal(long height) {
    Block b = fx.block(height, 0, "x");
    int proposer = fx.genesis.proposer(height, 0);
    Proposal p = new Proposal(height, 0, -1, b.hash(), proposer);
    byte[] sig = fx.keys.get((proposer + 1) % fx.n).sign(p.signBytes(fx.chainId));
    return new ProposalMessage(new SignedProposal(p, sig), b, List.of()).encode();
  }

  @Test
  void syncResponseWithTooFewPrecommitsIsRejected() {
    LockstepNetwork net = new LockstepNetwork(fx);
    net.connected[3] = false;
    net.start();
    assertTrue(net.runUntil(() -> net.committed.get(0).size() >= 1, 100_000));
    CommittedBlock real = net.committed.get(0).get(0);
    CommitCertificate twoSigners = fx.certificate(real.block(), real.certificate().round(), 0, 1);
    assertForgedSyncIsRejected(
        new CommittedBlock(real.block(), twoSigners), RejectReason.BAD_CERTIFICATE);
  }

  @Test
  void syncResponseWithATamperedBlockIsRejected() {
    LockstepNetwork net = new LockstepNetwork(fx);
    net.nodes.get(1).mempool.add("tx-a");
    net.connected[3] = false;
    net.start();
    assertTrue(net.runUntil(() -> net.committed.get(0).size() >= 1, 100_000));
    CommittedBlock real = net.committed.get(0).get(0);
    Block tampered =
        new Block(real.block().header(), List.of("tx-evil".getBytes()), real.block().lastCommit());
    assertForgedSyncIsRejected(
        new CommittedBlock(tampered, real.certificate()), RejectReason.BAD_TRANSACTIONS_ROOT);
  }

  private void assertForgedSyncIsRejected(CommittedBlock forged, RejectReason expected) {
    CoreFixture.Node fresh = new CoreFixture.Node();
    ConsensusCore lagging = fx.core(3, fresh);
    lagging.handle(new Input.Start(2_000));
    List<CommittedBlock> blocks = List.of(forged);
    byte[] sig = fx.keys.get(2).sign(SyncResponse.signBytes(fx.chainId, 2, blocks));
    lagging.handle(new Input.MessageReceived(new SyncResponse(2, blocks, sig).encode(), 3_000));
    assertEquals(1L, lagging.drops().get(expected));
    assertEquals(0, fresh.blocks.lastHeight());
    assertEquals(Optional.empty(), fresh.blocks.get(1));
  }
}

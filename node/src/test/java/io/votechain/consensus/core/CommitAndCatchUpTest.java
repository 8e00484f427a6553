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
import io.votechain.consensus.validation.CertificateValidator;
import io.votechain.consensus.validation.RejectReason;
import io.votechain.consensus.validation.SignatureVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
   * ahead, caught up to h, then held the others' n − f precommits for the block but not the block.
   * It could not decide, went to round 1 on the precommit timeout and got the block seconds later
   * from a relay timer. It must ask a precommitter for the block at once instead.
   */
  @Test
  void aValidatorThatMissedADecidedProposalAsksForTheBlockAtOnce() {
    long h = 2;
    int late = 3;
    LockstepNetwork net = new LockstepNetwork(fx);
    // Nothing of later heights either: a buffered h+1 message (relay) or an h+2 message (catch-up)
    // would otherwise fetch the block by the existing paths, and this test would prove nothing.
    net.lose = (to, bytes) -> to == late && lostOnTheWayToTheLateValidator(bytes, h);
    List<LockstepNetwork.Sent> requests = new ArrayList<>();
    net.onSent =
        s -> {
          if (s.from() == late && ConsensusMessage.decode(s.bytes()) instanceof SyncRequest) {
            requests.add(s);
          }
        };
    List<LockstepNetwork.Fired> lateTimers = new ArrayList<>();
    net.onFired =
        f -> {
          if (f.node() == late) {
            lateTimers.add(f);
          }
        };
    net.start();
    net.runUntil(
        () -> net.committed.get(late).size() >= h || net.committed.get(0).size() >= h + 3, 100_000);

    assertEquals(
        h,
        net.committed.get(late).size(),
        "validator 3 did not decide height 2: " + net.cores.get(late).diagnostics());
    assertEquals(net.committed.get(0).get(1).block(), net.committed.get(late).get(1).block());
    assertEquals(List.of(), lateTimers, "decided only after a timer fired");
    assertEquals(1, requests.size(), "one request, no storm");
    // Validators 0, 1 and 2 precommitted: the lowest of them is asked.
    assertEquals(0, requests.get(0).to());
    assertEquals(h, ((SyncRequest) ConsensusMessage.decode(requests.get(0).bytes())).fromHeight());
  }

  /** Height h's proposal, and every proposal and vote of a later height. */
  private static boolean lostOnTheWayToTheLateValidator(byte[] bytes, long h) {
    ConsensusMessage m = ConsensusMessage.decode(bytes);
    if (m instanceof ProposalMessage pm) {
      return pm.proposal().height() >= h;
    }
    return m instanceof VoteMessage vm && vm.vote().height() > h;
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

package io.votechain.consensus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.message.ConsensusMessage.SyncResponse;
import io.votechain.consensus.validation.CertificateValidator;
import io.votechain.consensus.validation.RejectReason;
import io.votechain.consensus.validation.SignatureVerifier;
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

package io.votechain.consensus.core;

import io.votechain.consensus.block.CommittedBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures (does not assert) what a committed block costs with zero-latency links: rounds,
 * messages, signatures and signature verifications, and how many blocks per second one thread
 * sustains running ALL n validators with real Ed25519 signing and verification. Not part of the
 * default run (the name does not end in Test); run with {@code mvn -B -pl node test
 * -Dtest=ConsensusCostMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ConsensusCostMeasurement {
  private static final int WARM_UP = 30;

  @Test
  void measure() {
    run(4, 0, 0, 400, false); // JIT warm-up, not reported
    ed25519Baseline();
    System.out.println(
        "| n | validators down | txs/block | blocks | rounds/block | view changes/block"
            + " | messages sent/block | signatures/block | verifications/block"
            + " | blocks/s (all n on one thread) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (int n : new int[] {4, 7, 10, 16}) {
      run(n, 0, 0, n >= 16 ? 150 : 300, true);
    }
    for (int n : new int[] {4, 7}) {
      run(n, 0, 100, 200, true);
    }
    run(4, 1, 0, 200, true);
    run(7, 2, 0, 150, true);
  }

  /** The same machine's raw Ed25519 speed, to read the table against. */
  private static void ed25519Baseline() {
    CoreFixture fx = new CoreFixture(1);
    var key = fx.keys.get(0);
    byte[] msg = new byte[120];
    byte[] sig = key.sign(msg);
    int count = 3_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      msg[0] = (byte) i;
      key.sign(msg);
    }
    long t1 = System.nanoTime();
    msg[0] = 0;
    sig = key.sign(msg);
    for (int i = 0; i < count; i++) {
      key.publicKey().verify(msg, sig);
    }
    long t2 = System.nanoTime();
    System.out.printf(
        "Ed25519 on this machine now: %.0f signatures/s, %.0f verifications/s%n",
        count / ((t1 - t0) / 1e9), count / ((t2 - t1) / 1e9));
  }

  private static void run(int n, int down, int txsPerBlock, int blocks, boolean report) {
    CoreFixture fx = new CoreFixture(n);
    LockstepNetwork net = new LockstepNetwork(fx);
    for (int i = 0; i < down; i++) {
      net.connected[n - 1 - i] = false;
    }
    // The fixture's application accepts replays and its mempool is never drained, so each
    // proposer batches the same txsPerBlock transactions of ~100 bytes into every block.
    for (CoreFixture.Node node : net.nodes) {
      for (int t = 0; t < txsPerBlock; t++) {
        node.mempool.add("tx-" + t + "-" + "x".repeat(90));
      }
    }
    net.start();
    net.runUntil(() -> net.committed.get(0).size() >= WARM_UP, 10_000_000);
    long messages0 = 0;
    long signatures0 = 0;
    long verifications0 = 0;
    for (ConsensusCore c : net.cores) {
      messages0 += c.messagesSent();
      signatures0 += c.signaturesMade();
      verifications0 += c.signatureVerifications();
    }
    long t0 = System.nanoTime();
    net.runUntil(() -> net.committed.get(0).size() >= WARM_UP + blocks, 100_000_000);
    long nanos = System.nanoTime() - t0;
    long messages = -messages0;
    long signatures = -signatures0;
    long verifications = -verifications0;
    for (ConsensusCore c : net.cores) {
      messages += c.messagesSent();
      signatures += c.signaturesMade();
      verifications += c.signatureVerifications();
    }
    List<CommittedBlock> chain = net.committed.get(0).subList(WARM_UP, WARM_UP + blocks);
    double rounds = chain.stream().mapToInt(b -> b.certificate().round() + 1).average().orElse(0);
    long txs = chain.stream().mapToLong(b -> b.block().transactionCount()).sum();
    if (!report) {
      return;
    }
    System.out.printf(
        "| %d | %d | %.0f | %d | %.2f | %.2f | %.1f | %.1f | %.1f | %.0f |%n",
        n,
        down,
        (double) txs / blocks,
        blocks,
        rounds,
        rounds - 1,
        (double) messages / blocks,
        (double) signatures / blocks,
        (double) verifications / blocks,
        blocks / (nanos / 1e9));
  }
}

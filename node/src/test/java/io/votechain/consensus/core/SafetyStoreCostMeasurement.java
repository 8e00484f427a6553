package io.votechain.consensus.core;

import io.votechain.consensus.block.Block;
import io.votechain.crypto.hash.Hash32;
import io.votechain.node.FileSafetyStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Measures (does not assert) what persisting the safety state costs per committed block when it
 * goes to real fsynced files ({@link FileSafetyStore}): saves, bytes handed to write(2) and the
 * time spent inside {@link SafetyStore#save}, for 4 validators in one thread on zero-latency links.
 * Not part of the default run (the name does not end in Test); run with {@code mvn -B -pl node test
 * -Dtest=SafetyStoreCostMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SafetyStoreCostMeasurement {
  private static final int WARM_UP = 10;
  private static final ConsensusConfig BIG_BLOCKS =
      new ConsensusConfig(
          new TimeoutPolicy(100, 100, 100, 1600), 500, 1000, 5_000, 4 * 1024 * 1024, 1024);

  @Test
  void measure() throws IOException {
    run(0, 0, 40, false); // JIT warm-up, not reported
    System.out.println(
        "| txs/block | tx bytes | blocks | saves/block | bytes written/block"
            + " | ms in save()/block | ms/block (all 4 validators) |");
    System.out.println("|---|---|---|---|---|---|---|");
    run(0, 0, 100, true);
    run(100, 100, 100, true);
    run(1_000, 1_000, 40, true);
  }

  /** Wraps a store: counts saves and the time they take (the fsyncs). */
  private static final class Timed implements SafetyStore {
    private final SafetyStore inner;
    long saves;
    long nanos;

    Timed(SafetyStore inner) {
      this.inner = inner;
    }

    @Override
    public Optional<SafetyState> load() {
      return inner.load();
    }

    @Override
    public Optional<Block> loadBlock(Hash32 hash) {
      return inner.loadBlock(hash);
    }

    @Override
    public void save(SafetyState state, List<Block> blocks) {
      long t0 = System.nanoTime();
      inner.save(state, blocks);
      nanos += System.nanoTime() - t0;
      saves++;
    }
  }

  private static void run(int txs, int txBytes, int blocks, boolean report) throws IOException {
    CoreFixture fx = new CoreFixture(4);
    Path dir = Files.createTempDirectory("safety-cost");
    Timed[] stores = new Timed[fx.n];
    LockstepNetwork net =
        new LockstepNetwork(
            fx,
            (i, node) -> {
              stores[i] = new Timed(new FileSafetyStore(dir.resolve("v" + i).resolve("safety")));
              return new ConsensusCore(
                  fx.genesis,
                  i,
                  fx.keys.get(i),
                  BIG_BLOCKS,
                  stores[i],
                  node.blocks,
                  node.app.fresh(),
                  node.mempool);
            });
    for (CoreFixture.Node node : net.nodes) {
      for (int t = 0; t < txs; t++) {
        String prefix = "tx-" + t + "-";
        node.mempool.add(prefix + "x".repeat(Math.max(0, txBytes - prefix.length())));
      }
    }
    net.start();
    net.runUntil(() -> net.committed.get(0).size() >= WARM_UP, 10_000_000);
    long saves0 = 0;
    long nanos0 = 0;
    for (Timed s : stores) {
      saves0 += s.saves;
      nanos0 += s.nanos;
    }
    long written0 = writtenBytes();
    long t0 = System.nanoTime();
    net.runUntil(() -> net.committed.get(0).size() >= WARM_UP + blocks, 100_000_000);
    long wall = System.nanoTime() - t0;
    long written = writtenBytes() - written0;
    long saves = -saves0;
    long nanos = -nanos0;
    for (Timed s : stores) {
      saves += s.saves;
      nanos += s.nanos;
    }
    deleteTree(dir);
    if (report) {
      System.out.printf(
          "| %d | %d | %d | %.1f | %.0f | %.2f | %.2f |%n",
          txs,
          txBytes,
          blocks,
          (double) saves / blocks,
          (double) written / blocks,
          nanos / 1e6 / blocks,
          wall / 1e6 / blocks);
    }
  }

  /** Bytes this process has passed to write(2) so far (Linux; -1 elsewhere). */
  private static long writtenBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/io"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("wchar:")) {
          return Long.parseLong(line.substring(6).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the column reads -1
    }
    return -1;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validator never runs on a store that holds another chain's blocks. */
class StoreOfAnotherChainTest {
  @TempDir Path dir;

  private static ValidatorNode node(Path root, Path config) throws IOException {
    var contracts = GenesisFile.readContracts(root.resolve("genesis.json")).orElseThrow();
    return new ValidatorNode(
        NodeConfig.load(config, Map.of()), new ContractsStateMachine(contracts));
  }

  private static void await(io.vertx.core.Future<?> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void aValidatorRefusesTheStoreOfAnotherChainAndStillRestartsOnItsOwn() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path configA =
        LocalNetwork.initWithContracts(
                a, 1, LoopbackPorts.freeBlock(10), "rocksdb", System.currentTimeMillis())
            .get(0);
    Path configB =
        LocalNetwork.initWithContracts(
                b, 1, LoopbackPorts.freeBlock(10), "rocksdb", System.currentTimeMillis() + 1)
            .get(0);
    ValidatorNode first = node(a, configA);
    await(first.start());
    Await.until(() -> first.height() >= 2, 60, "chain A commits blocks");
    await(first.stop());

    // Chain B's validator given chain A's store (as two networks on one Cassandra server were).
    Path dataA = NodeConfig.load(configA, Map.of()).dataDir();
    Path dataB = NodeConfig.load(configB, Map.of()).dataDir();
    copyTree(dataA.resolve("ledger"), dataB.resolve("ledger"));
    ValidatorNode intruder = node(b, configB);
    ExecutionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> await(intruder.start()));
    assertTrue(
        refused.getCause().getMessage().startsWith("the store holds another chain"),
        refused.getCause().getMessage());
    intruder.stop();

    // Its own validator still starts on it and goes on.
    ValidatorNode again = node(a, configA);
    try {
      await(again.start());
      long h = again.height();
      assertTrue(h >= 2, "restarted at " + h);
      Await.until(() -> again.height() > h, 60, "chain A goes on");
    } finally {
      await(again.stop());
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      paths.forEach(
          p -> {
            try {
              Path target = to.resolve(from.relativize(p).toString());
              if (Files.isDirectory(p)) {
                Files.createDirectories(target);
              } else {
                Files.copy(p, target);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}

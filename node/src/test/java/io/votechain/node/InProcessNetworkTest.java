package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.mempool.Admission;
import io.votechain.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four validators in one JVM, over real TCP, on RocksDB: they commit the same chain. */
class InProcessNetworkTest {
  @TempDir Path dir;
  private final List<ValidatorNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (ValidatorNode n : nodes) {
      if (n != null) {
        n.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void fourValidatorsCommitTheSameBlocksAndStateFromTransactionsSubmittedToAnyOfThem()
      throws Exception {
    List<Path> configs =
        LocalNetwork.init(
            dir, 4, LoopbackPorts.freeBlock(40), "rocksdb", 1_700_000_000_000L, Hash32.ZERO);
    for (Path c : configs) {
      ValidatorNode node =
          new ValidatorNode(NodeConfig.load(c, Map.of()), new NotaryStateMachine());
      node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      nodes.add(node);
    }
    List<Hash32> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] tx = ("ballot " + i).getBytes(StandardCharsets.UTF_8);
      Admission a =
          nodes
              .get(i % 4)
              .submit(tx)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertEquals(Admission.ACCEPTED, a);
      ids.add(new NotaryStateMachine().transactionId(tx));
    }
    Await.until(
        () -> nodes.stream().allMatch(n -> allCommitted(n, ids)), 60, "all transactions committed");
    long height = nodes.stream().mapToLong(ValidatorNode::height).min().orElseThrow();
    Await.until(() -> nodes.stream().allMatch(n -> n.height() >= height), 30, "same height");
    // Same state hash at the same height: compare once all are at the max height seen.
    long max = nodes.stream().mapToLong(ValidatorNode::height).max().orElseThrow();
    Await.until(() -> nodes.stream().allMatch(n -> n.height() >= max), 30, "catch up");
    assertTrue(max >= 1);
    for (long h = 1; h <= max; h++) {
      var reference = nodes.get(0).storedBlock(h).orElseThrow();
      for (ValidatorNode n : nodes) {
        var b = n.storedBlock(h).orElseThrow();
        assertEquals(reference.hash(), b.hash(), "block hash at " + h);
        assertEquals(reference.stateHash(), b.stateHash(), "state hash at " + h);
      }
    }
    // Health, readiness and Prometheus metrics over HTTP.
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + nodes.get(0).httpPort();
    assertEquals(200, get(http, base + "/health").statusCode());
    assertEquals(200, get(http, base + "/ready").statusCode());
    String metrics = get(http, base + "/metrics").body();
    assertTrue(metrics.contains("votechain_committed_height"), metrics);
    assertTrue(metrics.contains("votechain_store_commit_seconds_count"), metrics);
    assertTrue(metrics.contains("votechain_block_execution_seconds_count"), metrics);
    // The JVM's own metrics: the heap, and RocksDB's native memory, which they do not show.
    assertTrue(metrics.contains("jvm_memory_used_bytes{area=\"heap\""), metrics);
    assertTrue(metrics.contains("jvm_gc_"), metrics);
    assertTrue(gauge(metrics, "votechain_store_native_bytes") > 0, metrics);
    assertTrue(gauge(metrics, "votechain_store_memtable_bytes") > 0, metrics);
    // A resubmitted, committed transaction is refused by every validator's state machine.
    byte[] again = "ballot 0".getBytes(StandardCharsets.UTF_8);
    assertTrue(!nodes.get(2).check(again).ok());
  }

  /** The value of an untagged gauge in a Prometheus scrape. */
  private static double gauge(String scrape, String name) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in the scrape"));
  }

  private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url)
      throws Exception {
    return http.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static boolean allCommitted(ValidatorNode n, List<Hash32> ids) {
    for (Hash32 id : ids) {
      if (n.check(("ballot " + ids.indexOf(id)).getBytes(StandardCharsets.UTF_8)).ok()) {
        return false;
      }
    }
    return true;
  }
}

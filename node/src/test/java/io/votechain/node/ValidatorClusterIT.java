package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.crypto.hash.Hash32;
import io.votechain.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validator processes on loopback (the {@code start} command, as operators run it): they
 * commit the same chain; a validator killed with SIGKILL under load catches up after restart; with
 * two of four down (more than f) the network halts without committing, and resumes when one
 * returns.
 */
class ValidatorClusterIT {
  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> configs = new ArrayList<>();
  private final List<Integer> httpPorts = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void killAll(org.junit.jupiter.api.TestInfo info) throws IOException {
    for (int i = 0; i < 4; i++) {
      Path log = dir.resolve("validator-" + i + ".log");
      if (java.nio.file.Files.exists(log)) {
        List<String> lines = java.nio.file.Files.readAllLines(log);
        System.out.println(
            "---- "
                + info.getDisplayName()
                + " validator "
                + i
                + " (last lines) ----\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
      }
    }
    processes.forEach(
        p -> {
          if (p != null) {
            p.destroyForcibly();
          }
        });
  }

  private final Map<Integer, Map<String, String>> environments = new java.util.HashMap<>();

  private void launch(int i) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                io.votechain.node.cli.Votechain.class.getName(),
                "start",
                "--config",
                configs.get(i).toString())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("validator-" + i + ".log").toFile()));
    builder.environment().putAll(environments.getOrDefault(i, Map.of()));
    Process p = builder.start();
    if (processes.size() > i) {
      processes.set(i, p);
    } else {
      processes.add(p);
    }
  }

  /** Fails with what each silent validator last logged, so that a CI log alone tells why. */
  private void awaitAllServing(long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int i = 0; i < 4 && all; i++) {
        all = status(i) != null;
      }
      if (all) {
        return;
      }
      Thread.sleep(200);
    }
    StringBuilder why = new StringBuilder("timed out waiting until all four validators serve HTTP");
    for (int i = 0; i < 4; i++) {
      if (status(i) == null) {
        Path log = dir.resolve("validator-" + i + ".log");
        List<String> lines =
            java.nio.file.Files.exists(log) ? java.nio.file.Files.readAllLines(log) : List.of();
        why.append("\n-- validator ")
            .append(i)
            .append(processes.get(i).isAlive() ? " (running)" : " (exited)")
            .append(" on HTTP port ")
            .append(httpPorts.get(i))
            .append(":\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
      }
    }
    throw new AssertionError(why.toString());
  }

  private JsonObject status(int i) {
    return StatusProbe.status(http, httpPorts.get(i));
  }

  private String metrics(int i) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(i) + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private long height(int i) {
    JsonObject s = status(i);
    return s == null ? -1 : s.getLong("height");
  }

  private int submit(int i, String tx) throws Exception {
    return http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPorts.get(i) + "/api/v1/transactions"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(tx.getBytes(StandardCharsets.UTF_8)))
                .header("content-type", "application/octet-stream")
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private boolean committed(int i, String tx) {
    Hash32 id = new NotaryStateMachine().transactionId(tx.getBytes(StandardCharsets.UTF_8));
    try {
      return http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + httpPorts.get(i)
                                  + "/api/v1/transactions/"
                                  + id.hex()))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void validatorsAgreeSurviveAKillDashNineAndHaltSafelyWithoutAQuorum() throws Exception {
    runScenario();
  }

  @Test
  void aValidatorOnCassandraAgreesWithTheOthersAndSurvivesAKillDashNine() throws Exception {
    int port = io.votechain.store.cassandra.CassandraTestServer.get().cqlPort();
    environments.put(
        3,
        Map.of(
            "VOTECHAIN_STORE", "cassandra",
            "VOTECHAIN_CASSANDRA_CONTACT_POINTS", "127.0.0.1:" + port,
            "VOTECHAIN_CASSANDRA_KEYSPACE", "cluster_it_" + System.nanoTime() % 1_000_000));
    runScenario();
  }

  private void runScenario() throws Exception {
    configs.addAll(
        LocalNetwork.init(
            dir,
            4,
            LoopbackPorts.freeBlock(40),
            "rocksdb",
            System.currentTimeMillis(),
            Hash32.ZERO));
    for (int i = 0; i < 4; i++) {
      httpPorts.add(NodeConfig.load(configs.get(i), Map.of()).httpPort());
      launch(i);
    }
    awaitAllServing(180);

    // Load on all four, then SIGKILL validator 3 in the middle of it.
    for (int t = 0; t < 60; t++) {
      assertEquals(202, submit(t % 3, "tx " + t));
      if (t == 30) {
        processes.get(3).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    Await.until(
        () -> committed(0, "tx 59") && committed(1, "tx 59") && committed(2, "tx 59"),
        60,
        "the three survivors commit everything");
    long before = height(0);
    launch(3);
    Await.until(() -> height(3) >= before, 180, "the restarted validator catches up");
    assertTrue(committed(3, "tx 10") && committed(3, "tx 59"));
    // A Cassandra validator reads through the committed-state cache and exports its counters;
    // RocksDB is read directly.
    assertEquals(
        environments.containsKey(3),
        metrics(3).contains("votechain_state_cache_misses_total"),
        "validator 3 exports the state cache's counters exactly when its store is Cassandra");
    assertTrue(!metrics(0).contains("votechain_state_cache"), "RocksDB is read directly");

    // Same chain everywhere: state hash of each node at a common height.
    assertEquals(status(0).getString("chainId"), status(3).getString("chainId"));

    // Two of four down: no quorum, so nothing may commit.
    processes.get(2).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    processes.get(3).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    long halted = Math.max(height(0), height(1));
    assertEquals(202, submit(0, "during the halt"));
    Thread.sleep(5_000);
    assertEquals(halted, Math.max(height(0), height(1)), "no commit without a quorum");
    assertTrue(!committed(0, "during the halt"));

    // One returns: three of four is a quorum again.
    launch(2);
    Await.until(
        () -> committed(0, "during the halt") && committed(2, "during the halt"),
        120,
        "the network resumes and commits what waited");
  }
}

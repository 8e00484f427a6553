package io.votechain.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.agent.queue.Outbox;
import io.votechain.agent.queue.OutboxEntry;
import io.votechain.contract.StateKeys;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.TcpProxy;
import io.votechain.testing.Await;
import io.votechain.tx.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * kill -9 of the agent with ballots in its queue (issue #7): the agent runs as a child JVM (its
 * real main, {@code device-agent run}, on the test JVM's class path) against a real validator with
 * the MQTT gateway, and voters use its kiosk page over HTTP. The network between them is a proxy
 * that lets the kiosk's messages through but drops every reply, so the first check-in is committed
 * while the kiosk never hears so, and everything after it waits in the queue. The child is then
 * killed with SIGKILL, restarted on the same data folder, and every queued transaction must be
 * committed exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceAgentCrashRecoveryIT {
  private static final String DEVICE = "kiosk-k9";
  private static final int BALLOTS = 3;

  private Path dir;
  private LedgerNetwork network;
  private TcpProxy proxy;
  private final List<AgentProcess> children = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startNetwork() throws Exception {
    dir = LedgerNetwork.scratchDirectory();
    network = new LedgerNetwork(dir, BALLOTS);
    proxy = new TcpProxy(network.mqttPort());
  }

  @AfterAll
  void stopNetwork() throws Exception {
    for (AgentProcess child : children) {
      child.stop();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (network != null) {
      network.close();
    }
    LedgerNetwork.delete(dir);
  }

  @Test
  void aKioskKilledWithBallotsInItsQueueDeliversEveryOneExactlyOnceAfterARestart()
      throws Throwable {
    try {
      killAndRestart();
    } catch (Throwable failure) {
      for (AgentProcess child : children) {
        child.printLog();
      }
      throw failure;
    }
  }

  private void killAndRestart() throws Exception {
    Path config =
        network.provision(DEVICE, List.of(proxy.uri()), Optional.empty(), new JsonObject());
    AgentProcess first = start(config, "first");
    first.awaitStatus(
        s ->
            s.getString("attestation").equals("FRESH")
                && s.getJsonArray("elections").contains(LedgerNetwork.ELECTION),
        "the first run attests and has the election");
    long countedBefore = network.counted();

    // From here on the kiosk's messages reach the node but nothing comes back.
    proxy.muteReplies();
    List<Hash32> ballots = new ArrayList<>();
    for (int i = 0; i < BALLOTS; i++) {
      Ed25519Signer voter = network.voters.get(i);
      first.post(
          "/poll-worker/check-in",
          "election="
              + LedgerNetwork.ELECTION
              + "&credential="
              + HexFormat.of().formatHex(voter.publicKey().encoded()));
      first.post("/voter/mark", "contest-0=" + (i % 2));
      first.post("/voter/cast", "");
      JsonObject receipt = first.status().getJsonObject("receipt");
      assertEquals(0L, receipt.getLong("height"), "the kiosk has heard of no block");
      ballots.add(Hash32.of(HexFormat.of().parseHex(receipt.getString("ballotHash"))));
    }
    first.awaitStatus(
        s -> s.getInteger("queueLength") == 2 * BALLOTS,
        "3 check-ins and 3 ballots wait in the queue");
    // The first check-in went out and was committed; its receipt was lost on the way back.
    Await.until(
        () -> checkedIn(network.voters.get(0)),
        120,
        "the first check-in is committed: " + network.gatewayStats());

    first.kill();
    try (Outbox left = Outbox.open(AgentConfig.load(config).outbox())) {
      List<OutboxEntry> pending = left.pending();
      assertEquals(2 * BALLOTS, pending.size(), "the kill left every entry unacknowledged");
      assertTrue(pending.get(0).signedTransaction().isPresent(), "the head was signed and sent");
      assertTrue(
          pending.stream().skip(1).allMatch(e -> e.signedTransaction().isEmpty()),
          "the others were never signed");
    }
    assertEquals(countedBefore, network.counted(), "no ballot reached the ledger before the kill");

    proxy.unmuteReplies();
    AgentProcess second = start(config, "second");
    second.awaitStatus(
        s -> s.getLong("bootCount") == 2 && s.getInteger("queueLength") == 0,
        "the restarted agent drains its queue");

    assertEquals(countedBefore + BALLOTS, network.counted(), "every ballot counted exactly once");
    for (int i = 0; i < BALLOTS; i++) {
      assertTrue(checkedIn(network.voters.get(i)), "voter " + i + " checked in");
      Hash32 txId =
          Hash32.of(
              network
                  .node
                  .state(StateKeys.ballotTx(LedgerNetwork.ELECTION, ballots.get(i)).bytes())
                  .orElseThrow(() -> new AssertionError("a ballot missing from the ledger")));
      assertTrue(network.node.transactionLocation(txId).isPresent());
      assertEquals(
          ErrorCode.OK,
          TxReceipt.decodeOutcome(network.node.state(StateKeys.receipt(txId).bytes()).orElseThrow())
              .code());
    }
    second.stop();
  }

  private boolean checkedIn(Ed25519Signer voter) {
    return network
        .node
        .state(StateKeys.checkIn(LedgerNetwork.ELECTION, voter.publicKey()).bytes())
        .isPresent();
  }

  private AgentProcess start(Path config, String name) throws Exception {
    AgentProcess child = new AgentProcess(config, dir.resolve(DEVICE + "-" + name + ".log"));
    children.add(child);
    child.awaitKiosk();
    return child;
  }

  /**
   * {@code device-agent run} in a child JVM: the real main class, the test JVM's class path (so the
   * child's measurement is the one the officials registered), output to a log file.
   */
  private final class AgentProcess {
    private final Path log;
    private final Process process;
    private String kiosk;

    AgentProcess(Path config, Path log) throws IOException {
      this.log = log;
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-Dfile.encoding=UTF-8",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.votechain.agent.cli.DeviceAgentCli",
                  "run",
                  "--config",
                  config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("DEVICE_KEY_PASSPHRASE", "secret");
      process = builder.start();
    }

    /** Waits for the line {@code device-agent run} prints once its kiosk page listens. */
    void awaitKiosk() throws Exception {
      Await.until(
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError("the agent exited with " + process.exitValue());
            }
            for (String line : lines()) {
              if (line.startsWith("{") && line.contains("\"kiosk\"")) {
                String url = new JsonObject(line).getString("kiosk");
                kiosk = url.substring(0, url.length() - "/voter".length());
                return true;
              }
            }
            return false;
          },
          180,
          "the agent's kiosk page listens");
    }

    JsonObject status() throws Exception {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(kiosk + "/status")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      return new JsonObject(response.body());
    }

    void awaitStatus(Predicate<JsonObject> condition, String what) throws Exception {
      JsonObject[] last = new JsonObject[1];
      Await.until(
          () -> {
            try {
              last[0] = status();
            } catch (Exception e) {
              throw new AssertionError("the kiosk's status page: " + e, e);
            }
            return condition.test(last[0]);
          },
          300,
          new Object() {
            @Override
            public String toString() {
              return what + "; last status " + last[0] + "; gateway " + network.gatewayStats();
            }
          });
    }

    /** Posts a form as the kiosk's browser does; the kiosk answers every form with a redirect. */
    void post(String path, String form) throws Exception {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(kiosk + path))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertEquals(303, response.statusCode(), path);
      String error = status().getString("error", "");
      assertEquals("", error, path + " " + URLEncoder.encode(form, StandardCharsets.UTF_8));
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the node. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the agent is gone");
    }

    void stop() throws InterruptedException {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      }
    }

    List<String> lines() {
      try {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
      } catch (IOException e) {
        return List.of();
      }
    }

    void printLog() {
      System.err.println("==== " + log.getFileName() + " ====");
      lines().forEach(System.err::println);
    }
  }
}

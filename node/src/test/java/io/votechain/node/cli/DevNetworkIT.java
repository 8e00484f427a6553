package io.votechain.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.node.LoopbackPorts;
import io.votechain.node.NodeConfig;
import io.votechain.node.StatusProbe;
import io.votechain.testing.Await;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code votechain dev} as a user runs it, in its own process: its four validators serve and take a
 * streamed ballot load run ({@code votechain load-ballots --stream}); one killed with SIGKILL is
 * started again by the network's supervisor and serves the same chain; SIGTERM to the network stops
 * every validator before the network's process ends.
 */
class DevNetworkIT {
  @TempDir Path dir;
  private Process dev;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void stop() throws Exception {
    if (dev != null) {
      List<ProcessHandle> validators = dev.descendants().toList();
      dev.destroy();
      dev.waitFor(30, TimeUnit.SECONDS);
      validators.forEach(ProcessHandle::destroyForcibly);
      dev.destroyForcibly();
    }
    Path out = dir.resolve("dev.out");
    if (Files.exists(out)) {
      System.out.println("---- votechain dev ----\n" + Files.readString(out));
    }
  }

  @Test
  void aValidatorKilledWithSigkillIsStartedAgainAndAllStopTogether() throws Exception {
    Path network = dir.resolve("net");
    dev =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Votechain.class.getName(),
                "dev",
                "--dir",
                network.toString(),
                "--base-port",
                String.valueOf(LoopbackPorts.freeBlock(40)))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dev.out").toFile())
            .start();
    Await.until(
        () -> Files.exists(network.resolve("validator-3").resolve("config.json")),
        60,
        "the network is created");
    int[] ports = new int[4];
    for (int i = 0; i < 4; i++) {
      ports[i] =
          NodeConfig.load(network.resolve("validator-" + i).resolve("config.json"), Map.of())
              .httpPort();
    }
    for (int i = 0; i < 4; i++) {
      int port = ports[i];
      Await.until(
          () -> status(port) != null, 180, "validator " + i + " serves (see dev.out and its log)");
    }
    String chain = status(ports[0]).getString("chainId");

    // The ballot load run of docs/benchmarks.md on it, streamed: 10 ballots encrypted ahead for
    // the ceiling, the other 30 while casting; it exits 0 only if every ballot committed.
    assertEquals(
        0,
        new CommandLine(new Votechain())
            .execute(
                "load-ballots",
                "--dir",
                network.toString(),
                "--ballots",
                "40",
                "--rate",
                "20",
                "--stream",
                "--ceiling-sample",
                "10"),
        "load-ballots --stream committed every ballot");

    ProcessHandle validator2 = validatorProcess(network, 2).orElseThrow();
    validator2.destroyForcibly();
    validator2.onExit().get(10, TimeUnit.SECONDS);

    Await.until(
        () -> validatorProcess(network, 2).filter(p -> p.pid() != validator2.pid()).isPresent(),
        30,
        "validator 2 is started again");
    Await.until(() -> status(ports[2]) != null, 180, "the restarted validator 2 serves");
    assertEquals(chain, status(ports[2]).getString("chainId"));
    assertTrue(status(ports[2]).getLong("height") >= 0);
    assertTrue(
        Files.readString(dir.resolve("dev.out"))
            .contains("validator 2 stopped (exit 137); starting it again in 1000 ms (restart 1"),
        "the restart is reported");
    assertTrue(dev.isAlive(), "the network goes on");

    // Stopped as run-local.sh stops it: SIGTERM to the network's process, which ends only after
    // its validators have.
    List<ProcessHandle> validators = dev.children().toList();
    assertEquals(4, validators.size());
    dev.destroy();
    assertTrue(dev.waitFor(45, TimeUnit.SECONDS), "votechain dev ends");
    assertTrue(
        validators.stream().noneMatch(ProcessHandle::isAlive),
        "no validator outlives the network's process");
    assertTrue(
        !Files.readString(dir.resolve("dev.out")).contains("restart 2"),
        "validators stopped on purpose are not started again");
  }

  private Optional<ProcessHandle> validatorProcess(Path network, int i) {
    String config = network.resolve("validator-" + i).resolve("config.json").toString();
    return dev.children()
        .filter(ProcessHandle::isAlive)
        .filter(p -> commandLine(p).contains(config))
        .findFirst();
  }

  /** The whole command line: {@code ProcessHandle.Info} cuts it short before the classpath ends. */
  private static String commandLine(ProcessHandle p) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")))
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private JsonObject status(int port) {
    return StatusProbe.status(http, port);
  }
}

package io.votechain.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker for the broker-mode tests: {@code /usr/sbin/mosquitto} on a free loopback
 * port with a generated configuration (anonymous clients, no persistence, no ACLs: the gateway must
 * not rely on the broker's authorisation). Under {@code CI=true} a broker that cannot start fails
 * the test; elsewhere the test is skipped with the reason.
 */
final class Mosquitto implements AutoCloseable {
  static final String BINARY = "/usr/sbin/mosquitto";

  final int port;
  private final Path config;
  private Process process;

  private Mosquitto(Path dir, int port) throws IOException {
    this.port = port;
    this.config = dir.resolve("mosquitto.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "listener " + port + " 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            "log_dest stderr",
            "max_packet_size 300000",
            ""));
  }

  /** Starts a broker, or fails (CI) / skips (elsewhere) when it cannot. */
  static Mosquitto start(Path dir) throws Exception {
    String problem;
    if (!Files.isExecutable(Path.of(BINARY))) {
      problem = BINARY + " is not installed (Debian package mosquitto)";
    } else {
      Mosquitto m = new Mosquitto(dir, io.votechain.node.LoopbackPorts.freePort());
      problem = m.launch();
      if (problem == null) {
        return m;
      }
      m.close();
    }
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail("Mosquitto could not start under CI: " + problem);
    }
    Assumptions.assumeTrue(false, "skipped: Mosquitto could not start: " + problem);
    throw new IllegalStateException("unreachable");
  }

  /** Launches the process and waits for its port; returns a problem, or null when it listens. */
  String launch() throws Exception {
    process =
        new ProcessBuilder(BINARY, "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(config.resolveSibling("mosquitto-" + port + ".log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return "exited with " + process.exitValue();
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return null;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    return "port " + port + " did not open";
  }

  /** Stops the broker process (this one only) and waits for it. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /**
   * Runs a mosquitto client tool ({@code mosquitto_pub}, {@code mosquitto_sub}); returns stdout.
   */
  String run(String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/" + tool);
    command.add("-h");
    command.add("127.0.0.1");
    command.add("-p");
    command.add(Integer.toString(port));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(tool + " did not finish");
    }
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(tool + " exited with " + p.exitValue() + ": " + out);
    }
    return out;
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping Mosquitto", e);
    }
  }
}

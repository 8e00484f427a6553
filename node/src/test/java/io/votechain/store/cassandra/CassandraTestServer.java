package io.votechain.store.cassandra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Apache Cassandra 5.0 server for the tests, started once per test JVM through {@code
 * deploy/cassandra/start.sh} (the launcher operators use) on free loopback ports and a temporary
 * data folder, and stopped when the JVM exits. If it cannot start, the tests that need it fail:
 * they never skip themselves.
 */
public final class CassandraTestServer {
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
  private static CassandraTestServer instance;

  private final Process process;
  private final int cqlPort;
  private final Path log;

  private CassandraTestServer(Process process, int cqlPort, Path log) {
    this.process = process;
    this.cqlPort = cqlPort;
    this.log = log;
  }

  public static synchronized CassandraTestServer get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  public int cqlPort() {
    return cqlPort;
  }

  private static CassandraTestServer start() {
    try {
      Path script = findRepositoryRoot().resolve("deploy/cassandra/start.sh");
      Path data = Files.createTempDirectory("votechain-cassandra");
      Path log = data.resolve("server.log");
      int cql = io.votechain.node.LoopbackPorts.freePort();
      int storage = io.votechain.node.LoopbackPorts.freePort();
      int jmx = io.votechain.node.LoopbackPorts.freePort();
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(
                      "bash",
                      script.toString(),
                      data.resolve("node").toString(),
                      Integer.toString(cql),
                      Integer.toString(storage),
                      Integer.toString(jmx)))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("CASSANDRA_HEAP", "768M");
      builder.environment().put("CASSANDRA_UNSAFE_SYSTEM", "true");
      Process process = builder.start();
      CassandraTestServer server = new CassandraTestServer(process, cql, log);
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
      server.awaitCql();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Cassandra for the tests", e);
    }
  }

  private void awaitCql() throws IOException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Cassandra exited during start-up (exit " + process.exitValue() + "):\n" + tail());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", cqlPort), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
    stop();
    throw new IllegalStateException(
        "Cassandra did not accept CQL within " + STARTUP_TIMEOUT + ":\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  void stop() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }

  static Path findRepositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("deploy/cassandra/start.sh"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "cannot find deploy/cassandra/start.sh above the working directory");
  }
}

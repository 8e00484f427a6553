package io.votechain.web.e2e;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The validators of the whole-election test, each its own JVM started with {@code votechain start
 * --config} as an operator would, logging to {@code validator-i.log} in the network folder. The
 * child JVMs get this JVM's class path, which holds web-ui's classes, so the web UI is mounted in
 * every validator (ServiceLoader finds {@code WebExtension}).
 *
 * <p>Not thread safe: the test thread starts, kills and restarts; status reads may come from any
 * thread.
 */
final class ValidatorProcesses implements AutoCloseable {
  private final Path dir;
  private final List<Path> configs;
  private final List<Integer> httpPorts;
  private final Map<Integer, Map<String, String>> environments;
  private final Process[] processes;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * @param environments extra environment variables per validator index (fault injection)
   */
  ValidatorProcesses(
      Path dir,
      List<Path> configs,
      List<Integer> httpPorts,
      Map<Integer, Map<String, String>> environments) {
    this.dir = dir;
    this.configs = List.copyOf(configs);
    this.httpPorts = List.copyOf(httpPorts);
    this.environments = new HashMap<>(environments);
    this.processes = new Process[configs.size()];
  }

  int size() {
    return configs.size();
  }

  URI api(int i) {
    return URI.create("http://127.0.0.1:" + httpPorts.get(i));
  }

  Path log(int i) {
    return dir.resolve("validator-" + i + ".log");
  }

  void start(int i) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m",
                "-Dfile.encoding=UTF-8",
                "-cp",
                System.getProperty("java.class.path"),
                io.votechain.node.cli.Votechain.class.getName(),
                "start",
                "--config",
                configs.get(i).toString())
            .redirectErrorStream(true)
            // Appended, so a restarted validator's log keeps what it said before the kill.
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile()));
    builder.environment().putAll(environments.getOrDefault(i, Map.of()));
    processes[i] = builder.start();
  }

  /** SIGKILL: no shutdown hook runs, whatever was not fsynced is lost. */
  void kill(int i) throws InterruptedException {
    Process p = processes[i];
    if (p != null) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  boolean alive(int i) {
    return processes[i] != null && processes[i].isAlive();
  }

  /** The node's {@code /api/v1/status}, or empty while it does not answer. */
  Optional<JsonObject> status(int i) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(api(i).resolve("/api/v1/status"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(new JsonObject(r.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  long height(int i) {
    return status(i).map(s -> s.getLong("height")).orElse(-1L);
  }

  /** GET {@code path} on validator {@code i}, as bytes; fails on anything but 200. */
  byte[] get(int i, String path, Duration timeout) throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(api(i).resolve(path)).timeout(timeout).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException(api(i) + path + " answered " + r.statusCode());
    }
    return r.body();
  }

  /** Waits until validator {@code i} answers; fails with its last log lines if it exited. */
  void awaitServing(int i, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (status(i).isEmpty()) {
      if (!alive(i) || System.nanoTime() > deadline) {
        throw new AssertionError(
            "validator "
                + i
                + (alive(i) ? " does not answer on " + api(i) : " exited")
                + ":\n"
                + tail(i, 20));
      }
      Thread.sleep(200);
    }
  }

  /** The last {@code lines} lines of validator {@code i}'s log. */
  String tail(int i, int lines) {
    try {
      if (!Files.exists(log(i))) {
        return "(no log)";
      }
      List<String> all = Files.readAllLines(log(i));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Lines of validator {@code i}'s log containing {@code text}. */
  List<String> grep(int i, String text) throws IOException {
    if (!Files.exists(log(i))) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(log(i))) {
      if (line.contains(text)) {
        out.add(line);
      }
    }
    return out;
  }

  @Override
  public void close() {
    for (int i = 0; i < processes.length; i++) {
      try {
        kill(i);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

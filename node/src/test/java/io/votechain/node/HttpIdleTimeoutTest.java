package io.votechain.node;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle keep-alive connections to a validator's HTTP server are closed (an open-loop client's pool
 * held 1 300 of them open on a validator for good), while event streams, which write a keep-alive
 * comment more often than the timeout, stay open.
 */
class HttpIdleTimeoutTest {
  @TempDir Path dir;

  private Path config(int idleTimeoutSeconds, int streamKeepAliveSeconds) throws IOException {
    Path config =
        LocalNetwork.initWithContracts(
                dir, 1, LoopbackPorts.freeBlock(10), "rocksdb", System.currentTimeMillis())
            .get(0);
    JsonObject json = new JsonObject(Files.readString(config));
    json.getJsonObject("http").put("idleTimeoutSeconds", idleTimeoutSeconds);
    json.put(
        "api",
        new JsonObject()
            .put("events", new JsonObject().put("keepAliveSeconds", streamKeepAliveSeconds)));
    Files.writeString(config, json.encodePrettily());
    return config;
  }

  private ValidatorNode node(Path config) throws IOException {
    var contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    return new ValidatorNode(
        NodeConfig.load(config, Map.of()), new ContractsStateMachine(contracts));
  }

  private static void await(io.vertx.core.Future<?> f) throws Exception {
    f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Sends a keep-alive GET and reads until the headers' end has arrived. */
  private static String get(Socket socket, String path) throws IOException {
    socket
        .getOutputStream()
        .write(
            ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(US_ASCII));
    return readUntil(socket, "\r\n\r\n");
  }

  private static String readUntil(Socket socket, String marker) throws IOException {
    StringBuilder got = new StringBuilder();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    while (!got.toString().contains(marker)) {
      int n = in.read(buffer);
      if (n < 0) {
        throw new IOException("closed after " + got);
      }
      got.append(new String(buffer, 0, n, US_ASCII));
    }
    return got.toString();
  }

  @Test
  void anIdleConnectionIsClosedAndAnEventStreamIsNot() throws Exception {
    ValidatorNode node = node(config(2, 1));
    await(node.start());
    try (Socket idle = new Socket("127.0.0.1", node.httpPort());
        Socket stream = new Socket("127.0.0.1", node.httpPort())) {
      assertTrue(get(idle, "/health").startsWith("HTTP/1.1 200"));
      assertTrue(get(stream, "/api/v1/events").contains("text/event-stream"));

      // The idle one is closed after 2 s: its next read ends, well before the socket's timeout.
      idle.setSoTimeout(15_000);
      long t0 = System.nanoTime();
      int n;
      do {
        n = idle.getInputStream().read(new byte[256]);
      } while (n > 0);
      assertEquals(-1, n, "the server closed the idle connection");
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(waited >= 1_000, "closed after " + waited + " ms, before it was idle 2 s");

      // The stream has outlived the timeout by now, and still receives its keep-alive comments.
      stream.setSoTimeout(5_000);
      readUntil(stream, ": keep-alive");
      Thread.sleep(2_500);
      readUntil(stream, ": keep-alive");
    } finally {
      await(node.stop());
    }
  }

  @Test
  void aStreamKeepAliveNotBelowTheIdleTimeoutIsRefusedAtStart() throws Exception {
    ValidatorNode node = node(config(15, 15));
    ExecutionException refused = assertThrows(ExecutionException.class, () -> await(node.start()));
    assertTrue(
        refused.getCause().getMessage().contains("http.idleTimeoutSeconds"),
        refused.getCause().getMessage());
    node.stop();
  }

  @Test
  void aTimeoutBelowOneSecondIsRefused() throws Exception {
    Path config = config(0, 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.load(config, Map.of()));
    assertTrue(e.getMessage().contains("idleTimeoutSeconds"), e.getMessage());
  }
}

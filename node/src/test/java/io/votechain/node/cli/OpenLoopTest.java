package io.votechain.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenLoopTest {
  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/status",
        exchange -> {
          byte[] body =
              (status.get() == 200 ? "{\"height\":7}" : "{\"error\":{\"code\":\"RATE_LIMITED\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/status";
  }

  @Test
  void aPollAnsweredWith200GivesItsBody() throws Exception {
    assertEquals(7, OpenLoop.get(HttpClient.newHttpClient(), url()).getLong("height"));
  }

  /** The run's polls retry an IOException; a refusal read as a body ended the run instead. */
  @Test
  void aPollTheValidatorRefusesIsAnIoExceptionThatNamesTheStatus() {
    status.set(429);
    IOException e =
        assertThrows(IOException.class, () -> OpenLoop.get(HttpClient.newHttpClient(), url()));
    assertTrue(e.getMessage().contains("429"), e.getMessage());
    assertTrue(e.getMessage().contains("RATE_LIMITED"), e.getMessage());
  }
}

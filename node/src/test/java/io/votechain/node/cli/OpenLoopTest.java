package io.votechain.node.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * A stand-in validator for {@link OpenLoop#run}, under the returned base URL: each transaction
   * body is its id; each status poll cuts a block of what arrived since the last.
   */
  private String ledger() {
    List<String> arrived = new ArrayList<>();
    List<List<String>> blocks = new ArrayList<>();
    server.createContext(
        "/ledger/api/v1/transactions",
        exchange -> {
          synchronized (arrived) {
            arrived.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
          }
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    server.createContext(
        "/ledger/api/v1/status",
        exchange -> {
          int height;
          synchronized (arrived) {
            if (!arrived.isEmpty()) {
              blocks.add(List.copyOf(arrived));
              arrived.clear();
            }
            height = blocks.size();
          }
          reply(exchange, new JsonObject().put("height", height));
        });
    server.createContext(
        "/ledger/api/v1/blocks/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          int k = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
          List<String> ids;
          synchronized (arrived) {
            ids = blocks.get(k - 1);
          }
          reply(exchange, new JsonObject().put("transactions", new JsonArray(ids)));
        });
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ledger";
  }

  private static void reply(HttpExchange exchange, JsonObject json) throws IOException {
    byte[] body = json.encode().getBytes(UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /**
   * Offers made on demand (a streamed run encrypts each as it is due) fall behind the schedule; the
   * run still offers and follows every one, the last included, whose making once raced the end of
   * the run.
   */
  @Test
  void slowOffersAreAllSentAndFollowedToTheirCommit() throws Exception {
    String base = ledger();
    OpenLoop.Report report =
        OpenLoop.run(
            List.of(base),
            200,
            12,
            n -> {
              sleep(30);
              return new OpenLoop.Offer(("tx" + n).getBytes(UTF_8), "tx" + n);
            });
    assertEquals(12, report.offered());
    assertEquals(12, report.accepted());
    assertEquals(12, report.committed());
    assertEquals(0, report.notCommitted());
  }

  @Test
  void anOfferThatCannotBeMadeEndsTheRunWithItsError() {
    String base = ledger();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                OpenLoop.run(
                    List.of(base),
                    100,
                    5,
                    n -> {
                      if (n == 2) {
                        throw new IllegalStateException("ballot 2 could not be encrypted");
                      }
                      return new OpenLoop.Offer(("tx" + n).getBytes(UTF_8), "tx" + n);
                    }));
    assertTrue(e.getMessage().contains("ballot 2"), e.getMessage());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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

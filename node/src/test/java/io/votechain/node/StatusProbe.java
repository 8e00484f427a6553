package io.votechain.node;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a validator running in another process for its status, for tests that wait on it. */
public final class StatusProbe {
  private StatusProbe() {}

  /**
   * The body of {@code GET /api/v1/status} on {@code 127.0.0.1:httpPort}, or null while the
   * validator does not answer it with 200 within 2 s (starting, stopped, restarting).
   */
  public static JsonObject status(HttpClient http, int httpPort) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/status"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}

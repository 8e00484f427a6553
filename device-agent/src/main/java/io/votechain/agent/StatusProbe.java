package io.votechain.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a node's committed height from its public status route ({@code GET /api/v1/status}, field
 * {@code height}). The answer is not trusted for anything but choosing the height to sign into the
 * CONNECT password: a wrong height only makes that node refuse the connection.
 */
final class StatusProbe {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private StatusProbe() {}

  static Optional<Long> height(String statusUrl) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(statusUrl)).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return Optional.empty();
      }
      return Optional.ofNullable(new io.vertx.core.json.JsonObject(r.body()).getLong("height"));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}

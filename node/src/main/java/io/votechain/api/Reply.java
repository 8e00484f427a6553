package io.votechain.api;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** What a route answers when it succeeds: a JSON document or raw bytes. */
sealed interface Reply permits Reply.Json, Reply.Bytes {
  /** A JSON body with its status (200 unless said otherwise). */
  record Json(int status, JsonObject body) implements Reply {
    public Json {
      Objects.requireNonNull(body, "body");
    }

    static Json ok(JsonObject body) {
      return new Json(200, body);
    }
  }

  /**
   * Raw bytes, e.g. a canonical encoding, with response headers that say what the bytes alone do
   * not (a block's state hash).
   */
  record Bytes(String contentType, byte[] body, java.util.Map<String, String> headers)
      implements Reply {
    public Bytes {
      Objects.requireNonNull(contentType, "contentType");
      body = body.clone();
      headers = java.util.Map.copyOf(headers);
    }

    Bytes(String contentType, byte[] body) {
      this(contentType, body, java.util.Map.of());
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }
}

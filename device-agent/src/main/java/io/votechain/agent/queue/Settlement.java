package io.votechain.agent.queue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * How an outbox entry ended: committed at {@code height} with outcome {@code code} (an {@code
 * ErrorCode} or gateway code number; OK is 0), or refused before commit ({@code height == 0}).
 * Immutable.
 */
public record Settlement(Hash32 txId, long height, int code, String codeName) {
  public Settlement {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(codeName, "codeName");
    if (height < 0 || code < 0) {
      throw new IllegalArgumentException("height and code are non-negative");
    }
  }

  public boolean committed() {
    return height > 0;
  }

  void writeTo(CanonicalWriter w) {
    w.fixed(txId.bytes()).varint(height).varint(code).text(codeName);
  }

  static Settlement readFrom(CanonicalReader r) {
    return new Settlement(
        Hash32.of(r.fixed(Hash32.LENGTH)),
        r.varint(Long.MAX_VALUE),
        (int) r.varint(Integer.MAX_VALUE),
        r.text(64));
  }
}

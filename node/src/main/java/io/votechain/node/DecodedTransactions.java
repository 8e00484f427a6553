package io.votechain.node;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.SignedTransaction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded transactions by the hash of their bytes, so that a ballot is decoded once per validator
 * rather than once for each of its id, sender, relay check, re-checks, proposal check and
 * execution. Decoding a 5-selection ballot decompresses some forty curve points (a square root
 * each) and cost about as much as the rest of its checks together (docs/benchmarks.md, "Where the
 * time goes").
 *
 * <p>Keyed by SHA-256 of the bytes, so a hit is exactly those bytes' decoding; only successful
 * decodings are kept. Bounded (least recently used first). Thread safe.
 */
final class DecodedTransactions {
  /** A decoded transaction with its id, computed once. */
  record Decoded(SignedTransaction tx, Hash32 id) {}

  private final LinkedHashMap<Hash32, Decoded> entries;

  DecodedTransactions(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash32, Decoded> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The decoding of {@code bytes}.
   *
   * @throws EncodingException as {@link SignedTransaction#decode} does
   */
  Decoded decode(byte[] bytes) {
    Hash32 key = Sha256.hash(bytes);
    synchronized (entries) {
      Decoded hit = entries.get(key);
      if (hit != null) {
        return hit;
      }
    }
    // Decoded outside the lock: workers decode different transactions in parallel.
    SignedTransaction tx = SignedTransaction.decode(bytes);
    Decoded decoded = new Decoded(tx, tx.id());
    synchronized (entries) {
      entries.put(key, decoded);
    }
    return decoded;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}

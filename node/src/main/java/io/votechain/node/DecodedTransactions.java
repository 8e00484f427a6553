package io.votechain.node;

import io.votechain.crypto.group.PointHints;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.SignedTransaction;
import io.votechain.util.BoundedLruCache;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoded transactions by the hash of their bytes, so that a ballot is decoded once per validator
 * rather than once for each of its id, sender, relay check, re-checks, proposal check and
 * execution. Decoding a 5-selection ballot decompresses some forty curve points (a square root
 * each) and cost about as much as the rest of its checks together (docs/benchmarks.md, "Where the
 * time goes").
 *
 * <p>A transaction decoded from its bytes alone keeps the y-coordinates of the points it
 * decompressed ({@link PointHints}), about 1.3 kB for a ballot, which the validator sends along
 * when it relays the transaction; a transaction a peer relayed with them decodes without square
 * roots ({@link #decode(byte[], byte[])}).
 *
 * <p>Keyed by SHA-256 of the bytes, so a hit is exactly those bytes' decoding; only successful
 * decodings are kept. Bounded (least recently used first). Thread safe.
 */
final class DecodedTransactions {
  private static final byte[] NO_HINTS = new byte[0];

  /**
   * A decoded transaction with its id, computed once, and the y-coordinates of its points if it was
   * decoded from its bytes alone (empty otherwise).
   */
  record Decoded(SignedTransaction tx, Hash32 id, byte[] pointHints) {}

  private final BoundedLruCache<Hash32, Decoded> entries;
  private final AtomicLong pointsFromHints = new AtomicLong();
  private final AtomicLong hintsIgnored = new AtomicLong();

  DecodedTransactions(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.entries = new BoundedLruCache<>(capacity);
  }

  /**
   * The decoding of {@code bytes}.
   *
   * @throws EncodingException as {@link SignedTransaction#decode} does
   */
  Decoded decode(byte[] bytes) {
    return decode(bytes, null);
  }

  /**
   * The decoding of {@code bytes}, its points taken from {@code pointHints} where they check out (a
   * peer's aid, trusted for nothing: {@link PointHints}), or decompressed and recorded if {@code
   * pointHints} is null.
   *
   * @throws EncodingException as {@link SignedTransaction#decode} does
   */
  Decoded decode(byte[] bytes, byte[] pointHints) {
    Hash32 key = Sha256.hash(bytes);
    Decoded hit = entries.get(key);
    if (hit != null) {
      return hit;
    }
    // Decoded outside the lock: workers decode different transactions in parallel.
    PointHints hints = pointHints == null ? PointHints.recorder() : PointHints.given(pointHints);
    SignedTransaction tx;
    try {
      tx = hints.decode(() -> SignedTransaction.decode(bytes));
    } finally {
      pointsFromHints.addAndGet(hints.accepted());
      hintsIgnored.addAndGet(hints.ignored());
    }
    Decoded decoded = new Decoded(tx, tx.id(), pointHints == null ? hints.recorded() : NO_HINTS);
    entries.put(key, decoded);
    return decoded;
  }

  /** Points decoded from a peer's hint instead of a square root, since start. */
  long pointsFromHints() {
    return pointsFromHints.get();
  }

  /** Peers' point hints that failed a check (the points were decompressed), since start. */
  long hintsIgnored() {
    return hintsIgnored.get();
  }

  int size() {
    return entries.size();
  }
}

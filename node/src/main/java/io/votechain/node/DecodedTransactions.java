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
 * decodings are kept. Bounded by their estimated size on the heap, least recently used first.
 * Thread safe.
 */
final class DecodedTransactions {
  private static final byte[] NO_HINTS = new byte[0];

  /**
   * A decoded transaction with its id, computed once, and the y-coordinates of its points if it was
   * decoded from its bytes alone (empty otherwise).
   */
  record Decoded(SignedTransaction tx, Hash32 id, byte[] pointHints, int encodedLength) {
    long heapEstimate() {
      return (long) encodedLength * HEAP_BYTES_PER_ENCODED_BYTE + pointHints.length;
    }
  }

  private final BoundedLruCache<Hash32, Decoded> entries;

  /**
   * The point hints of relayed transactions not decoded yet, by the hash of their bytes ({@link
   * #keepHints}); each is forgotten when its transaction is decoded.
   */
  private final BoundedLruCache<Hash32, byte[]> keptHints =
      new BoundedLruCache<>(KEPT_HINTS_BYTES, hints -> hints.length);

  private final AtomicLong pointsFromHints = new AtomicLong();
  private final AtomicLong hintsIgnored = new AtomicLong();

  /**
   * What a validator keeps decoded: ≈ 7 500 five-selection ballots, or ≈ 600 of the largest
   * transactions (a thousand credentials each). Bounded by their size, not their number: 8 192
   * decoded transactions were 130 MB of ballots but 1.7 GB of credential lists, and a validator
   * that had just issued a million credentials held 1 000 of them (docs/node.md §3b).
   */
  static final long DEFAULT_CAPACITY_BYTES = 160L * 1024 * 1024;

  /**
   * Heap a decoded transaction keeps per byte of its encoding, rounded up from what was measured:
   * 5.8 for a 5-selection ballot (2.6 KB encoded, 15 KB decoded), 6.4 for a thousand credentials
   * (33 KB, 213 KB); a point or key is a few objects where its encoding is 32 or 33 bytes.
   */
  static final int HEAP_BYTES_PER_ENCODED_BYTE = 8;

  /**
   * Kept hints of relayed transactions waiting for their checks: ≈ 1.3 kB a ballot, so more than a
   * full queue of checks (4 096 transactions, docs/node.md §3) fits.
   */
  static final long KEPT_HINTS_BYTES = 8L * 1024 * 1024;

  /**
   * @param capacityBytes the heap the decoded transactions may take together, estimated from their
   *     encodings ({@link #HEAP_BYTES_PER_ENCODED_BYTE}) and the point hints they keep
   */
  DecodedTransactions(long capacityBytes) {
    if (capacityBytes < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.entries = new BoundedLruCache<>(capacityBytes, Decoded::heapEstimate);
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
   * peer's aid, trusted for nothing: {@link PointHints}); if {@code pointHints} is null, from the
   * hints {@linkplain #keepHints kept} for these bytes, or else decompressed and recorded.
   *
   * @throws EncodingException as {@link SignedTransaction#decode} does
   */
  Decoded decode(byte[] bytes, byte[] pointHints) {
    Hash32 key = Sha256.hash(bytes);
    Decoded hit = entries.get(key);
    if (hit != null) {
      return hit;
    }
    byte[] kept = keptHints.remove(key);
    byte[] given = pointHints != null ? pointHints : kept;
    // Decoded outside the lock: workers decode different transactions in parallel.
    PointHints hints = given == null ? PointHints.recorder() : PointHints.given(given);
    SignedTransaction tx;
    try {
      tx = hints.decode(() -> SignedTransaction.decode(bytes));
    } finally {
      pointsFromHints.addAndGet(hints.accepted());
      hintsIgnored.addAndGet(hints.ignored());
    }
    Decoded decoded =
        new Decoded(tx, tx.id(), given == null ? hints.recorded() : NO_HINTS, bytes.length);
    entries.put(key, decoded);
    return decoded;
  }

  /**
   * Keeps the point hints a peer relayed {@code bytes} with, until the transaction is decoded: if a
   * proposal carries it before its own check has decoded it — a validator whose queue of relayed
   * transactions lags behind the blocks — the proposal's check decodes it with them rather than
   * with square roots. Trusted for nothing, as in {@link #decode(byte[], byte[])}; bounded, least
   * recently kept forgotten first.
   */
  void keepHints(byte[] bytes, byte[] pointHints) {
    Hash32 key = Sha256.hash(bytes);
    if (pointHints.length > 0 && !entries.containsKey(key)) {
      keptHints.put(key, pointHints);
    }
  }

  /** Kept hints not yet used (tests). */
  int keptHints() {
    return keptHints.size();
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

  /** The estimated heap of what is kept, at most the capacity. */
  long heapEstimate() {
    return entries.weight();
  }
}

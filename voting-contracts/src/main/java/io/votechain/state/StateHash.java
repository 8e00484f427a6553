package io.votechain.state;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalWriter;
import java.util.List;

/**
 * Implements the per-block state hash (docs/contracts.md §5): a hash chain over each block's sorted
 * writes,
 *
 * <pre>
 * stateHash(h) = SHA-256(0x53 || stateHash(h-1) || i64 h || list&lt;(text key, bool present, [bytes value])&gt;)
 * </pre>
 *
 * with the writes in ascending key order and {@code stateHash(-1)} = 32 zero bytes. A chain rather
 * than a Merkle root because it costs one pass over what a block changed, never over the whole
 * state; the price is that it proves agreement, not membership (inclusion proofs come from the
 * block's transaction Merkle tree instead).
 */
public final class StateHash {
  /** Domain tag 'S'. */
  public static final int DOMAIN = 0x53;

  private StateHash() {}

  /**
   * The state hash after the block at {@code height} made {@code writes}.
   *
   * @throws IllegalArgumentException if the writes are not in strictly ascending key order
   */
  public static Hash32 next(Hash32 previous, long height, List<StateWrite> writes) {
    CanonicalWriter w = new CanonicalWriter().fixed(previous.bytes()).i64(height);
    w.varint(writes.size());
    StateKey last = null;
    for (StateWrite write : writes) {
      if (last != null && last.compareTo(write.key()) >= 0) {
        throw new IllegalArgumentException("writes must be in strictly ascending key order");
      }
      last = write.key();
      w.text(write.key().path()).bool(write.value().isPresent());
      write.value().ifPresent(w::bytes);
    }
    return Sha256.tagged(DOMAIN, w.toByteArray());
  }
}

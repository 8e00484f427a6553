package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verdicts of expensive checks whose result depends only on bytes that a hash commits to — a
 * transaction's signature (keyed by the transaction id) and a ballot's proofs (keyed by the
 * ballot's confirmation code, which commits to the election's extended base hash and so to its key
 * and manifest) — remembered so that the mempool's re-check after every block costs look-ups, not
 * cryptography. A verdict found here is the one a fresh check would give, so remembering changes no
 * outcome; the checking executor fills one; block execution may read its signature verdicts.
 *
 * <p>Bounded: least recently used entries go first. Thread safe: a node's executing executor reads
 * the signature verdicts its checking executor wrote ({@link ContractExecutor#forExecution}).
 */
final class VerdictMemory<V> {
  private final LinkedHashMap<Hash32, V> entries;

  VerdictMemory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash32, V> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized V get(Hash32 key) {
    return entries.get(key);
  }

  synchronized void put(Hash32 key, V verdict) {
    entries.put(key, verdict);
  }

  synchronized int size() {
    return entries.size();
  }
}

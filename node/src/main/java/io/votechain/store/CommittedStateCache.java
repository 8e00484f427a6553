package io.votechain.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values of the committed state, kept in memory: present values and absent keys alike (most ballot
 * checks ask for keys that do not exist yet, such as an unused ballot id). Bounded by a number of
 * entries and by an estimate of their bytes; the least recently used entry goes first.
 *
 * <p>Exact by construction (docs/storage.md §6): an entry is only ever (a) written by a commit,
 * with the value the commit wrote, once the store has applied it, or (b) filled from a store read
 * of a key that no commit wrote while the read was under way. A read that misses registers a ticket
 * for its key before it asks the store ({@link Miss#ticket}); a commit cancels the tickets of the
 * keys it writes when it starts, and no ticket is given for a key that a commit in flight writes;
 * the store's answer is kept only if its ticket is still registered. So a read that raced a commit
 * of its key is answered but never remembered, and it can never put back a value that the commit
 * replaced; reads of other keys go on filling while a (seconds-long, on Cassandra) commit runs.
 *
 * <p>Thread safe: one monitor, held for map operations only (never while the store is asked).
 */
public final class CommittedStateCache {
  /**
   * What an entry costs beyond its key and value bytes: the map entry, the key wrapper, the entry
   * record and two array headers, rounded up (64-bit JVM with compressed references).
   */
  static final int ENTRY_OVERHEAD_BYTES = 128;

  /** A ticket that is never registered: the read overlaps a commit of its key and must not fill. */
  static final long NO_FILL = -1;

  /**
   * Bounds of the cache. {@code maxValueBytes}: a larger value is passed through, not kept, so that
   * one 4 MiB value cannot push out thousands of small hot ones.
   */
  record Limits(int maxEntries, long maxBytes, int maxValueBytes) {
    Limits {
      if (maxEntries < 1 || maxBytes < ENTRY_OVERHEAD_BYTES || maxValueBytes < 0) {
        throw new IllegalArgumentException("cache limits must be positive");
      }
    }
  }

  /** The result of a lookup. */
  sealed interface Lookup permits Hit, Miss {}

  /** The committed value ({@code Optional.empty()}: the key is known to be absent). */
  record Hit(Optional<byte[]> value) implements Lookup {}

  /** Not cached; {@code ticket} is what {@link #fill} needs to keep the store's answer. */
  record Miss(long ticket) implements Lookup {}

  /** Counters, for metrics and measurements. */
  public record Stats(
      long hits, long misses, long refusedFills, long evictions, int entries, long bytes) {}

  private record Key(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Key[" + bytes.length + " bytes]";
    }
  }

  /** {@code value == null}: the key is absent from the committed state. */
  private record Entry(byte[] value, long weight) {}

  private final Limits limits;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);

  /** Keys being read from the store, with the ticket of the one read that may fill each. */
  private final HashMap<Key, Long> tickets = new HashMap<>();

  /** Keys written by commits that have started and not ended (a count, in case two overlap). */
  private final HashMap<Key, Integer> writing = new HashMap<>();

  private long bytes;
  private long lastTicket;
  private long hits;
  private long misses;
  private long refusedFills;
  private long evictions;

  CommittedStateCache(Limits limits) {
    this.limits = limits;
  }

  synchronized Lookup lookup(byte[] key) {
    Entry e = entries.get(new Key(key));
    if (e == null) {
      misses++;
      Key k = new Key(key.clone());
      // One filling read per key at a time; others are answered by the store without filling.
      if (writing.containsKey(k) || tickets.containsKey(k)) {
        return new Miss(NO_FILL);
      }
      tickets.put(k, ++lastTicket);
      return new Miss(lastTicket);
    }
    hits++;
    // A copy: callers own the arrays they get, as they do from the stores.
    return new Hit(e.value == null ? Optional.empty() : Optional.of(e.value.clone()));
  }

  /**
   * Keeps a store's answer for {@code key} if no commit of that key started since {@code ticket}
   * was given.
   *
   * @return whether it was kept
   */
  synchronized boolean fill(byte[] key, Optional<byte[]> value, long ticket) {
    Key k = new Key(key);
    Long registered = tickets.get(k);
    if (ticket == NO_FILL || registered == null || registered != ticket) {
      refusedFills++;
      return false;
    }
    tickets.remove(k);
    put(key.clone(), value.map(byte[]::clone).orElse(null));
    return true;
  }

  /** The read of {@code ticket} failed: another read may fill the key. */
  synchronized void abandon(byte[] key, long ticket) {
    tickets.remove(new Key(key), ticket);
  }

  /**
   * Called before the store starts applying a commit: reads under way of the keys it writes will
   * not fill, nor will reads of them that start before the commit ends.
   */
  synchronized void commitStarted(List<StateWrite> writes) {
    for (StateWrite w : writes) {
      Key k = new Key(w.key());
      writing.merge(k, 1, Integer::sum);
      tickets.remove(k);
    }
  }

  /** The store applied the commit: its writes become the cached values, in the store's order. */
  synchronized void commitApplied(List<StateWrite> writes) {
    for (StateWrite w : writes) {
      // StateWrite's accessors already return copies.
      put(w.key(), w.value());
    }
    commitFinished(writes);
  }

  /**
   * The commit failed, or changed nothing (a replay of the latest block): the store's value of its
   * keys is not known here, so they are forgotten and read again from the store.
   */
  synchronized void commitNotApplied(List<StateWrite> writes) {
    for (StateWrite w : writes) {
      Entry old = entries.remove(new Key(w.key()));
      if (old != null) {
        bytes -= old.weight;
      }
    }
    commitFinished(writes);
  }

  synchronized Stats stats() {
    return new Stats(hits, misses, refusedFills, evictions, entries.size(), bytes);
  }

  private void commitFinished(List<StateWrite> writes) {
    for (StateWrite w : writes) {
      writing.computeIfPresent(new Key(w.key()), (k, n) -> n == 1 ? null : n - 1);
    }
  }

  /** Owns {@code key} and {@code value}: the caller passes copies. */
  private void put(byte[] key, byte[] value) {
    Key k = new Key(key);
    Entry old = entries.remove(k);
    if (old != null) {
      bytes -= old.weight;
    }
    if (value != null && value.length > limits.maxValueBytes()) {
      return;
    }
    long weight = (long) key.length + (value == null ? 0 : value.length) + ENTRY_OVERHEAD_BYTES;
    if (weight > limits.maxBytes()) {
      return;
    }
    entries.put(k, new Entry(value, weight));
    bytes += weight;
    Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
    while (entries.size() > limits.maxEntries() || bytes > limits.maxBytes()) {
      bytes -= eldest.next().getValue().weight;
      eldest.remove();
      evictions++;
    }
  }
}

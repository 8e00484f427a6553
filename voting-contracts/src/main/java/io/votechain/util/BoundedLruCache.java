package io.votechain.util;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A map that holds at most {@code capacity} entries (or entries weighing at most {@code capacity}
 * together) and, to make room for a new one, forgets the least recently used (read or written):
 * memory stays bounded however many distinct keys arrive — transactions, ballots, device keys,
 * client addresses, sessions — while the entries still in use stay. Meant for remembering values
 * that can be found again (decoded, verified, fetched), or whose loss is acceptable, never as the
 * only copy of something that must be kept.
 *
 * <p>Thread safe: every method holds the cache's lock for its own duration only, so a caller that
 * wants an expensive value built in parallel builds it outside, between a {@link #get} and a {@link
 * #computeIfAbsent} that keeps whichever copy came first.
 */
public final class BoundedLruCache<K, V> {
  /** Guarded by itself; in access order, so its first entry is the least recently used. */
  private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(16, 0.75f, true);

  private final long capacity;
  private final ToLongFunction<? super V> weigher;

  /** The sum of the entries' weights; guarded by {@link #entries}. */
  private long weight;

  /**
   * @param capacity how many entries to keep; 0 keeps none (every value is forgotten at once)
   */
  public BoundedLruCache(int capacity) {
    this(capacity, value -> 1);
  }

  /**
   * A cache bounded by the sum of its values' weights rather than their number: for values whose
   * sizes differ by orders of magnitude (a decoded ballot of 15 KB, a decoded list of a thousand
   * credentials of 210 KB), where a count bounds nothing. A value weighing more than the whole
   * capacity is not kept (and forgets nothing else).
   *
   * @param capacity the most the kept values may weigh together
   * @param weigher a value's weight, never negative, the same for as long as it is kept
   */
  public BoundedLruCache(long capacity, ToLongFunction<? super V> weigher) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    this.capacity = capacity;
    this.weigher = Objects.requireNonNull(weigher, "weigher");
  }

  /** The value of {@code key}, which becomes the most recently used, or null. */
  public V get(K key) {
    synchronized (entries) {
      return entries.get(key);
    }
  }

  /**
   * Whether {@code key} has a value. Unlike {@link #get}, not a use: the entry's recency stays as
   * it was, so a cache asked only this keeps its entries in the order they were put.
   */
  public boolean containsKey(K key) {
    synchronized (entries) {
      return entries.containsKey(key);
    }
  }

  /** Sets the value of {@code key}, the most recently used, evicting the least if over capacity. */
  public void put(K key, V value) {
    Objects.requireNonNull(value, "value"); // null is what get answers for a missing key
    synchronized (entries) {
      long added = weigh(value);
      if (added > capacity) {
        // Kept, it would flush everything else and then itself; the key's old value is stale.
        remove(key);
        return;
      }
      V replaced = entries.put(key, value);
      weight += added - (replaced == null ? 0 : weigher.applyAsLong(replaced));
      trim();
    }
  }

  /**
   * The value of {@code key}, or the one {@code compute} gives, which is then kept; either way
   * {@code key} becomes the most recently used. {@code compute} runs under the cache's lock, which
   * keeps every other thread waiting: it should be cheap (or the cache unshared).
   */
  public V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
    synchronized (entries) {
      V value = entries.get(key);
      if (value == null) {
        value = compute.apply(key);
        long added = value == null ? 0 : weigh(value);
        if (value != null && added <= capacity) {
          weight += added;
          entries.put(key, value);
          trim();
        }
      }
      return value;
    }
  }

  /** Forgets {@code key}; returns its value, or null. */
  public V remove(K key) {
    synchronized (entries) {
      V removed = entries.remove(key);
      if (removed != null) {
        weight -= weigher.applyAsLong(removed);
      }
      return removed;
    }
  }

  /** Forgets every entry whose value matches {@code filter} (recency of the others unchanged). */
  public void removeIf(Predicate<? super V> filter) {
    synchronized (entries) {
      for (Iterator<V> i = entries.values().iterator(); i.hasNext(); ) {
        V value = i.next();
        if (filter.test(value)) {
          weight -= weigher.applyAsLong(value);
          i.remove();
        }
      }
    }
  }

  public void clear() {
    synchronized (entries) {
      entries.clear();
      weight = 0;
    }
  }

  /** The kept values' weights together (their number, for a cache bounded by count). */
  public long weight() {
    synchronized (entries) {
      return weight;
    }
  }

  private long weigh(V value) {
    long w = weigher.applyAsLong(value);
    if (w < 0) {
      throw new IllegalArgumentException("a weight must not be negative: " + w);
    }
    return w;
  }

  /** Forgets the least recently used entries until the weights fit; the caller holds the lock. */
  private void trim() {
    for (Iterator<V> i = entries.values().iterator(); weight > capacity && i.hasNext(); ) {
      weight -= weigher.applyAsLong(i.next());
      i.remove();
    }
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}

package io.votechain.util;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A map that holds at most {@code capacity} entries and, to make room for a new one, forgets the
 * least recently used (read or written): memory stays bounded however many distinct keys arrive —
 * transactions, ballots, device keys, client addresses, sessions — while the entries still in use
 * stay. Meant for remembering values that can be found again (decoded, verified, fetched), or whose
 * loss is acceptable, never as the only copy of something that must be kept.
 *
 * <p>Thread safe: every method holds the cache's lock for its own duration only, so a caller that
 * wants an expensive value built in parallel builds it outside, between a {@link #get} and a {@link
 * #computeIfAbsent} that keeps whichever copy came first.
 */
public final class BoundedLruCache<K, V> {
  /** Guarded by itself; in access order, so its eldest entry is the least recently used. */
  private final LinkedHashMap<K, V> entries;

  /**
   * @param capacity how many entries to keep; 0 keeps none (every value is forgotten at once)
   */
  public BoundedLruCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
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
    synchronized (entries) {
      entries.put(key, value);
    }
  }

  /**
   * The value of {@code key}, or the one {@code compute} gives, which is then kept; either way
   * {@code key} becomes the most recently used. {@code compute} runs under the cache's lock, which
   * keeps every other thread waiting: it should be cheap (or the cache unshared).
   */
  public V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
    synchronized (entries) {
      return entries.computeIfAbsent(key, compute);
    }
  }

  /** Forgets {@code key}; returns its value, or null. */
  public V remove(K key) {
    synchronized (entries) {
      return entries.remove(key);
    }
  }

  /** Forgets every entry whose value matches {@code filter} (recency of the others unchanged). */
  public void removeIf(Predicate<? super V> filter) {
    synchronized (entries) {
      entries.values().removeIf(filter);
    }
  }

  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}

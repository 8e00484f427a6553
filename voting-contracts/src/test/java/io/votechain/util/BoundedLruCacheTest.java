package io.votechain.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedLruCacheTest {
  @Test
  void theLeastRecentlyUsedEntryGoesWhenTheBoundIsPassed() {
    BoundedLruCache<String, Integer> cache = new BoundedLruCache<>(3);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.put("c", 3);
    assertEquals(3, cache.size());

    cache.put("d", 4);

    assertEquals(3, cache.size());
    assertNull(cache.get("a"));
    assertEquals(2, cache.get("b"));
    assertEquals(3, cache.get("c"));
    assertEquals(4, cache.get("d"));
  }

  @Test
  void aReadMakesAnEntryTheMostRecentlyUsed() {
    BoundedLruCache<String, Integer> cache = new BoundedLruCache<>(2);
    cache.put("a", 1);
    cache.put("b", 2);
    assertEquals(1, cache.get("a"));

    cache.put("c", 3);

    assertNull(cache.get("b"));
    assertEquals(1, cache.get("a"));
    assertEquals(3, cache.get("c"));
  }

  @Test
  void askingWhetherAKeyIsKnownIsNoUse() {
    BoundedLruCache<String, Integer> cache = new BoundedLruCache<>(2);
    cache.put("a", 1);
    cache.put("b", 2);
    assertTrue(cache.containsKey("a"));

    cache.put("c", 3);

    assertFalse(cache.containsKey("a"));
    assertTrue(cache.containsKey("b"));
    assertTrue(cache.containsKey("c"));
  }

  @Test
  void aWriteOfAKnownKeyMakesItTheMostRecentlyUsed() {
    BoundedLruCache<String, Integer> cache = new BoundedLruCache<>(2);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.put("a", 10);

    cache.put("c", 3);

    assertNull(cache.get("b"));
    assertEquals(10, cache.get("a"));
  }

  @Test
  void computeIfAbsentKeepsTheFirstValueAndRefreshesItsRecency() {
    BoundedLruCache<String, Integer> cache = new BoundedLruCache<>(2);
    AtomicInteger computed = new AtomicInteger();
    assertEquals(1, cache.computeIfAbsent("a", k -> computed.incrementAndGet()));
    cache.put("b", 2);

    assertEquals(1, cache.computeIfAbsent("a", k -> computed.incrementAndGet() + 100));
    cache.computeIfAbsent("c", k -> 3);

    assertEquals(1, computed.get());
    assertNull(cache.get("b"));
    assertEquals(1, cache.get("a"));
    assertEquals(3, cache.get("c"));
  }

  @Test
  void removalsLeaveTheOthersInTheirOrder() {
    BoundedLruCache<String, Integer> cache = new BoundedLruCache<>(3);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.put("c", 3);
    assertEquals(2, cache.remove("b"));
    assertNull(cache.remove("b"));
    cache.put("d", 4);
    cache.removeIf(v -> v == 4);
    cache.put("e", 5);
    cache.put("f", 6);

    assertEquals(3, cache.size());
    assertNull(cache.get("a"));
    assertEquals(3, cache.get("c"));

    cache.clear();
    assertEquals(0, cache.size());
    assertNull(cache.get("c"));
  }

  @Test
  void capacityZeroKeepsNothingAndANegativeOneIsRefused() {
    BoundedLruCache<String, Integer> none = new BoundedLruCache<>(0);
    none.put("a", 1);
    assertEquals(2, none.computeIfAbsent("b", k -> 2));
    assertEquals(0, none.size());
    assertNull(none.get("a"));
    assertThrows(IllegalArgumentException.class, () -> new BoundedLruCache<String, Integer>(-1));
  }

  @Test
  void threadsSharingTheCacheNeverPassTheBound() throws Exception {
    int capacity = 64;
    int threads = 8;
    int keysPerThread = 20_000;
    BoundedLruCache<Integer, Integer> cache = new BoundedLruCache<>(capacity);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger largest = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * keysPerThread;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < keysPerThread; i++) {
                    int key = base + i;
                    cache.put(key, key);
                    // Re-reading older keys moves entries around while others insert and evict.
                    Integer old = cache.get(base + i / 2);
                    assertTrue(old == null || old == base + i / 2);
                    cache.computeIfAbsent(-key - 1, k -> k);
                    largest.accumulateAndGet(cache.size(), Math::max);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertTrue(largest.get() <= capacity, "held " + largest.get());
    assertEquals(capacity, cache.size());
    // A torn linked list would lose or duplicate entries: exactly `capacity` keys must answer.
    int found = 0;
    for (int key = -threads * keysPerThread; key < threads * keysPerThread; key++) {
      Integer v = cache.get(key);
      if (v != null) {
        assertEquals(key, v);
        found++;
      }
    }
    assertEquals(capacity, found);
  }

  @Test
  void aWeightedCacheForgetsTheLeastRecentlyUsedUntilTheWeightsFit() {
    BoundedLruCache<String, String> cache = new BoundedLruCache<>(10, v -> v.length());
    cache.put("a", "aaa");
    cache.put("b", "bbb");
    cache.put("c", "ccc");
    cache.get("a"); // b is now the least recently used
    assertEquals(9, cache.weight());

    cache.put("d", "dddddd"); // 15 > 10: b goes, then c

    assertNull(cache.get("b"));
    assertNull(cache.get("c"));
    assertEquals("aaa", cache.get("a"));
    assertEquals("dddddd", cache.get("d"));
    assertEquals(9, cache.weight());
  }

  @Test
  void aValueHeavierThanTheWholeCapacityIsNotKeptAndTakesNothingWithIt() {
    BoundedLruCache<String, String> cache = new BoundedLruCache<>(10, v -> v.length());
    cache.put("a", "aaaa");
    cache.put("big", "x".repeat(11));
    assertNull(cache.get("big"));
    assertEquals("y".repeat(11), cache.computeIfAbsent("big", k -> "y".repeat(11)));
    assertNull(cache.get("big"));
    assertEquals("aaaa", cache.get("a"));
    assertEquals(4, cache.weight());

    cache.put("a", "z".repeat(11)); // a put replaces: the old value must not be served
    assertNull(cache.get("a"));
    assertEquals(0, cache.weight());
  }

  @Test
  void weightsFollowReplacementsRemovalsAndClears() {
    BoundedLruCache<String, String> cache = new BoundedLruCache<>(100, v -> v.length());
    cache.put("a", "aaaa");
    cache.put("a", "aa");
    assertEquals(2, cache.weight());
    cache.put("b", "bbbbb");
    cache.computeIfAbsent("b", k -> "ignored, b is kept");
    cache.computeIfAbsent("c", k -> "c");
    assertEquals(8, cache.weight());
    cache.remove("a");
    cache.remove("missing");
    assertEquals(6, cache.weight());
    cache.removeIf(v -> v.startsWith("b"));
    assertEquals(1, cache.weight());
    cache.clear();
    assertEquals(0, cache.weight());
    assertEquals(0, cache.size());
  }

  @Test
  void aNegativeWeightOrNullValueIsRefusedAndChangesNothing() {
    BoundedLruCache<String, String> cache = new BoundedLruCache<>(100, v -> v.isEmpty() ? -1 : 1);
    cache.put("a", "a");
    assertThrows(IllegalArgumentException.class, () -> cache.put("b", ""));
    assertThrows(NullPointerException.class, () -> cache.put("b", null));
    assertNull(cache.get("b"));
    assertEquals(1, cache.weight());
    assertThrows(
        IllegalArgumentException.class, () -> new BoundedLruCache<String, String>(-1, v -> 1));
  }

  @Test
  void aCacheBoundedByCountWeighsEachEntryOne() {
    BoundedLruCache<String, Integer> cache = new BoundedLruCache<>(2);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.put("c", 3);
    assertEquals(2, cache.weight());
    assertEquals(2, cache.size());
  }
}

package io.votechain.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Sha256;
import io.votechain.store.rocksdb.RocksDbLedgerStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache in front of a real RocksDB store: the conformance suite through the decorator, and
 * exactness when reads and commits interleave.
 */
class CachedLedgerStoreTest {
  @TempDir Path root;

  /** Every rule of a store still holds through the cache (a small cache, to evict too). */
  @Nested
  class Conformance extends LedgerStoreConformance {
    private Path directory;
    private int opened;

    @Override
    protected LedgerStore openFresh() {
      directory = root.resolve("conformance-" + opened++);
      return new CachedLedgerStore(RocksDbLedgerStore.open(directory), 4, 100_000, 1_000);
    }

    @Override
    protected LedgerStore reopen() {
      return new CachedLedgerStore(RocksDbLedgerStore.open(directory), 4, 100_000, 1_000);
    }
  }

  private static byte[] utf8(String s) {
    return LedgerStoreConformance.utf8(s);
  }

  private static <T> T await(CompletionStage<T> stage) {
    return LedgerStoreConformance.await(stage);
  }

  /** A block whose only content is {@code writes} (sorted here). */
  private static BlockCommit commitOf(long height, List<StateWrite> writes) {
    List<StateWrite> sorted = new ArrayList<>(writes);
    sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a.key(), b.key()));
    byte[] body = utf8("block " + height);
    return new BlockCommit(
        height,
        Sha256.hash(body),
        body,
        utf8("certificate"),
        List.of(),
        sorted,
        Sha256.hash(utf8("state " + height)));
  }

  @Test
  void readsAlwaysEqualTheLastCommittedStateThroughRandomCommitsReadsAndEvictions() {
    Random random = new Random(42);
    TreeMap<String, String> model = new TreeMap<>();
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(root.resolve("random"));
        CachedLedgerStore cached = new CachedLedgerStore(raw, 8, 4_000, 64)) {
      for (long h = 1; h <= 300; h++) {
        for (int r = 0; r < 20; r++) {
          String key = "k/" + random.nextInt(30);
          Optional<byte[]> read = await(cached.state(utf8(key)));
          assertEquals(model.get(key), read.map(String::new).orElse(null), key + " at " + h);
        }
        TreeMap<String, StateWrite> writes = new TreeMap<>();
        for (int w = random.nextInt(6); w > 0; w--) {
          String key = "k/" + random.nextInt(30);
          boolean delete = random.nextInt(3) == 0;
          // Some values are above the cache's value bound (64 bytes): passed through.
          String value = "v" + h + "-" + w + (random.nextInt(5) == 0 ? "x".repeat(80) : "");
          writes.put(
              key, delete ? StateWrite.delete(utf8(key)) : StateWrite.put(utf8(key), utf8(value)));
        }
        await(cached.commit(commitOf(h, new ArrayList<>(writes.values()))));
        writes.forEach(
            (k, w) -> {
              if (w.isDelete()) {
                model.remove(k);
              } else {
                model.put(k, new String(w.value()));
              }
            });
      }
      CommittedStateCache.Stats stats = cached.cacheStats();
      assertTrue(stats.hits() > 0 && stats.evictions() > 0, stats.toString());
      assertTrue(stats.entries() <= 8 && stats.bytes() <= 4_000, stats.toString());
    }
  }

  @Test
  void aReadThatStartedBeforeACommitAndAnsweredAfterItDoesNotBringBackTheOldValue()
      throws Exception {
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(root.resolve("race"))) {
      await(raw.commit(commitOf(1, List.of(StateWrite.put(utf8("aggregate"), utf8("h1"))))));
      GatedStore gated = new GatedStore(raw);
      try (CachedLedgerStore cached = new CachedLedgerStore(gated)) {
        gated.holdReads = true;
        // A checker's read: the store has read "h1", but the answer is still on its way …
        CompletableFuture<Optional<byte[]>> slow =
            cached.state(utf8("aggregate")).toCompletableFuture();
        assertFalse(slow.isDone());
        gated.holdReads = false;
        // … while block 2 commits "h2".
        await(cached.commit(commitOf(2, List.of(StateWrite.put(utf8("aggregate"), utf8("h2"))))));
        gated.releaseReads();
        // The late reader gets the value before the commit, which it overlapped: allowed.
        assertArrayEquals(utf8("h1"), await(slow).orElseThrow());
        // Everyone after the commit gets "h2", from the cache as from the store.
        assertArrayEquals(utf8("h2"), await(cached.state(utf8("aggregate"))).orElseThrow());
        assertArrayEquals(utf8("h2"), await(raw.state(utf8("aggregate"))).orElseThrow());
        assertEquals(1, cached.cacheStats().refusedFills());
      }
    }
  }

  @Test
  void duringACommitHitsGiveThePreviousValueAndMissesAskTheStoreWithoutKeepingTheAnswer() {
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(root.resolve("during"))) {
      GatedStore gated = new GatedStore(raw);
      try (CachedLedgerStore cached = new CachedLedgerStore(gated)) {
        await(cached.commit(commitOf(1, List.of(StateWrite.put(utf8("aggregate"), utf8("h1"))))));
        gated.holdCommits = true;
        CompletableFuture<Void> two =
            cached
                .commit(
                    commitOf(
                        2,
                        List.of(
                            StateWrite.put(utf8("aggregate"), utf8("h2")),
                            StateWrite.put(utf8("ballot/b1"), utf8("cast")))))
                .toCompletableFuture();
        // The store has applied block 2 (RocksDB at once), but its stage has not completed.
        assertFalse(two.isDone());
        assertArrayEquals(utf8("h1"), await(cached.state(utf8("aggregate"))).orElseThrow());
        long refusedBefore = cached.cacheStats().refusedFills();
        Optional<byte[]> ballot = await(cached.state(utf8("ballot/b1")));
        assertTrue(ballot.isEmpty() || new String(ballot.get()).equals("cast"));
        assertEquals(refusedBefore + 1, cached.cacheStats().refusedFills());
        gated.releaseCommits();
        await(two);
        assertArrayEquals(utf8("h2"), await(cached.state(utf8("aggregate"))).orElseThrow());
        assertArrayEquals(utf8("cast"), await(cached.state(utf8("ballot/b1"))).orElseThrow());
      }
    }
  }

  @Test
  void aPrefetchReadsEveryMissAtOnceIntoTheCacheAndTheReadsAfterItAreHits() {
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(root.resolve("prefetch"))) {
      await(
          raw.commit(
              commitOf(
                  1,
                  List.of(
                      StateWrite.put(utf8("a"), utf8("1")),
                      StateWrite.put(utf8("b"), utf8("2"))))));
      // A store whose reads are local fetches nothing ahead, and does not even ask for the keys.
      await(
          raw.prefetch(
              () -> {
                throw new AssertionError("RocksDB asked for keys to prefetch");
              }));
      GatedStore gated = new GatedStore(raw);
      try (CachedLedgerStore cached = new CachedLedgerStore(gated)) {
        await(cached.state(utf8("a")));
        gated.holdReads = true;
        CompletableFuture<Void> fetch =
            cached.prefetch(() -> List.of(utf8("a"), utf8("b"), utf8("c"))).toCompletableFuture();
        // Both misses were sent before either answered; the cached key was not read again.
        assertFalse(fetch.isDone());
        assertEquals(2, cached.prefetchedReads());
        gated.releaseReads();
        await(fetch);
        long hits = cached.cacheStats().hits();
        assertArrayEquals(utf8("2"), await(cached.state(utf8("b"))).orElseThrow());
        assertTrue(await(cached.state(utf8("c"))).isEmpty());
        assertEquals(hits + 2, cached.cacheStats().hits(), "answered from the cache");
      }
    }
  }

  @Test
  void aReplayOfTheLatestBlockWithOtherWritesDoesNotChangeWhatIsRead() {
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(root.resolve("replay"));
        CachedLedgerStore cached = new CachedLedgerStore(raw)) {
      BlockCommit one = commitOf(1, List.of(StateWrite.put(utf8("a"), utf8("1"))));
      await(cached.commit(one));
      // Same height and hash: the store answers with a no-op and keeps what it has.
      await(
          cached.commit(
              new BlockCommit(
                  1,
                  one.blockHash(),
                  one.block(),
                  one.commitCertificate(),
                  List.of(),
                  List.of(StateWrite.put(utf8("a"), utf8("other"))),
                  one.stateHash())));
      assertArrayEquals(utf8("1"), await(cached.state(utf8("a"))).orElseThrow());
    }
  }

  @Test
  void aRefusedCommitLeavesTheCachedStateAsTheStoreHasIt() {
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(root.resolve("refused"));
        CachedLedgerStore cached = new CachedLedgerStore(raw)) {
      await(cached.commit(commitOf(1, List.of(StateWrite.put(utf8("a"), utf8("1"))))));
      StoreException e =
          assertThrows(
              StoreException.class,
              () ->
                  await(cached.commit(commitOf(3, List.of(StateWrite.put(utf8("a"), utf8("3")))))));
      assertEquals(StoreException.Reason.OUT_OF_ORDER, e.reason());
      assertArrayEquals(utf8("1"), await(cached.state(utf8("a"))).orElseThrow());
      // The next commit after a refusal is applied normally.
      await(cached.commit(commitOf(2, List.of(StateWrite.put(utf8("a"), utf8("2"))))));
      assertArrayEquals(utf8("2"), await(cached.state(utf8("a"))).orElseThrow());
    }
  }

  /**
   * Readers on four threads while 200 blocks commit: every value read is one that was committed
   * while the read was under way (each block writes its height to every key), and once the commits
   * stop, every key reads the last block's value — a read that overlapped a commit never left its
   * older answer in the cache.
   */
  @Test
  void concurrentReadersSeeOnlyValuesCommittedDuringTheirReadAndNothingStaleAfterwards()
      throws Exception {
    int keys = 50;
    long blocks = 200;
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(root.resolve("concurrent"));
        CachedLedgerStore cached = new CachedLedgerStore(raw, 40, 1_000_000, 1_000)) {
      AtomicLong applied = new AtomicLong(); // every commit up to here has completed
      AtomicLong started = new AtomicLong(); // no commit above this has started
      AtomicBoolean done = new AtomicBoolean();
      ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
      ExecutorService readers = Executors.newFixedThreadPool(4);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Random random = new Random(t);
        running.add(
            readers.submit(
                () -> {
                  while (!done.get()) {
                    String key = "k/" + random.nextInt(keys);
                    long lo = applied.get();
                    long value =
                        await(cached.state(utf8(key)))
                            .map(v -> Long.parseLong(new String(v)))
                            .orElse(0L);
                    long hi = started.get();
                    if (value < lo || value > hi) {
                      wrong.add(key + " read " + value + " outside [" + lo + ", " + hi + "]");
                    }
                  }
                }));
      }
      for (long h = 1; h <= blocks; h++) {
        List<StateWrite> writes = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
          writes.add(StateWrite.put(utf8("k/" + k), utf8(Long.toString(h))));
        }
        started.set(h);
        await(cached.commit(commitOf(h, writes)));
        applied.set(h);
      }
      done.set(true);
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
      readers.shutdown();
      assertEquals(List.of(), List.copyOf(wrong));
      for (int k = 0; k < keys; k++) {
        assertArrayEquals(
            utf8(Long.toString(blocks)), await(cached.state(utf8("k/" + k))).orElseThrow());
      }
    }
  }

  /**
   * A real store whose answers can be held back: a read is made at once but its answer is handed
   * over only when released ({@link #holdReads}); a commit is applied at once but its stage
   * completes only when released ({@link #holdCommits}). That is how a slow network makes a read
   * overlap a commit.
   */
  private static final class GatedStore extends ForwardingLedgerStore {
    volatile boolean holdReads;
    volatile boolean holdCommits;
    private final CountDownLatch reads = new CountDownLatch(1);
    private final CountDownLatch commits = new CountDownLatch(1);

    GatedStore(LedgerStore store) {
      super(store);
    }

    void releaseReads() {
      reads.countDown();
    }

    void releaseCommits() {
      commits.countDown();
    }

    private static <T> CompletionStage<T> after(CountDownLatch gate, CompletionStage<T> stage) {
      return stage.thenApplyAsync(
          x -> {
            try {
              if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never released");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
            return x;
          });
    }

    @Override
    public CompletionStage<Optional<byte[]>> state(byte[] key) {
      CompletionStage<Optional<byte[]>> read = store.state(key);
      return holdReads ? after(reads, read) : read;
    }

    @Override
    public CompletionStage<Void> commit(BlockCommit commit) {
      CompletionStage<Void> applied = store.commit(commit);
      return holdCommits ? after(commits, applied) : applied;
    }

    @Override
    public void close() {
      // The test closes the real store itself.
    }
  }
}

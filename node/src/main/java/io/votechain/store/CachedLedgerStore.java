package io.votechain.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A {@link LedgerStore} whose state reads are answered from memory when they can be, exactly: the
 * state changes only at commits, and every commit goes through this decorator, which writes the
 * block's state writes into the cache once the store has applied them ({@link
 * CommittedStateCache}). Built for Cassandra, where each state read is a network round trip and a
 * ballot's execution and checks make about fifteen of them (docs/storage.md §6).
 *
 * <p>Consistency is the wrapped store's: a read returns the value of the last commit whose stage
 * completed, or — for a read that overlaps a commit — the value before or after it (per key; a
 * reader of several keys during a commit may see some of each, as with the stores themselves). The
 * contracts' block execution runs on the thread that commits, between commits, so it always reads
 * exactly the state after the previous block.
 *
 * <p>Folder listings ({@link #stateFolder}), blocks, transactions and evidence pass through: no
 * ballot reads a folder (only key-ceremony and tally transactions do, a few per election), and the
 * node keeps recent blocks itself ({@code LedgerApplication}).
 *
 * <p>This decorator must be the store's only writer. Commits are serialised here (each starts when
 * the previous one and its cache update have finished), so the cache sees commits in the order the
 * store applies them. Thread safe.
 */
public final class CachedLedgerStore extends ForwardingLedgerStore {
  /**
   * 200 000 entries or 64 MiB, whichever is reached first: ≈ 15 keys per ballot, so the keys of the
   * last ≈ 13 000 ballots and every election-wide key (manifest, joint key, aggregate) stay.
   */
  public static final int DEFAULT_MAX_ENTRIES = 200_000;

  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  /** Values above 1 MiB are read from the store each time (none is on a ballot's path). */
  public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

  private final CommittedStateCache cache;
  private final LongAdder prefetchedReads = new LongAdder();
  private final Object commitLock = new Object();
  private CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);

  public CachedLedgerStore(LedgerStore store) {
    this(store, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES, DEFAULT_MAX_VALUE_BYTES);
  }

  public CachedLedgerStore(LedgerStore store, int maxEntries, long maxBytes, int maxValueBytes) {
    super(store);
    this.cache =
        new CommittedStateCache(
            new CommittedStateCache.Limits(maxEntries, maxBytes, maxValueBytes));
  }

  @Override
  public CompletionStage<Void> commit(BlockCommit commit) {
    synchronized (commitLock) {
      CompletableFuture<Void> next =
          lastCommit.handle((x, e) -> null).thenCompose(x -> commitThroughCache(commit));
      lastCommit = next;
      return next;
    }
  }

  private CompletableFuture<Void> commitThroughCache(BlockCommit commit) {
    return store
        .latestHeight()
        .toCompletableFuture()
        .thenCompose(
            before -> {
              cache.commitStarted(commit.stateWrites());
              CompletableFuture<Void> applied;
              try {
                applied = store.commit(commit).toCompletableFuture();
              } catch (RuntimeException e) {
                applied = CompletableFuture.failedFuture(e);
              }
              return applied.handle(
                  (x, failure) -> {
                    // Only a commit that moved the store to the next height wrote its values; a
                    // replay of the latest block is a no-op whose writes need not match the store.
                    if (failure == null && commit.height() == before + 1) {
                      cache.commitApplied(commit.stateWrites());
                      return null;
                    }
                    cache.commitNotApplied(commit.stateWrites());
                    if (failure != null) {
                      throw failure instanceof CompletionException c
                          ? c
                          : new CompletionException(failure);
                    }
                    return null;
                  });
            });
  }

  @Override
  public CompletionStage<Optional<byte[]>> state(byte[] key) {
    CommittedStateCache.Lookup lookup = cache.lookup(key);
    if (lookup instanceof CommittedStateCache.Hit hit) {
      return CompletableFuture.completedFuture(hit.value());
    }
    long ticket = ((CommittedStateCache.Miss) lookup).ticket();
    CompletionStage<Optional<byte[]>> read;
    try {
      read = store.state(key);
    } catch (RuntimeException e) {
      cache.abandon(key, ticket);
      throw e;
    }
    return read.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            cache.fill(key, value, ticket);
          } else {
            cache.abandon(key, ticket);
          }
        });
  }

  /**
   * Reads every key of {@code keys} the cache does not hold, all at once, into the cache: the
   * checks of a batch of ballots then find their keys in memory instead of making one round trip
   * after another under the checking lock (docs/storage.md §6). A read that overlaps a commit is
   * filled or refused as any read is, so the cache stays exact.
   */
  @Override
  public CompletionStage<Void> prefetch(Supplier<List<byte[]>> keys) {
    List<CompletableFuture<?>> reads = new ArrayList<>();
    for (byte[] key : keys.get()) {
      try {
        CompletableFuture<Optional<byte[]>> read = state(key).toCompletableFuture();
        if (!read.isDone()) {
          reads.add(read.handle((value, failure) -> null));
        }
      } catch (RuntimeException e) {
        // The read that follows reports it.
      }
    }
    prefetchedReads.add(reads.size());
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
  }

  /** State reads {@link #prefetch} sent to the store, since start. */
  public long prefetchedReads() {
    return prefetchedReads.sum();
  }

  /** Hits, misses, refused fills, evictions and size of the state cache. */
  public CommittedStateCache.Stats cacheStats() {
    return cache.stats();
  }

  @Override
  public String toString() {
    return "Cached" + store;
  }
}

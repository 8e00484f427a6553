package io.votechain.store.cassandra;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs asynchronous writes with at most {@code width} in flight, starting the next one as soon as
 * any finishes: a sliding window. Fixed windows (start {@code width}, wait for all, start the next
 * {@code width}) waited for the slowest write of every window, and a block's commit is thousands of
 * writes each waiting for Cassandra's commit-log sync (docs/benchmarks.md, session 4).
 *
 * <p>The result completes when every write has, or exceptionally with the first failure; after a
 * failure no further write is started (those in flight finish on their own). Writes that complete
 * at once (on the starting thread) are started in a loop, not by recursion, so any number is safe.
 */
final class WriteWindow {
  private final List<Supplier<CompletionStage<?>>> writes;
  private final int width;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();

  /** Claims the right to start writes; counts the calls made while a claim was held. */
  private final AtomicInteger pumping = new AtomicInteger();

  private int next; // guarded by the claim on pumping

  private WriteWindow(List<Supplier<CompletionStage<?>>> writes, int width) {
    this.writes = List.copyOf(writes);
    this.width = width;
  }

  /** The writes, at most {@code width} at a time, in list order of starting. */
  static CompletableFuture<Void> run(List<Supplier<CompletionStage<?>>> writes, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be positive");
    }
    WriteWindow w = new WriteWindow(writes, width);
    if (w.writes.isEmpty()) {
      w.done.complete(null);
    } else {
      w.pump();
    }
    return w.done;
  }

  private void pump() {
    if (pumping.getAndIncrement() != 0) {
      return; // the thread holding the claim will look again
    }
    do {
      while (!done.isDone() && next < writes.size() && inFlight.get() < width) {
        Supplier<CompletionStage<?>> write = writes.get(next++);
        inFlight.incrementAndGet();
        CompletionStage<?> stage;
        try {
          stage = write.get();
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
          break;
        }
        stage.whenComplete(
            (result, failure) -> {
              inFlight.decrementAndGet();
              if (failure != null) {
                done.completeExceptionally(failure);
              } else if (finished.incrementAndGet() == writes.size()) {
                done.complete(null);
              } else {
                pump();
              }
            });
      }
    } while (pumping.decrementAndGet() != 0);
  }
}

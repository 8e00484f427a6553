package io.votechain.store.cassandra;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs asynchronous requests to Cassandra with at most {@code width} in flight, starting the next
 * one as soon as any finishes: a sliding window. It paces a commit's writes and the reads of a
 * folder page's values. Fixed windows (start {@code width}, wait for all, start the next {@code
 * width}) waited for the slowest request of every window, and a block's commit is thousands of
 * writes each waiting for Cassandra's commit-log sync (docs/benchmarks.md, session 4); without a
 * window at all, a page of 10 000 reads exhausted the driver's connection.
 *
 * <p>The result completes when every request has, or exceptionally with the first failure; after a
 * failure no further request is started (those in flight finish on their own). Requests that
 * complete at once (on the starting thread) are started in a loop, not by recursion, so any number
 * is safe.
 */
final class RequestWindow {
  private final List<Supplier<CompletionStage<?>>> requests;
  private final int width;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();

  /** Claims the right to start requests; counts the calls made while a claim was held. */
  private final AtomicInteger pumping = new AtomicInteger();

  private int next; // guarded by the claim on pumping

  private RequestWindow(List<Supplier<CompletionStage<?>>> requests, int width) {
    this.requests = List.copyOf(requests);
    this.width = width;
  }

  /** The requests, at most {@code width} at a time, started in list order. */
  static CompletableFuture<Void> run(List<Supplier<CompletionStage<?>>> requests, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be positive");
    }
    RequestWindow w = new RequestWindow(requests, width);
    if (w.requests.isEmpty()) {
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
      while (!done.isDone() && next < requests.size() && inFlight.get() < width) {
        Supplier<CompletionStage<?>> request = requests.get(next++);
        inFlight.incrementAndGet();
        CompletionStage<?> stage;
        try {
          stage = request.get();
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
          break;
        }
        stage.whenComplete(
            (result, failure) -> {
              inFlight.decrementAndGet();
              if (failure != null) {
                done.completeExceptionally(failure);
              } else if (finished.incrementAndGet() == requests.size()) {
                done.complete(null);
              } else {
                pump();
              }
            });
      }
    } while (pumping.decrementAndGet() != 0);
  }
}

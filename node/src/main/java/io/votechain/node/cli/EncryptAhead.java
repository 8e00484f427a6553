package io.votechain.node.cli;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Makes items {@code from .. total-1} on a pool a bounded window ahead of the one consumer that
 * takes them in order. A load run of a million encrypted ballots cannot hold them all (a few GiB);
 * this keeps at most {@code window} made and not yet taken, so memory stays flat and the cores
 * encrypt while the validators commit.
 */
final class EncryptAhead<T> {
  private final ExecutorService pool;
  private final IntFunction<T> make;
  private final int total;
  private final int window;
  private final ArrayDeque<Future<T>> ahead = new ArrayDeque<>();
  private int submitted;
  private int taken;

  EncryptAhead(ExecutorService pool, IntFunction<T> make, int from, int total, int window) {
    if (from < 0 || from > total || window < 1) {
      throw new IllegalArgumentException(
          "from " + from + ", total " + total + ", window " + window);
    }
    this.pool = pool;
    this.make = make;
    this.total = total;
    this.window = window;
    this.submitted = from;
    this.taken = from;
  }

  /**
   * Item {@code n}, waiting for it if it is not made yet. Items are taken in order, each once: a
   * skipped or repeated index is a caller's bug, and would cast another voter's ballot.
   */
  synchronized T take(int n) throws InterruptedException, ExecutionException {
    if (n != taken || n >= total) {
      throw new IllegalStateException(
          "item " + n + " taken out of order; next is " + taken + " of " + total);
    }
    while (ahead.size() < window && submitted < total) {
      int i = submitted++;
      ahead.add(pool.submit(() -> make.apply(i)));
    }
    taken++;
    return ahead.remove().get();
  }

  /** Items made or being made and not yet taken: never more than the window. */
  synchronized int pending() {
    return ahead.size();
  }
}

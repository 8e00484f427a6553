package io.votechain.node;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.votechain.consensus.core.Application.TxCheck;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.ToLongFunction;

/**
 * Checks transactions in batches (those clients submit, and, in another instance, those peers
 * relay): the transactions that arrive while one batch is being checked form the next one. Under
 * load the batches grow by themselves, so a ballot's proofs are verified with the others'
 * (docs/contracts.md §5.1) at a fraction of the one-by-one cost; a lone submission is a batch of
 * one and waits for nothing. One batch at a time, on a worker.
 *
 * <p>The queue of transactions waiting for their check is bounded in number and bytes: past either
 * bound a transaction is refused at once with {@link Busy} (back-pressure a client retries on)
 * instead of waiting longer than any client would, in memory nothing else bounds (docs/node.md §3).
 */
final class SubmissionChecks<T> {
  /**
   * @param maxBatch the most transactions checked together
   * @param maxWaiting the most transactions waiting for a check
   * @param maxWaitingBytes the most bytes of transactions waiting for a check
   */
  record Bounds(int maxBatch, int maxWaiting, long maxWaitingBytes) {
    Bounds {
      if (maxBatch < 1 || maxWaiting < 1 || maxWaitingBytes < 1) {
        throw new IllegalArgumentException("bounds must be positive: " + this);
      }
    }
  }

  /** Refused: the queue of transactions waiting for their check is full. */
  static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy() {
      // No stack trace: it is the expected answer to overload, thrown often under it.
      super("the transactions waiting for their checks fill the queue", null, false, false);
    }
  }

  private record Pending<T>(T tx, long bytes, Promise<TxCheck> promise, Context context) {}

  private final Vertx vertx;
  private final Function<List<T>, List<TxCheck>> checker;
  private final Bounds bounds;
  private final ToLongFunction<T> size;
  private final IntConsumer batchSizes;
  private final Runnable refusals;
  private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
  private long waitingBytes;
  private boolean draining;

  SubmissionChecks(
      Vertx vertx,
      Function<List<T>, List<TxCheck>> checker,
      Bounds bounds,
      ToLongFunction<T> size) {
    this(vertx, checker, bounds, size, batch -> {}, () -> {});
  }

  /**
   * @param size the bytes a waiting transaction holds
   * @param batchSizes told the size of each batch before it is checked: the per-ballot cost of
   *     batch verification falls with the batch (docs/benchmarks.md), so the sizes explain a run
   * @param refusals told of each transaction refused with {@link Busy}
   */
  SubmissionChecks(
      Vertx vertx,
      Function<List<T>, List<TxCheck>> checker,
      Bounds bounds,
      ToLongFunction<T> size,
      IntConsumer batchSizes,
      Runnable refusals) {
    this.vertx = vertx;
    this.checker = checker;
    this.bounds = bounds;
    this.size = size;
    this.batchSizes = batchSizes;
    this.refusals = refusals;
  }

  /**
   * The check of {@code tx}, completed on the caller's context; failed at once with {@link Busy}
   * when the queue is full.
   */
  Future<TxCheck> check(T tx) {
    long bytes = size.applyAsLong(tx);
    Promise<TxCheck> promise = Promise.promise();
    boolean start;
    synchronized (queue) {
      if (queue.size() >= bounds.maxWaiting() || waitingBytes + bytes > bounds.maxWaitingBytes()) {
        refusals.run();
        return Future.failedFuture(new Busy());
      }
      queue.add(new Pending<>(tx, bytes, promise, Vertx.currentContext()));
      waitingBytes += bytes;
      start = !draining;
      draining = true;
    }
    if (start) {
      vertx.executeBlocking(this::drain, false);
    }
    return promise.future();
  }

  private Void drain() {
    while (true) {
      List<Pending<T>> batch = new ArrayList<>();
      synchronized (queue) {
        while (batch.size() < bounds.maxBatch() && !queue.isEmpty()) {
          Pending<T> next = queue.poll();
          waitingBytes -= next.bytes();
          batch.add(next);
        }
        if (batch.isEmpty()) {
          draining = false;
          return null;
        }
      }
      batchSizes.accept(batch.size());
      List<T> txs = new ArrayList<>(batch.size());
      batch.forEach(p -> txs.add(p.tx()));
      try {
        List<TxCheck> checks = checker.apply(txs);
        for (int i = 0; i < batch.size(); i++) {
          complete(batch.get(i), checks.get(i), null);
        }
      } catch (RuntimeException e) {
        batch.forEach(p -> complete(p, null, e));
      }
    }
  }

  private static void complete(Pending<?> p, TxCheck check, Throwable failure) {
    Runnable r =
        () -> {
          if (failure == null) {
            p.promise().complete(check);
          } else {
            p.promise().fail(failure);
          }
        };
    if (p.context() == null) {
      r.run();
    } else {
      p.context().runOnContext(v -> r.run());
    }
  }
}

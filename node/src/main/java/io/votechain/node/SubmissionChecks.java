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

/**
 * Checks transactions in batches (those clients submit, and, in another instance, those peers
 * relay): the transactions that arrive while one batch is being checked form the next one. Under
 * load the batches grow by themselves, so a ballot's proofs are verified with the others'
 * (docs/contracts.md §5.1) at a fraction of the one-by-one cost; a lone submission is a batch of
 * one and waits for nothing. One batch at a time, on a worker.
 */
final class SubmissionChecks<T> {
  private record Pending<T>(T tx, Promise<TxCheck> promise, Context context) {}

  private final Vertx vertx;
  private final Function<List<T>, List<TxCheck>> checker;
  private final int maxBatch;
  private final IntConsumer batchSizes;
  private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
  private boolean draining;

  SubmissionChecks(Vertx vertx, Function<List<T>, List<TxCheck>> checker, int maxBatch) {
    this(vertx, checker, maxBatch, size -> {});
  }

  /**
   * @param batchSizes told the size of each batch before it is checked: the per-ballot cost of
   *     batch verification falls with the batch (docs/benchmarks.md), so the sizes explain a run
   */
  SubmissionChecks(
      Vertx vertx, Function<List<T>, List<TxCheck>> checker, int maxBatch, IntConsumer batchSizes) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive");
    }
    this.vertx = vertx;
    this.checker = checker;
    this.maxBatch = maxBatch;
    this.batchSizes = batchSizes;
  }

  /** The check of {@code tx}, completed on the caller's context. */
  Future<TxCheck> check(T tx) {
    Promise<TxCheck> promise = Promise.promise();
    boolean start;
    synchronized (queue) {
      queue.add(new Pending<>(tx, promise, Vertx.currentContext()));
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
        while (batch.size() < maxBatch && !queue.isEmpty()) {
          batch.add(queue.poll());
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

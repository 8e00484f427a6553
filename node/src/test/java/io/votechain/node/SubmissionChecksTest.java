package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.votechain.consensus.core.Application.TxCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubmissionChecksTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** Refuses transactions whose first byte is odd; records each batch's size. */
  private static List<TxCheck> judge(List<byte[]> txs, List<Integer> batches) {
    batches.add(txs.size());
    List<TxCheck> out = new ArrayList<>();
    for (byte[] tx : txs) {
      out.add(tx[0] % 2 == 0 ? TxCheck.OK : TxCheck.reject("ODD_" + tx[0]));
    }
    return out;
  }

  @Test
  void submissionsThatArriveDuringACheckFormTheNextBatchAndEachGetsItsOwnVerdict()
      throws Exception {
    List<Integer> observed = new CopyOnWriteArrayList<>();
    HeldFirstBatch checker = new HeldFirstBatch();
    List<Integer> batches = checker.batches;
    SubmissionChecks<byte[]> checks =
        new SubmissionChecks<>(
            vertx,
            checker,
            new SubmissionChecks.Bounds(4, 100, 1_000),
            tx -> tx.length,
            observed::add,
            () -> {});
    List<Future<TxCheck>> futures = new ArrayList<>();
    futures.add(checks.check(new byte[] {0}));
    assertTrue(checker.entered.await(10, TimeUnit.SECONDS));
    for (int i = 1; i <= 6; i++) {
      futures.add(checks.check(new byte[] {(byte) i}));
    }
    checker.release.countDown();
    for (int i = 0; i < futures.size(); i++) {
      TxCheck check =
          futures.get(i).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(i % 2 == 0, check.ok(), "verdict of " + i);
      if (!check.ok()) {
        assertEquals("ODD_" + i, check.reason());
      }
    }
    // One alone, then the six that waited, in batches of at most four.
    assertEquals(List.of(1, 4, 2), batches);
    // The metric sees each batch's size before it is checked.
    assertEquals(batches, observed);
  }

  @Test
  void aFailingCheckFailsItsBatchAndTheNextBatchStillRuns() throws Exception {
    List<Integer> batches = new CopyOnWriteArrayList<>();
    SubmissionChecks<byte[]> checks =
        new SubmissionChecks<>(
            vertx,
            txs -> {
              if (txs.get(0)[0] == 9) {
                throw new IllegalStateException("store unavailable");
              }
              return judge(txs, batches);
            },
            new SubmissionChecks.Bounds(4, 100, 1_000),
            tx -> tx.length);
    Future<TxCheck> failed = checks.check(new byte[] {9});
    CountDownLatch done = new CountDownLatch(1);
    failed.onComplete(ar -> done.countDown());
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertTrue(failed.failed());
    assertEquals("store unavailable", failed.cause().getMessage());
    assertTrue(
        checks
            .check(new byte[] {2})
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS)
            .ok());
  }

  @Test
  void pastEitherBoundOfTheWaitingQueueATransactionIsRefusedAtOnceAndNoneWaitingIsLost()
      throws Exception {
    java.util.concurrent.atomic.AtomicInteger refusals =
        new java.util.concurrent.atomic.AtomicInteger();
    HeldFirstBatch checker = new HeldFirstBatch();
    List<Integer> batches = checker.batches;
    SubmissionChecks<byte[]> checks =
        new SubmissionChecks<>(
            vertx,
            checker,
            // Three waiting, or 10 bytes.
            new SubmissionChecks.Bounds(8, 3, 10),
            tx -> tx.length,
            size -> {},
            refusals::incrementAndGet);
    List<Future<TxCheck>> admitted = new ArrayList<>();
    admitted.add(checks.check(new byte[] {0}));
    assertTrue(checker.entered.await(10, TimeUnit.SECONDS));
    // The one being checked does not count: three may wait.
    admitted.add(checks.check(new byte[] {2}));
    admitted.add(checks.check(new byte[] {4}));
    Future<TxCheck> tooHeavy = checks.check(new byte[9]); // 2 + 9 bytes > 10
    admitted.add(checks.check(new byte[] {6, 0, 0, 0, 0, 0, 0, 0})); // 10 bytes in all
    Future<TxCheck> tooMany = checks.check(new byte[] {8});
    assertTrue(tooHeavy.failed());
    assertTrue(tooHeavy.cause() instanceof SubmissionChecks.Busy);
    assertTrue(tooMany.failed());
    assertTrue(tooMany.cause() instanceof SubmissionChecks.Busy);
    assertEquals(2, refusals.get());
    checker.release.countDown();
    for (Future<TxCheck> f : admitted) {
      assertTrue(f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).ok());
    }
    assertEquals(List.of(1, 3), batches);
    // The queue is empty again: both bounds free.
    assertTrue(
        checks
            .check(new byte[] {10, 0, 0, 0, 0, 0, 0, 0, 0, 0})
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS)
            .ok());
    assertEquals(2, refusals.get());
  }

  /** A checker that holds its first batch until released, and records each batch's size. */
  private static final class HeldFirstBatch
      implements java.util.function.Function<List<byte[]>, List<TxCheck>> {
    final List<Integer> batches = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public List<TxCheck> apply(List<byte[]> txs) {
      if (batches.isEmpty()) {
        entered.countDown();
        await(release);
      }
      return judge(txs, batches);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

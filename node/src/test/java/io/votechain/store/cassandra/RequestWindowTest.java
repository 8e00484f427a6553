package io.votechain.store.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RequestWindowTest {
  /** Writes whose completion the test controls. */
  private static final class Held {
    final List<CompletableFuture<Object>> started = new ArrayList<>();
    final List<Supplier<CompletionStage<?>>> writes = new ArrayList<>();

    Held(int count) {
      for (int i = 0; i < count; i++) {
        writes.add(
            () -> {
              CompletableFuture<Object> f = new CompletableFuture<>();
              started.add(f);
              return f;
            });
      }
    }
  }

  @Test
  void oneSlowWriteDoesNotHoldBackTheOthers() {
    Held held = new Held(10);
    CompletableFuture<Void> done = RequestWindow.run(held.writes, 3);
    assertEquals(3, held.started.size(), "no more than the width in flight");

    CompletableFuture<Object> slow = held.started.get(0);
    // Fixed windows would start nothing more until the first write finished.
    for (int i = 1; i < 10; i++) {
      held.started.get(i).complete(null);
    }
    assertEquals(10, held.started.size(), "every other write started while the first was slow");
    assertFalse(done.isDone(), "not done while one write is in flight");

    slow.complete(null);
    assertTrue(done.isDone());
    assertFalse(done.isCompletedExceptionally());
  }

  @Test
  void aFailureFailsTheWholeAndStartsNoMoreWrites() {
    Held held = new Held(10);
    CompletableFuture<Void> done = RequestWindow.run(held.writes, 2);
    IllegalStateException failure = new IllegalStateException("unavailable");
    held.started.get(0).completeExceptionally(failure);

    assertTrue(done.isCompletedExceptionally());
    ExecutionException e = assertThrows(ExecutionException.class, done::get);
    assertSame(failure, e.getCause());
    held.started.get(1).complete(null);
    assertEquals(2, held.started.size(), "nothing started after the failure");
  }

  @Test
  void aWriteThatThrowsWhenStartedFailsTheWhole() {
    List<Supplier<CompletionStage<?>>> writes =
        List.of(
            () -> CompletableFuture.completedFuture(null),
            () -> {
              throw new IllegalArgumentException("unbindable");
            });
    CompletableFuture<Void> done = RequestWindow.run(writes, 4);
    ExecutionException e = assertThrows(ExecutionException.class, done::get);
    assertEquals("unbindable", e.getCause().getMessage());
  }

  @Test
  void writesThatCompleteAtOnceDoNotGrowTheStack() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    List<Supplier<CompletionStage<?>>> writes = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      writes.add(
          () -> {
            ran.incrementAndGet();
            return CompletableFuture.completedFuture(null);
          });
    }
    RequestWindow.run(writes, 128).get(10, TimeUnit.SECONDS);
    assertEquals(200_000, ran.get());
  }

  @Test
  void writesCompletingOnOtherThreadsAllRunAndNeverExceedTheWidth() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      AtomicInteger ran = new AtomicInteger();
      List<Supplier<CompletionStage<?>>> writes = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        writes.add(
            () -> {
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              return CompletableFuture.runAsync(
                  () -> {
                    ran.incrementAndGet();
                    inFlight.decrementAndGet();
                  },
                  pool);
            });
      }
      RequestWindow.run(writes, 16).get(30, TimeUnit.SECONDS);
      assertEquals(20_000, ran.get());
      assertTrue(most.get() <= 16, "at most the width in flight, saw " + most.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noWritesIsDoneAtOnceAndAWidthBelowOneIsRefused() {
    assertTrue(RequestWindow.run(List.of(), 1).isDone());
    assertThrows(IllegalArgumentException.class, () -> RequestWindow.run(List.of(), 0));
  }
}

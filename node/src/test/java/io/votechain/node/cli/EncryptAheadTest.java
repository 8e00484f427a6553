package io.votechain.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EncryptAheadTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void itemsComeInOrderAndNoMoreThanTheWindowIsMadeAhead() throws Exception {
    AtomicInteger made = new AtomicInteger();
    EncryptAhead<String> ahead =
        new EncryptAhead<>(
            pool,
            n -> {
              made.incrementAndGet();
              return "item " + n;
            },
            3,
            40,
            4);
    for (int n = 3; n < 40; n++) {
      assertEquals("item " + n, ahead.take(n));
      assertTrue(ahead.pending() <= 4, "pending " + ahead.pending());
      // Made: the ones taken plus at most the window not yet taken.
      assertTrue(made.get() <= n - 3 + 1 + 4, "made " + made.get() + " after taking " + n);
    }
    assertEquals(0, ahead.pending());
    assertEquals(37, made.get());
  }

  @Test
  void anIndexOutOfOrderOrPastTheEndIsRefused() throws Exception {
    EncryptAhead<Integer> ahead = new EncryptAhead<>(pool, n -> n, 0, 2, 8);
    assertThrows(IllegalStateException.class, () -> ahead.take(1));
    assertEquals(0, ahead.take(0));
    assertThrows(IllegalStateException.class, () -> ahead.take(0));
    assertEquals(1, ahead.take(1));
    assertThrows(IllegalStateException.class, () -> ahead.take(2));
  }

  @Test
  void anItemThatCannotBeMadeFailsItsTake() {
    EncryptAhead<Integer> ahead =
        new EncryptAhead<>(
            pool,
            n -> {
              throw new IllegalArgumentException("no key for " + n);
            },
            0,
            1,
            1);
    ExecutionException e = assertThrows(ExecutionException.class, () -> ahead.take(0));
    assertTrue(e.getCause().getMessage().contains("no key for 0"));
  }

  @Test
  void aWindowOrRangeThatCannotWorkIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EncryptAhead<>(pool, n -> n, 0, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> new EncryptAhead<>(pool, n -> n, 6, 5, 1));
  }
}

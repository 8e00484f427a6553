package io.votechain.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests for something another thread or process does: a block committed, a validator
 * restarted, a page updated. Shared by every module's tests through this module's test jar.
 */
public final class Await {
  private static final long FIRST_POLL_MILLIS = 10;

  /** Conditions that make an HTTP request or drive a browser are not asked more often than this. */
  private static final long LAST_POLL_MILLIS = 250;

  private Await() {}

  /**
   * Returns once {@code condition} holds, asking it again after 10 ms, then ever less often up to
   * every 250 ms: a quick condition is seen at once, an expensive one is not asked in a busy loop.
   *
   * @throws AssertionError naming {@code what} if it does not hold within {@code seconds}
   */
  public static void until(BooleanSupplier condition, long seconds, Object what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long pause = FIRST_POLL_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
      }
      Thread.sleep(pause);
      pause = Math.min(LAST_POLL_MILLIS, pause * 2);
    }
  }
}

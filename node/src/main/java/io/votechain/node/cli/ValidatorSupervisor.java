package io.votechain.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps one validator process of a local network running. A validator stops itself on a failure it
 * must not sign past (exit 70: a store that stays unavailable, a corrupt store; docs/storage.md §1)
 * and recovers from its store when started again, so the network's own supervisor starts it again,
 * after a wait that doubles with each recent restart, as systemd's {@code Restart=on-failure} with
 * a start limit would. A validator that keeps failing is left stopped once it has been restarted
 * {@link RestartPolicy#burst} times within {@link RestartPolicy#window}: a store that is corrupt
 * will not heal by restarting, and a loop would bury the first error in the log.
 */
final class ValidatorSupervisor {

  /** When to start a stopped validator again. */
  record RestartPolicy(Duration firstWait, Duration maxWait, int burst, Duration window) {
    /** 1 s doubling to 30 s; at most 5 restarts in 10 minutes. */
    static final RestartPolicy DEFAULT =
        new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(10));

    RestartPolicy {
      if (firstWait.isNegative()
          || maxWait.compareTo(firstWait) < 0
          || burst < 0
          || window.isNegative()) {
        throw new IllegalArgumentException("bad restart policy");
      }
    }

    /** The wait before a restart when {@code recent} restarts happened within the window. */
    Duration waitBefore(int recent) {
      Duration wait = firstWait;
      for (int i = 0; i < recent && wait.compareTo(maxWait) < 0; i++) {
        wait = wait.multipliedBy(2);
      }
      return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
  }

  private final String name;
  private final ProcessBuilder builder;
  private final RestartPolicy policy;
  private final PrintStream out;
  private final LongSupplier nanoTime;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Deque<Long> restarts = new ArrayDeque<>();
  private volatile Process current;
  private volatile int lastExit;
  private volatile int starts;

  ValidatorSupervisor(
      String name,
      ProcessBuilder builder,
      RestartPolicy policy,
      PrintStream out,
      LongSupplier nanoTime) {
    this.name = name;
    this.builder = builder;
    this.policy = policy;
    this.out = out;
    this.nanoTime = nanoTime;
  }

  /**
   * Starts the validator; fails if its first start fails (a missing Java, say), which no restart
   * would mend.
   */
  void start() throws IOException {
    current = builder.start();
    starts = 1;
    Thread watcher = new Thread(this::watch, "supervisor-" + name);
    watcher.setDaemon(true);
    watcher.start();
  }

  private void watch() {
    try {
      while (true) {
        int code = current.waitFor();
        lastExit = code;
        if (stopRequested.getCount() == 0 || stoppedOnPurpose(code)) {
          return;
        }
        long now = nanoTime.getAsLong();
        while (!restarts.isEmpty() && now - restarts.peekFirst() > policy.window().toNanos()) {
          restarts.removeFirst();
        }
        if (restarts.size() >= policy.burst()) {
          out.printf(
              "%s stopped (exit %d) after %d restarts within %d s; left stopped, see its log%n",
              name, code, restarts.size(), policy.window().toSeconds());
          return;
        }
        Duration wait = policy.waitBefore(restarts.size());
        out.printf(
            "%s stopped (exit %d); starting it again in %d ms (restart %d of at most %d within %d"
                + " s)%n",
            name,
            code,
            wait.toMillis(),
            restarts.size() + 1,
            policy.burst(),
            policy.window().toSeconds());
        if (stopRequested.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
          return;
        }
        restarts.addLast(nanoTime.getAsLong());
        try {
          synchronized (this) {
            if (stopRequested.getCount() == 0) {
              return;
            }
            current = builder.start();
          }
          starts++;
        } catch (IOException e) {
          out.printf("%s could not be started again: %s%n", name, e.getMessage());
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ended.countDown();
    }
  }

  /**
   * Exit 0, or the status of a JVM ended by SIGINT or SIGTERM (128 + the signal): someone stopped
   * it, as Ctrl-C in the network's terminal does to every process, so it stays stopped. SIGKILL
   * (137), like any other status, counts as a failure, as it does for systemd.
   */
  static boolean stoppedOnPurpose(int exitStatus) {
    return exitStatus == 0 || exitStatus == 128 + 2 || exitStatus == 128 + 15;
  }

  /** Stops the validator (SIGTERM, a clean stop) and starts it no more. */
  void stop() {
    synchronized (this) {
      stopRequested.countDown();
    }
    Process p = current;
    if (p != null) {
      p.destroy();
    }
  }

  /**
   * Waits until the validator is stopped for good: it was stopped on purpose ({@link
   * #stoppedOnPurpose}, {@link #stop}) or it kept failing. Answers its last exit status.
   */
  int awaitEnd() throws InterruptedException {
    ended.await();
    return lastExit;
  }

  /** As {@link #awaitEnd()}, for at most {@code timeout}; answers whether it ended. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** How many times the validator was started, the first start included. */
  int starts() {
    return starts;
  }
}

package io.votechain.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Kills a committing child process with SIGKILL at an arbitrary moment, reopens its store, and
 * checks that every acknowledged commit is there and no half commit is visible.
 */
public final class KillDashNine {
  private KillDashNine() {}

  /** Runs {@link CrashingCommitter} with {@code args}; kills it after {@code commits} commits. */
  public static long killAfter(int commits, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashingCommitter.class.getName());
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    // Whatever happens in the child, the test ends: kill it after two minutes at the latest.
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!child.waitFor(120, TimeUnit.SECONDS)) {
                  child.destroyForcibly();
                }
              } catch (InterruptedException e) {
                child.destroyForcibly();
              }
            });
    watchdog.setDaemon(true);
    watchdog.start();
    long lastAcknowledged = 0;
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      int seen = 0;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (line.startsWith("committed ")) {
          lastAcknowledged = Long.parseLong(line.substring("committed ".length()));
          if (++seen == commits) {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(lastAcknowledged > 0, "the child committed nothing:\n" + String.join("\n", output));
    return lastAcknowledged;
  }

  /** The store opened after the kill holds every acknowledged block and nothing half-written. */
  public static void checkRecovered(Supplier<LedgerStore> reopen, long lastAcknowledged) {
    try (LedgerStore store = reopen.get()) {
      long latest = store.latestHeight().toCompletableFuture().join();
      assertTrue(
          latest >= lastAcknowledged,
          "acknowledged " + lastAcknowledged + " but recovered only " + latest);
      for (long h = 1; h <= latest; h++) {
        assertEquals(
            Optional.of(LedgerStoreConformance.block(h, 0).storedBlock()),
            store.blockAt(h).toCompletableFuture().join(),
            "block " + h);
      }
      assertArrayEquals(
          LedgerStoreConformance.utf8(Long.toString(latest)),
          store.state(LedgerStoreConformance.utf8("counter")).toCompletableFuture().join().get());
      assertEquals(
          Optional.empty(),
          store.blockAt(latest + 1).toCompletableFuture().join(),
          "no block above the commit point");
      // The store accepts the next block where the child left off.
      store.commit(LedgerStoreConformance.block(latest + 1, 0)).toCompletableFuture().join();
    }
  }
}

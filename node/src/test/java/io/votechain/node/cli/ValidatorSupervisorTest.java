package io.votechain.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.node.cli.ValidatorSupervisor.RestartPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes (POSIX {@code sh}) that exit as a validator would. */
@Timeout(60)
class ValidatorSupervisorTest {

  private static final RestartPolicy QUICK =
      new RestartPolicy(Duration.ofMillis(10), Duration.ofMillis(40), 3, Duration.ofMinutes(10));

  private final ByteArrayOutputStream said = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);

  @TempDir Path dir;

  /** A process that counts its starts in a file and exits 70 for its first {@code failures}. */
  private ProcessBuilder failingFirst(int failures) {
    Path count = dir.resolve("starts");
    return new ProcessBuilder(
        "sh",
        "-c",
        "n=$(cat '"
            + count
            + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '"
            + count
            + "'; [ $n -gt "
            + failures
            + " ] && exit 0 || exit 70");
  }

  private int startsRecorded() throws Exception {
    return Integer.parseInt(Files.readString(dir.resolve("starts")).trim());
  }

  @Test
  void aValidatorThatStopsItselfIsStartedAgainUntilItRuns() throws Exception {
    ValidatorSupervisor s =
        new ValidatorSupervisor("validator 2", failingFirst(2), QUICK, out, System::nanoTime);
    s.start();
    assertEquals(0, s.awaitEnd());
    assertEquals(3, s.starts());
    assertEquals(3, startsRecorded());
    String log = said.toString(StandardCharsets.UTF_8);
    assertTrue(
        log.contains("validator 2 stopped (exit 70); starting it again in 10 ms (restart 1"), log);
    assertTrue(log.contains("starting it again in 20 ms (restart 2"), log);
  }

  @Test
  void aValidatorThatKeepsFailingIsLeftStoppedAfterTheBurst() throws Exception {
    ValidatorSupervisor s =
        new ValidatorSupervisor("validator 1", failingFirst(100), QUICK, out, System::nanoTime);
    s.start();
    assertEquals(70, s.awaitEnd());
    assertEquals(4, s.starts(), "the first start and 3 restarts");
    assertEquals(4, startsRecorded());
    String log = said.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("validator 1 stopped (exit 70) after 3 restarts within 600 s"), log);
    assertTrue(log.contains("starting it again in 40 ms (restart 3"), log);
  }

  @Test
  void restartsOlderThanTheWindowNoLongerCount() throws Exception {
    // Each restart is "an hour" after the previous one, so none is recent and the wait stays short.
    AtomicLong clock = new AtomicLong();
    RestartPolicy policy =
        new RestartPolicy(Duration.ofMillis(10), Duration.ofSeconds(5), 1, Duration.ofMinutes(10));
    ValidatorSupervisor s =
        new ValidatorSupervisor(
            "validator 0",
            failingFirst(4),
            policy,
            out,
            () -> clock.addAndGet(Duration.ofHours(1).toNanos()));
    s.start();
    assertEquals(0, s.awaitEnd());
    assertEquals(5, s.starts());
    assertFalse(said.toString(StandardCharsets.UTF_8).contains("20 ms"));
  }

  @Test
  void aValidatorStoppedOnPurposeIsNotStartedAgain() throws Exception {
    ValidatorSupervisor s =
        new ValidatorSupervisor(
            "validator 3", new ProcessBuilder("sleep", "60"), QUICK, out, System::nanoTime);
    s.start();
    s.stop();
    s.awaitEnd();
    assertEquals(1, s.starts());
    assertEquals("", said.toString(StandardCharsets.UTF_8));

    ValidatorSupervisor terminated =
        new ValidatorSupervisor(
            "validator 3",
            new ProcessBuilder("sh", "-c", "exit 143"),
            QUICK,
            out,
            System::nanoTime);
    terminated.start();
    assertEquals(143, terminated.awaitEnd());
    assertEquals(1, terminated.starts());
  }

  @Test
  void killedWithSigkillCountsAsAFailure() {
    assertTrue(ValidatorSupervisor.stoppedOnPurpose(0));
    assertTrue(ValidatorSupervisor.stoppedOnPurpose(130));
    assertTrue(ValidatorSupervisor.stoppedOnPurpose(143));
    assertFalse(ValidatorSupervisor.stoppedOnPurpose(137));
    assertFalse(ValidatorSupervisor.stoppedOnPurpose(70));
  }

  @Test
  void waitsDoubleUpToTheirCap() {
    assertEquals(Duration.ofSeconds(1), RestartPolicy.DEFAULT.waitBefore(0));
    assertEquals(Duration.ofSeconds(16), RestartPolicy.DEFAULT.waitBefore(4));
    assertEquals(Duration.ofSeconds(30), RestartPolicy.DEFAULT.waitBefore(5));
    assertEquals(Duration.ofSeconds(30), RestartPolicy.DEFAULT.waitBefore(1_000));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RestartPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 1, Duration.ZERO));
  }
}

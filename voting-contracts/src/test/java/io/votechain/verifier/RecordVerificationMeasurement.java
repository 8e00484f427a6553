package io.votechain.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Measures the verifier on a record of {@code -Drecord.ballots} (default 10 000) extra web ballots
 * of two contests (4 selections), on 1 thread and on all cores, reporting wall-clock time and the
 * process's CPU time (the machine is shared, so CPU time is the steadier number). Not a unit test:
 * its name keeps it out of the default run, and speed is never asserted.
 *
 * <pre>
 * mvn -B -pl voting-contracts test -Dtest=RecordVerificationMeasurement \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Drecord.ballots=10000 [-Drecord.file=/tmp/r.bin]
 * </pre>
 *
 * With {@code record.file}, the record is built once and reused (building runs every ballot through
 * the contracts and takes longer than verifying it); its expected result is stored beside.
 */
class RecordVerificationMeasurement {
  public static void main(String[] args) {
    new RecordVerificationMeasurement().verificationTimePerTenThousandBallots();
  }

  @Test
  void verificationTimePerTenThousandBallots() {
    int ballots = Integer.getInteger("record.ballots", 10_000);
    String file = System.getProperty("record.file");
    byte[] record;
    List<Long> expected;
    try {
      if (file != null && Files.exists(Path.of(file))) {
        record = Files.readAllBytes(Path.of(file));
        expected =
            List.of(Files.readString(Path.of(file + ".result")).trim().split(",")).stream()
                .map(Long::parseLong)
                .toList();
      } else {
        long t0 = System.nanoTime();
        RecordedElection election = new RecordedElection(7, ballots);
        record = election.record();
        expected = election.expectedResult;
        System.out.printf(
            Locale.ROOT,
            "built an election of %d ballots through the contracts and exported %d bytes in %.1f s%n",
            ballots + 5,
            record.length,
            (System.nanoTime() - t0) / 1e9);
        if (file != null) {
          Files.write(Path.of(file), record);
          Files.writeString(
              Path.of(file + ".result"),
              String.join(",", expected.stream().map(String::valueOf).toList()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int threads : new int[] {1, cores}) {
      for (int run = 0; run < Integer.getInteger("record.runs", 2); run++) {
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        ElectionRecordVerifier.Verification v =
            new ElectionRecordVerifier(threads, line -> {})
                .verify(new ByteArrayInputStream(record));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        assertTrue(v.report().passed(), String.join("\n", v.report().lines()));
        assertEquals(expected, v.election().orElseThrow().result());
        long n = v.report().checkedCount(Step.BALLOT_PROOFS);
        System.out.printf(
            Locale.ROOT,
            "threads=%d run=%d: %d ballots, wall %.2f s (%.2f s per 10 000), process CPU %.2f s"
                + " (%.2f s per 10 000), load average %.1f%n",
            threads,
            run,
            n,
            seconds,
            seconds * 10_000 / n,
            cpuSeconds,
            cpuSeconds * 10_000 / n,
            os.getSystemLoadAverage());
      }
    }
  }
}

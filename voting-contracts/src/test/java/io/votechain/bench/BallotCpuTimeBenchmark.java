package io.votechain.bench;

import io.votechain.ballot.BallotBatchVerifier;
import io.votechain.ballot.BallotFixtures;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.BallotVerifier;
import io.votechain.ballot.EncryptedBallot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The single-thread costs of {@link BallotBenchmark} in CPU time of the measuring thread rather
 * than wall-clock time: on a machine shared with other builds (docs/benchmarks.md) wall-clock JMH
 * scores swing by a factor of two while the thread's own CPU time stays close to what an idle core
 * would give. Not a JMH benchmark; prints the best of seven rounds (two for encryption).
 *
 * <p>{@code java -cp <test classpath> io.votechain.bench.BallotCpuTimeBenchmark}
 */
public final class BallotCpuTimeBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private BallotCpuTimeBenchmark() {}

  public static void main(String[] args) {
    BallotFixtures fixtures = new BallotFixtures(2026);
    BallotStyle style = BallotFixtures.FIVE_OF_FIVE;
    Map<String, BallotStyle> styles = Map.of(style.styleId(), style);
    int n = 1000;
    List<EncryptedBallot> ballots = new ArrayList<>(n);
    long encrypt = Long.MAX_VALUE;
    // Encryption dominates the setup; the better of two rounds (the first warms the JIT).
    for (int round = 0; round < 2; round++) {
      ballots.clear();
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        ballots.add(fixtures.encryptRandom(style, "ballot-" + i));
      }
      encrypt = Math.min(encrypt, THREADS.getCurrentThreadCpuTime() - t0);
    }
    BallotBatchVerifier batch = new BallotBatchVerifier(fixtures.context);
    long oneByOne = Long.MAX_VALUE;
    long batched = Long.MAX_VALUE;
    int sample = 200;
    for (int round = 0; round < 7; round++) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < sample; i++) {
        if (!BallotVerifier.verify(fixtures.context, style, ballots.get(i)).isValid()) {
          throw new IllegalStateException("benchmark ballots must be valid");
        }
      }
      long t1 = THREADS.getCurrentThreadCpuTime();
      if (!batch.verify(styles, ballots).allValid()) {
        throw new IllegalStateException("benchmark ballots must be valid");
      }
      long t2 = THREADS.getCurrentThreadCpuTime();
      oneByOne = Math.min(oneByOne, t1 - t0);
      batched = Math.min(batched, t2 - t1);
    }
    System.out.printf(
        "encrypt            %8.3f ms CPU/ballot  %8.0f ballots/s%n",
        ms(encrypt, n), 1e3 / ms(encrypt, n));
    System.out.printf(
        "verify one by one  %8.3f ms CPU/ballot  %8.0f ballots/s%n",
        ms(oneByOne, sample), 1e3 / ms(oneByOne, sample));
    System.out.printf(
        "verify batch 1000  %8.3f ms CPU/ballot  %8.0f ballots/s%n",
        ms(batched, n), 1e3 / ms(batched, n));
    // Small batches, as a validator checks submissions and relays that arrive a few at a time; a
    // batch of one is what a lone ballot costs (docs/contracts.md §5.1).
    for (int size : new int[] {1, 2, 4, 8, 32}) {
      long best = Long.MAX_VALUE;
      int count = sample / size * size;
      for (int round = 0; round < 7; round++) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i += size) {
          if (!batch.verify(styles, ballots.subList(i, i + size)).allValid()) {
            throw new IllegalStateException("benchmark ballots must be valid");
          }
        }
        best = Math.min(best, THREADS.getCurrentThreadCpuTime() - t0);
      }
      System.out.printf(
          "verify batch %4d  %8.3f ms CPU/ballot  %8.0f ballots/s%n",
          size, ms(best, count), 1e3 / ms(best, count));
    }
  }

  private static double ms(long nanos, int count) {
    return nanos / 1e6 / count;
  }
}

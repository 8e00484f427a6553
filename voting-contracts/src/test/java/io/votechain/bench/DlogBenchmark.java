package io.votechain.bench;

import io.votechain.crypto.dlog.DiscreteLog;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Baby-step giant-step (docs/crypto-threshold.md §9) at shareholder scale: building the default
 * table (m = 2^20, 24 MiB) and solving a worst-case target (t = bound, the most giant steps) at
 * bounds 10^9 and 10^12. The table is built once per tally, so the two are measured apart.
 *
 * <p>{@code mvn -B -pl voting-contracts -Pbenchmarks -DskipTests verify -Djmh.args="Dlog -f 1 -wi 1
 * -i 3"}
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class DlogBenchmark {

  /** A prebuilt table and the point of the largest value within the bound. */
  @State(Scope.Benchmark)
  public static class Solver {
    @Param({"1000000000", "1000000000000"})
    public long bound;

    DiscreteLog dlog;
    GroupElement worstCase;
    GroupElement midRange;

    @Setup(Level.Trial)
    public void build() {
      dlog = DiscreteLog.forBound(bound);
      worstCase = P256.G.multiply(Scalar.of(bound));
      midRange = P256.G.multiply(Scalar.of(bound / 2 + 12345));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public DiscreteLog buildDefaultTable() {
    return DiscreteLog.forBound(1_000_000_000_000L);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public OptionalLong solveAtTheBound(Solver s) {
    return s.dlog.solve(s.worstCase);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public OptionalLong solveAtHalfTheBound(Solver s) {
    return s.dlog.solve(s.midRange);
  }
}

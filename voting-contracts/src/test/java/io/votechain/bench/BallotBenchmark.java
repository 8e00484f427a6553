package io.votechain.bench;

import io.votechain.ballot.BallotBatchVerifier;
import io.votechain.ballot.BallotFixtures;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.BallotVerification;
import io.votechain.ballot.BallotVerifier;
import io.votechain.ballot.BatchVerification;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.crypto.elgamal.Ciphertext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Ballot cryptography (docs/crypto.md §5–7, docs/benchmarks.md): the benchmark ballot is one
 * approval contest of 5 yes/no selections with limit 5 — five 0/1 proofs and one 0..5 sum proof, 44
 * points in the batch equation. Ballots are decoded once in the setup: a validator decodes (and
 * checks the points of) a ballot when it enters the mempool, not at every verification.
 *
 * <p>{@code mvn -B -pl voting-contracts -Pbenchmarks -DskipTests verify -Djmh.args="Ballot -f 1 -wi
 * 2 -i 3 -w 2s -r 2s"}
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class BallotBenchmark {
  static final int BATCH = 1000;

  /** A seeded election, 1000 encrypted benchmark ballots and a two-thread pool. */
  @State(Scope.Benchmark)
  public static class Election {
    BallotFixtures fixtures;
    BallotStyle style;
    Map<String, BallotStyle> styles;
    PlaintextBallot plaintext;
    List<EncryptedBallot> ballots;
    List<Ciphertext> ciphertexts;
    BallotBatchVerifier batchVerifier;
    ExecutorService pool;

    @Setup(Level.Trial)
    public void setUp() {
      fixtures = new BallotFixtures(2026);
      style = BallotFixtures.FIVE_OF_FIVE;
      styles = Map.of(style.styleId(), style);
      plaintext = new PlaintextBallot("bench", style.styleId(), List.of(List.of(1, 0, 1, 1, 0)));
      ballots = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        // Through the encoding, as a validator would receive them.
        ballots.add(EncryptedBallot.decode(fixtures.encryptRandom(style, "ballot-" + i).encode()));
      }
      ciphertexts = new ArrayList<>(100_000);
      for (int i = 0; i < 100_000; i++) {
        EncryptedBallot b = ballots.get(i % BATCH);
        ciphertexts.add(b.contests().get(0).selections().get(i % 5).ciphertext());
      }
      batchVerifier = new BallotBatchVerifier(fixtures.context);
      pool = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pool.shutdown();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public EncryptedBallot encryptBallot(Election e) {
    return e.fixtures.encryptor.encrypt(e.style, e.plaintext, e.fixtures.random).ballot();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public BallotVerification verifyBallot(Election e) {
    return BallotVerifier.verify(e.fixtures.context, e.style, e.ballots.get(0));
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int verify1000OneByOne(Election e) {
    return oneByOne(e, 0, BATCH);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int verify1000OneByOneTwoThreads(Election e) {
    CompletableFuture<Integer> first =
        CompletableFuture.supplyAsync(() -> oneByOne(e, 0, BATCH / 2), e.pool);
    CompletableFuture<Integer> second =
        CompletableFuture.supplyAsync(() -> oneByOne(e, BATCH / 2, BATCH), e.pool);
    return first.join() + second.join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public BatchVerification verify1000Batch(Election e) {
    return check(e.batchVerifier.verify(e.styles, e.ballots));
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public BatchVerification verify1000BatchTwoThreads(Election e) {
    return check(e.batchVerifier.verify(e.styles, e.ballots, e.pool, 2));
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Ciphertext add100000CiphertextsOneByOne(Election e) {
    Ciphertext sum = Ciphertext.ZERO;
    for (Ciphertext c : e.ciphertexts) {
      sum = sum.add(c);
    }
    return sum;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Ciphertext add100000CiphertextsProjective(Election e) {
    return Ciphertext.sum(e.ciphertexts);
  }

  private static int oneByOne(Election e, int from, int to) {
    int valid = 0;
    for (int i = from; i < to; i++) {
      if (BallotVerifier.verify(e.fixtures.context, e.style, e.ballots.get(i)).isValid()) {
        valid++;
      }
    }
    if (valid != to - from) {
      throw new IllegalStateException("benchmark ballots must all be valid");
    }
    return valid;
  }

  private static BatchVerification check(BatchVerification result) {
    if (!result.allValid()) {
      throw new IllegalStateException("benchmark ballots must all be valid");
    }
    return result;
  }
}

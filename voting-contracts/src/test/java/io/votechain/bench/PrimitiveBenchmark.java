package io.votechain.bench;

import io.votechain.ballot.BallotFixtures;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import java.security.SecureRandom;
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

/**
 * The ceilings ballot throughput is measured against (docs/benchmarks.md): one signature
 * verification of each kind (public key object reused, as a validator caches known signers' keys)
 * and one fixed-base and one variable-base P-256 scalar multiplication.
 *
 * <p>{@code mvn -B -pl voting-contracts -Pbenchmarks -DskipTests verify -Djmh.args="Primitive -f 1
 * -wi 2 -i 3 -w 2s -r 2s"}
 */
@Fork(value = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrimitiveBenchmark {
  /** Keys, one signed message each, a scalar and a point. */
  @State(Scope.Benchmark)
  public static class Inputs {
    byte[] message = new byte[200];
    Ed25519PublicKey edKey;
    byte[] edSignature;
    EcdsaP256PublicKey ecKey;
    byte[] ecSignature;
    Scalar scalar;
    GroupElement point;

    @Setup(Level.Trial)
    public void setUp() {
      SecureRandom random = BallotFixtures.seeded(5);
      random.nextBytes(message);
      Ed25519Signer ed = Ed25519Signer.generate(random);
      edKey = ed.publicKey();
      edSignature = ed.sign(message);
      EcdsaP256Signer ec = EcdsaP256Signer.generate(random);
      ecKey = ec.publicKey();
      ecSignature = ec.sign(message);
      scalar = Scalar.randomNonZero(random);
      point = P256.G.multiply(Scalar.randomNonZero(random));
    }
  }

  @Benchmark
  public boolean ed25519Verify(Inputs in) {
    return in.edKey.verify(in.message, in.edSignature);
  }

  @Benchmark
  public boolean ecdsaP256Verify(Inputs in) {
    return in.ecKey.verify(in.message, in.ecSignature);
  }

  @Benchmark
  public GroupElement fixedBaseMultiply(Inputs in) {
    return P256.G.multiplyFixed(in.scalar);
  }

  @Benchmark
  public GroupElement variableBaseMultiply(Inputs in) {
    return in.point.multiply(in.scalar);
  }
}

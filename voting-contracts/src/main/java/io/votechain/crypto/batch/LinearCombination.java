package io.votechain.crypto.batch;

import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A linear combination {@code sum k_i·P_i + g·G + h·K} of group elements that a batch verifier
 * expects to be the identity (docs/crypto.md §7.1). The two shared bases, {@code G} and the
 * election key {@code K}, get one aggregated coefficient each; every other point is a term of the
 * multi-scalar multiplication.
 *
 * <p>Coefficients are kept as non-negative integers and reduced modulo n lazily. Not thread safe;
 * {@link #terms} / {@link #appendTo} let the batch verifier keep the terms of each ballot and
 * re-combine subsets of ballots when it searches for an invalid one.
 */
public final class LinearCombination {
  private static final BigInteger N = P256.ORDER;

  private ECPoint[] points;
  private BigInteger[] coefficients;
  private int size;
  private BigInteger gCoefficient = BigInteger.ZERO;
  private BigInteger kCoefficient = BigInteger.ZERO;

  public LinearCombination() {
    this(16);
  }

  public LinearCombination(int capacity) {
    points = new ECPoint[Math.max(capacity, 4)];
    coefficients = new BigInteger[points.length];
  }

  /** Adds {@code k·P}; {@code k} may be any integer (it is reduced modulo n). */
  public void add(GroupElement p, BigInteger k) {
    if (size == points.length) {
      points = Arrays.copyOf(points, size * 2);
      coefficients = Arrays.copyOf(coefficients, size * 2);
    }
    points[size] = p.ecPoint();
    coefficients[size] = k;
    size++;
  }

  /** Adds {@code k·G}. */
  public void addG(BigInteger k) {
    gCoefficient = gCoefficient.add(k);
  }

  /** Adds {@code k·K}. */
  public void addK(BigInteger k) {
    kCoefficient = kCoefficient.add(k);
  }

  /** Adds all terms and both shared coefficients of {@code other} to this combination. */
  public void addAll(LinearCombination other) {
    for (int i = 0; i < other.size; i++) {
      if (size == points.length) {
        int capacity = Math.max(size * 2, size + other.size);
        points = Arrays.copyOf(points, capacity);
        coefficients = Arrays.copyOf(coefficients, capacity);
      }
      points[size] = other.points[i];
      coefficients[size] = other.coefficients[i];
      size++;
    }
    gCoefficient = gCoefficient.add(other.gCoefficient);
    kCoefficient = kCoefficient.add(other.kCoefficient);
  }

  public int size() {
    return size;
  }

  /**
   * Evaluates the combination with one multi-scalar multiplication and says whether it is the
   * identity. {@code G} and {@code K} go through their comb tables.
   */
  public boolean isIdentity(ElectionKey key) {
    BigInteger[] reduced = new BigInteger[size];
    for (int i = 0; i < size; i++) {
      reduced[i] = coefficients[i].mod(N);
    }
    ECPoint sum = MultiScalarMultiplication.sum(Arrays.copyOf(points, size), reduced);
    ECPoint shared =
        P256.G.multiplyFixed(Scalar.of(gCoefficient))
            .ecPoint()
            .add(key.multiply(Scalar.of(kCoefficient)).ecPoint());
    return sum.add(shared).isInfinity();
  }
}

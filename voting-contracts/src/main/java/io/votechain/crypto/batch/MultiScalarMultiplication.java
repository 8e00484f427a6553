package io.votechain.crypto.batch;

import io.votechain.crypto.group.P256;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Multi-scalar multiplication {@code sum k_i·P_i} on P-256 (docs/crypto.md §7.3): Straus's
 * interleaved method (BouncyCastle's {@code ECAlgorithms.sumOfMultiplies}) for few points, the
 * Pippenger bucket method with batched affine buckets ({@link AffineBatchPippenger}) for many. Both
 * give the same point; only the cost differs, so the choice never changes a verdict.
 */
public final class MultiScalarMultiplication {
  /**
   * Below this many points Straus is cheaper than Pippenger: the crossover measured here (thread
   * CPU time, a quarter of the scalars 256-bit, the rest 128-bit) lies between 250 and 400 points.
   */
  static final int PIPPENGER_THRESHOLD = 320;

  /** Scalars up to this length (the 128-bit batch weights) form the cheaper half of a split. */
  static final int SHORT_BITS = 128;

  private MultiScalarMultiplication() {}

  /**
   * {@code sum k_i·P_i}; the result is not normalised. Points must be on P-256 and normalised;
   * scalars in {@code [0, n)}.
   */
  public static ECPoint sum(ECPoint[] points, BigInteger[] scalars) {
    if (points.length != scalars.length) {
      throw new IllegalArgumentException("one scalar per point");
    }
    if (points.length == 0) {
      return P256.IDENTITY.ecPoint();
    }
    if (points.length < PIPPENGER_THRESHOLD) {
      return straus(points, scalars);
    }
    return pippengerByLength(points, scalars);
  }

  /**
   * BouncyCastle's Straus stores a window table on every point it is given; the points here belong
   * to decoded ballots that validators cache, so it gets bare copies and the tables die with them.
   */
  static ECPoint straus(ECPoint[] points, BigInteger[] scalars) {
    ECPoint[] bare = new ECPoint[points.length];
    for (int i = 0; i < points.length; i++) {
      bare[i] = P256.unburdened(points[i]);
    }
    return ECAlgorithms.sumOfMultiplies(bare, scalars);
  }

  /**
   * Splits the terms into those with scalars of at most {@value #SHORT_BITS} bits and the rest and
   * runs Pippenger on each: the short half then costs about half as many windows.
   */
  static ECPoint pippengerByLength(ECPoint[] points, BigInteger[] scalars) {
    int shortCount = 0;
    for (BigInteger k : scalars) {
      if (k.bitLength() <= SHORT_BITS) {
        shortCount++;
      }
    }
    int longCount = points.length - shortCount;
    if (shortCount < PIPPENGER_THRESHOLD || longCount < PIPPENGER_THRESHOLD) {
      return AffineBatchPippenger.sum(points, scalars, 256);
    }
    ECPoint[] shortPoints = new ECPoint[shortCount];
    BigInteger[] shortScalars = new BigInteger[shortCount];
    ECPoint[] longPoints = new ECPoint[longCount];
    BigInteger[] longScalars = new BigInteger[longCount];
    int s = 0;
    int l = 0;
    for (int i = 0; i < points.length; i++) {
      if (scalars[i].bitLength() <= SHORT_BITS) {
        shortPoints[s] = points[i];
        shortScalars[s++] = scalars[i];
      } else {
        longPoints[l] = points[i];
        longScalars[l++] = scalars[i];
      }
    }
    return AffineBatchPippenger.sum(shortPoints, shortScalars, SHORT_BITS)
        .add(AffineBatchPippenger.sum(longPoints, longScalars, 256));
  }
}

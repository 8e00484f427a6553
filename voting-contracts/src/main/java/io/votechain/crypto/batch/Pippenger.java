package io.votechain.crypto.batch;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The Pippenger (bucket) multi-scalar multiplication with signed window digits (docs/crypto.md
 * §7.3). Each scalar is cut into {@code c}-bit windows recoded to digits in {@code (-2^(c-1),
 * 2^(c-1)]}; per window, every point is added (or its negation, for a negative digit) into the
 * bucket of its digit, and the buckets are summed with the running-sum trick, {@code 2^c} additions
 * per window whatever the number of points. Points stay in BouncyCastle's Jacobian coordinates
 * throughout; adding a normalised input point into a bucket is a mixed addition, and nothing is
 * normalised until the caller asks.
 *
 * <p>The reference implementation: {@link AffineBatchPippenger} computes the same sums about twice
 * as fast and is what {@link MultiScalarMultiplication} uses; this one serves inputs that are not
 * normalised and checks the other in tests.
 */
final class Pippenger {
  private static final int SCALAR_BITS = 256;

  private Pippenger() {}

  /**
   * {@code sum k_i·P_i} for scalars below {@code 2^bits} ({@code bits <= 256}): short scalars (the
   * 128-bit weights of a batch) need only the low windows.
   */
  static ECPoint sum(ECPoint[] points, BigInteger[] scalars, int bits) {
    int n = points.length;
    int c = windowBits(n, bits);
    int windows = bits / c + 1;
    int half = 1 << (c - 1);
    int[][] digits = new int[windows][n];
    for (int i = 0; i < n; i++) {
      recode(scalars[i], c, digits, i);
    }
    ECPoint[] negated = new ECPoint[n];
    ECPoint infinity = points[0].getCurve().getInfinity();
    ECPoint result = null;
    ECPoint[] buckets = new ECPoint[half];
    for (int w = windows - 1; w >= 0; w--) {
      if (result != null) {
        result = result.timesPow2(c);
      }
      java.util.Arrays.fill(buckets, null);
      int[] row = digits[w];
      boolean any = false;
      for (int i = 0; i < n; i++) {
        int d = row[i];
        if (d == 0) {
          continue;
        }
        any = true;
        ECPoint p;
        if (d > 0) {
          p = points[i];
        } else {
          p = negated[i];
          if (p == null) {
            p = points[i].negate();
            negated[i] = p;
          }
          d = -d;
        }
        ECPoint bucket = buckets[d - 1];
        // bucket.add(p), not p.add(bucket): p is affine, so BouncyCastle does a mixed addition.
        buckets[d - 1] = bucket == null ? p : bucket.add(p);
      }
      if (!any) {
        continue;
      }
      ECPoint running = null;
      ECPoint windowSum = null;
      for (int b = half - 1; b >= 0; b--) {
        if (buckets[b] != null) {
          running = running == null ? buckets[b] : running.add(buckets[b]);
        }
        if (running != null) {
          windowSum = windowSum == null ? running : windowSum.add(running);
        }
      }
      if (windowSum != null) {
        result = result == null ? windowSum : result.add(windowSum);
      }
    }
    return result == null ? infinity : result;
  }

  /**
   * Chooses the window width minimising the estimated number of additions {@code windows · (n +
   * 2^c)}: {@code n} bucket additions and {@code 2 · 2^(c-1)} for the running sums per window.
   */
  static int windowBits(int n, int bits) {
    int best = 2;
    long bestCost = Long.MAX_VALUE;
    for (int c = 2; c <= 16; c++) {
      long cost = (long) (bits / c + 1) * (n + (1L << c));
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
      }
    }
    return best;
  }

  /** Signed base-2^c digits of {@code k}, least significant window first, into column i. */
  static void recode(BigInteger k, int c, int[][] digits, int column) {
    long[] limbs = limbs(k);
    int full = 1 << c;
    int half = full >>> 1;
    int carry = 0;
    for (int w = 0; w < digits.length; w++) {
      int d = bits(limbs, w * c, c) + carry;
      if (d > half) {
        d -= full;
        carry = 1;
      } else {
        carry = 0;
      }
      digits[w][column] = d;
    }
  }

  private static long[] limbs(BigInteger k) {
    long[] limbs = new long[5];
    for (int i = 0; i < 4; i++) {
      limbs[i] = k.shiftRight(64 * i).longValue();
    }
    return limbs;
  }

  private static int bits(long[] limbs, int offset, int count) {
    int limb = offset >>> 6;
    int shift = offset & 63;
    if (limb >= limbs.length - 1) {
      return 0;
    }
    long v = limbs[limb] >>> shift;
    if (shift + count > 64 && limb + 1 < limbs.length) {
      v |= limbs[limb + 1] << (64 - shift);
    }
    return (int) (v & ((1L << count) - 1));
  }
}

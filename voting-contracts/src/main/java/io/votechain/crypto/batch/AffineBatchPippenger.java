package io.votechain.crypto.batch;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Pippenger's bucket method on P-256 with affine buckets filled by batched additions
 * (docs/crypto.md §7.3). Within a window, up to {@link #BATCH} pending "bucket += point" additions
 * whose buckets are distinct are done together: their denominators {@code x_P - x_B} are inverted
 * with one field inversion (Montgomery's trick), so an addition costs about six field
 * multiplications instead of the eleven of a mixed Jacobian addition, and nothing is allocated. The
 * buckets are then summed with the running-sum trick in Jacobian coordinates. Field arithmetic is
 * BouncyCastle's {@code SecP256R1Field} on 8-limb arrays, whose results are fully reduced, so limb
 * equality is field equality.
 *
 * <p>Gives the same point as {@link Pippenger}; only faster. Not thread safe: one instance per sum.
 */
final class AffineBatchPippenger {
  static final int BATCH = 512;

  private final ECCurve curve;
  private final int n;
  private final int[] px;
  private final int[] py;
  private final int[] negPy;

  // Buckets of the current window: affine coordinates, occupancy, and the batch that last touched
  // each.
  private int[] bx;
  private int[] by;
  private boolean[] full;
  private int[] stamp;
  private int batchId;

  // Pending additions of the current batch.
  private final int[] pendBucket = new int[BATCH];
  private final int[] pendPoint = new int[BATCH];
  private final boolean[] pendNeg = new boolean[BATCH];
  private final int[] prefix = new int[8 * BATCH];
  private int pending;

  // Scratch.
  private final int[] tt = Nat256.createExt();
  private final int[] t0 = Nat256.create();
  private final int[] t1 = Nat256.create();
  private final int[] t2 = Nat256.create();
  private final int[] t3 = Nat256.create();
  private final int[] inv = Nat256.create();
  private final int[] lambda = Nat256.create();
  private final int[] xP = Nat256.create();
  private final int[] yP = Nat256.create();
  private final int[] xB = Nat256.create();
  private final int[] yB = Nat256.create();

  private AffineBatchPippenger(ECPoint[] points) {
    curve = points[0].getCurve();
    n = points.length;
    px = new int[8 * n];
    py = new int[8 * n];
    negPy = new int[8 * n];
    for (int i = 0; i < n; i++) {
      ECPoint p = points[i];
      System.arraycopy(
          SecP256R1Field.fromBigInteger(p.getAffineXCoord().toBigInteger()), 0, px, 8 * i, 8);
      int[] y = SecP256R1Field.fromBigInteger(p.getAffineYCoord().toBigInteger());
      System.arraycopy(y, 0, py, 8 * i, 8);
      SecP256R1Field.negate(y, t0);
      System.arraycopy(t0, 0, negPy, 8 * i, 8);
    }
  }

  /** {@code sum k_i·P_i} for affine, finite P-256 points and scalars below {@code 2^bits}. */
  static ECPoint sum(ECPoint[] points, BigInteger[] scalars, int bits) {
    for (ECPoint p : points) {
      if (p.isInfinity() || !p.isNormalized()) {
        return Pippenger.sum(points, scalars, bits);
      }
    }
    return new AffineBatchPippenger(points).run(scalars, bits);
  }

  private ECPoint run(BigInteger[] scalars, int bits) {
    int c = Pippenger.windowBits(n, bits);
    int windows = bits / c + 1;
    int half = 1 << (c - 1);
    int[][] digits = new int[windows][n];
    for (int i = 0; i < n; i++) {
      Pippenger.recode(scalars[i], c, digits, i);
    }
    bx = new int[8 * half];
    by = new int[8 * half];
    full = new boolean[half];
    stamp = new int[half];
    Jacobian result = new Jacobian();
    Jacobian running = new Jacobian();
    Jacobian windowSum = new Jacobian();
    int[] deferred = new int[n];
    int[] next = new int[n];
    for (int w = windows - 1; w >= 0; w--) {
      for (int k = 0; k < c && !result.infinity; k++) {
        result.twice(this);
      }
      java.util.Arrays.fill(full, false);
      int[] row = digits[w];
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (row[i] != 0) {
          deferred[count++] = i;
        }
      }
      while (count > 0) {
        int left = 0;
        batchId++;
        for (int q = 0; q < count; q++) {
          int i = deferred[q];
          int d = row[i];
          int b = Math.abs(d) - 1;
          if (stamp[b] == batchId) {
            next[left++] = i; // bucket already has an addition pending in this batch
          } else if (!full[b]) {
            System.arraycopy(px, 8 * i, bx, 8 * b, 8);
            System.arraycopy(d < 0 ? negPy : py, 8 * i, by, 8 * b, 8);
            full[b] = true;
          } else {
            stamp[b] = batchId;
            pendBucket[pending] = b;
            pendPoint[pending] = i;
            pendNeg[pending] = d < 0;
            pending++;
            if (pending == BATCH) {
              flush();
              batchId++;
            }
          }
        }
        flush();
        int[] swap = deferred;
        deferred = next;
        next = swap;
        count = left;
      }
      running.setInfinity();
      windowSum.setInfinity();
      for (int b = half - 1; b >= 0; b--) {
        if (full[b]) {
          running.addAffine(this, bx, by, 8 * b);
        }
        if (!running.infinity) {
          windowSum.add(this, running);
        }
      }
      result.add(this, windowSum);
    }
    return result.toPoint(this);
  }

  /** Performs the pending additions {@code bucket += ±point} with one inversion. */
  private void flush() {
    if (pending == 0) {
      return;
    }
    // prefix_k = prod_{l <= k} (x_P - x_B), with 1 standing in for a zero denominator.
    for (int k = 0; k < pending; k++) {
      denominator(k, t0);
      if (k == 0) {
        System.arraycopy(t0, 0, prefix, 0, 8);
      } else {
        System.arraycopy(prefix, 8 * (k - 1), t1, 0, 8);
        SecP256R1Field.multiply(t1, t0, t2, tt);
        System.arraycopy(t2, 0, prefix, 8 * k, 8);
      }
    }
    System.arraycopy(prefix, 8 * (pending - 1), t0, 0, 8);
    SecP256R1Field.inv(t0, inv);
    for (int k = pending - 1; k >= 0; k--) {
      int b = 8 * pendBucket[k];
      int p = 8 * pendPoint[k];
      boolean special = denominator(k, t0);
      // t1 = 1/den_k = inv · prefix_{k-1}; then inv = inv · den_k for the next k.
      if (k > 0) {
        System.arraycopy(prefix, 8 * (k - 1), t2, 0, 8);
        SecP256R1Field.multiply(inv, t2, t1, tt);
      } else {
        System.arraycopy(inv, 0, t1, 0, 8);
      }
      SecP256R1Field.multiply(inv, t0, t2, tt);
      System.arraycopy(t2, 0, inv, 0, 8);
      System.arraycopy(pendNeg[k] ? negPy : py, p, yP, 0, 8);
      System.arraycopy(bx, b, xB, 0, 8);
      System.arraycopy(by, b, yB, 0, 8);
      if (special) {
        addSpecial(b);
        continue;
      }
      System.arraycopy(px, p, xP, 0, 8);
      // lambda = (y_P - y_B) / (x_P - x_B); x3 = lambda^2 - x_B - x_P; y3 = lambda(x_B - x3) - y_B.
      SecP256R1Field.subtract(yP, yB, t2);
      SecP256R1Field.multiply(t2, t1, lambda, tt);
      SecP256R1Field.square(lambda, t2, tt);
      SecP256R1Field.subtract(t2, xB, t2);
      SecP256R1Field.subtract(t2, xP, t3); // x3
      SecP256R1Field.subtract(xB, t3, t2);
      SecP256R1Field.multiply(lambda, t2, t0, tt);
      SecP256R1Field.subtract(t0, yB, t2); // y3
      System.arraycopy(t3, 0, bx, b, 8);
      System.arraycopy(t2, 0, by, b, 8);
    }
    pending = 0;
  }

  /** {@code out = x_P - x_B} of pending addition k, or 1 if that is zero (then returns true). */
  private boolean denominator(int k, int[] out) {
    System.arraycopy(px, 8 * pendPoint[k], xP, 0, 8);
    System.arraycopy(bx, 8 * pendBucket[k], xB, 0, 8);
    SecP256R1Field.subtract(xP, xB, out);
    if (Nat256.isZero(out)) {
      System.arraycopy(ONE, 0, out, 0, 8);
      return true;
    }
    return false;
  }

  /**
   * {@code bucket += point} when both have the same x (in {@code xB, yB, yP}): a cancellation, or a
   * doubling with its own inversion (rare: the same point twice in one bucket).
   */
  private void addSpecial(int b) {
    if (!Nat256.eq(yP, yB)) {
      full[b / 8] = false; // P + (-P)
      return;
    }
    // lambda = (3x^2 - 3) / (2y) since a = -3; y != 0 because the group has odd order.
    int[] num = Nat256.create();
    int[] num3 = Nat256.create();
    int[] den = Nat256.create();
    int[] denInv = Nat256.create();
    int[] l = Nat256.create();
    int[] x3 = Nat256.create();
    int[] y3 = Nat256.create();
    SecP256R1Field.square(xB, num, tt);
    SecP256R1Field.subtract(num, ONE, num);
    SecP256R1Field.twice(num, num3);
    SecP256R1Field.add(num3, num, num3);
    SecP256R1Field.twice(yB, den);
    SecP256R1Field.inv(den, denInv);
    SecP256R1Field.multiply(num3, denInv, l, tt);
    SecP256R1Field.square(l, x3, tt);
    SecP256R1Field.subtract(x3, xB, x3);
    SecP256R1Field.subtract(x3, xB, x3);
    SecP256R1Field.subtract(xB, x3, y3);
    SecP256R1Field.multiply(l, y3, y3, tt);
    SecP256R1Field.subtract(y3, yB, y3);
    System.arraycopy(x3, 0, bx, b, 8);
    System.arraycopy(y3, 0, by, b, 8);
  }

  private static final int[] ONE = {1, 0, 0, 0, 0, 0, 0, 0};

  /** A point in Jacobian coordinates {@code (X/Z^2, Y/Z^3)} on 8-limb arrays. */
  private static final class Jacobian {
    final int[] x = Nat256.create();
    final int[] y = Nat256.create();
    final int[] z = Nat256.create();
    boolean infinity = true;

    private final int[] a = Nat256.create();
    private final int[] b = Nat256.create();
    private final int[] c = Nat256.create();
    private final int[] d = Nat256.create();
    private final int[] e = Nat256.create();
    private final int[] f = Nat256.create();
    private final int[] g = Nat256.create();
    private final int[] h = Nat256.create();

    void setInfinity() {
      infinity = true;
    }

    /** dbl-2001-b for a = -3. */
    void twice(AffineBatchPippenger ctx) {
      if (infinity) {
        return;
      }
      int[] tt = ctx.tt;
      SecP256R1Field.square(z, a, tt); // delta
      SecP256R1Field.square(y, b, tt); // gamma
      SecP256R1Field.multiply(x, b, c, tt); // beta
      SecP256R1Field.subtract(x, a, d);
      SecP256R1Field.add(x, a, e);
      SecP256R1Field.multiply(d, e, f, tt);
      SecP256R1Field.twice(f, d);
      SecP256R1Field.add(d, f, f); // alpha = 3(x - delta)(x + delta)
      // Z3 = (Y + Z)^2 - gamma - delta
      SecP256R1Field.add(y, z, d);
      SecP256R1Field.square(d, e, tt);
      SecP256R1Field.subtract(e, b, e);
      SecP256R1Field.subtract(e, a, z);
      // X3 = alpha^2 - 8 beta
      SecP256R1Field.twice(c, c);
      SecP256R1Field.twice(c, c); // 4 beta
      SecP256R1Field.twice(c, d); // 8 beta
      SecP256R1Field.square(f, e, tt);
      SecP256R1Field.subtract(e, d, x);
      // Y3 = alpha (4 beta - X3) - 8 gamma^2
      SecP256R1Field.subtract(c, x, d);
      SecP256R1Field.multiply(f, d, e, tt);
      SecP256R1Field.square(b, d, tt);
      SecP256R1Field.twice(d, d);
      SecP256R1Field.twice(d, d);
      SecP256R1Field.twice(d, d);
      SecP256R1Field.subtract(e, d, y);
    }

    /** this += (ax, ay) affine (madd-2007-bl). */
    void addAffine(AffineBatchPippenger ctx, int[] ax, int[] ay, int off) {
      if (infinity) {
        System.arraycopy(ax, off, x, 0, 8);
        System.arraycopy(ay, off, y, 0, 8);
        System.arraycopy(ONE, 0, z, 0, 8);
        infinity = false;
        return;
      }
      int[] tt = ctx.tt;
      SecP256R1Field.square(z, a, tt); // Z1Z1
      System.arraycopy(ax, off, g, 0, 8);
      SecP256R1Field.multiply(g, a, b, tt); // U2
      SecP256R1Field.multiply(z, a, c, tt);
      System.arraycopy(ay, off, g, 0, 8);
      SecP256R1Field.multiply(g, c, c, tt); // S2
      SecP256R1Field.subtract(b, x, d); // H
      SecP256R1Field.subtract(c, y, e); // S2 - Y1
      if (Nat256.isZero(d)) {
        if (Nat256.isZero(e)) {
          twice(ctx);
        } else {
          infinity = true;
        }
        return;
      }
      SecP256R1Field.twice(e, e); // r
      SecP256R1Field.square(d, f, tt); // HH
      SecP256R1Field.twice(f, g);
      SecP256R1Field.twice(g, g); // I = 4 HH
      SecP256R1Field.multiply(d, g, h, tt); // J
      SecP256R1Field.multiply(x, g, b, tt); // V
      // Z3 = (Z1 + H)^2 - Z1Z1 - HH
      SecP256R1Field.add(z, d, c);
      SecP256R1Field.square(c, g, tt);
      SecP256R1Field.subtract(g, a, g);
      SecP256R1Field.subtract(g, f, z);
      // X3 = r^2 - J - 2V
      SecP256R1Field.square(e, g, tt);
      SecP256R1Field.subtract(g, h, g);
      SecP256R1Field.twice(b, c);
      SecP256R1Field.subtract(g, c, g);
      // Y3 = r (V - X3) - 2 Y1 J
      SecP256R1Field.subtract(b, g, c);
      SecP256R1Field.multiply(e, c, c, tt);
      SecP256R1Field.multiply(y, h, f, tt);
      SecP256R1Field.twice(f, f);
      SecP256R1Field.subtract(c, f, y);
      System.arraycopy(g, 0, x, 0, 8);
    }

    /** this += o (add-2007-bl). */
    void add(AffineBatchPippenger ctx, Jacobian o) {
      if (o.infinity) {
        return;
      }
      if (infinity) {
        System.arraycopy(o.x, 0, x, 0, 8);
        System.arraycopy(o.y, 0, y, 0, 8);
        System.arraycopy(o.z, 0, z, 0, 8);
        infinity = false;
        return;
      }
      int[] tt = ctx.tt;
      int[] z1z1 = a;
      int[] z2z2 = b;
      SecP256R1Field.square(z, z1z1, tt);
      SecP256R1Field.square(o.z, z2z2, tt);
      int[] u1 = c;
      int[] u2 = d;
      SecP256R1Field.multiply(x, z2z2, u1, tt);
      SecP256R1Field.multiply(o.x, z1z1, u2, tt);
      int[] s1 = e;
      int[] s2 = f;
      SecP256R1Field.multiply(y, o.z, s1, tt);
      SecP256R1Field.multiply(s1, z2z2, s1, tt);
      SecP256R1Field.multiply(o.y, z, s2, tt);
      SecP256R1Field.multiply(s2, z1z1, s2, tt);
      int[] hh = g;
      SecP256R1Field.subtract(u2, u1, hh); // H
      SecP256R1Field.subtract(s2, s1, s2); // S2 - S1
      if (Nat256.isZero(hh)) {
        if (Nat256.isZero(s2)) {
          twice(ctx);
        } else {
          infinity = true;
        }
        return;
      }
      SecP256R1Field.twice(s2, s2); // r
      // Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H
      SecP256R1Field.add(z, o.z, h);
      SecP256R1Field.square(h, h, tt);
      SecP256R1Field.subtract(h, z1z1, h);
      SecP256R1Field.subtract(h, z2z2, h);
      SecP256R1Field.multiply(h, hh, z, tt);
      int[] i = a; // Z1Z1 no longer needed
      SecP256R1Field.twice(hh, i);
      SecP256R1Field.square(i, i, tt); // I = (2H)^2
      int[] j = b;
      SecP256R1Field.multiply(hh, i, j, tt); // J
      int[] v = h;
      SecP256R1Field.multiply(u1, i, v, tt); // V
      // X3 = r^2 - J - 2V
      SecP256R1Field.square(s2, x, tt);
      SecP256R1Field.subtract(x, j, x);
      SecP256R1Field.subtract(x, v, x);
      SecP256R1Field.subtract(x, v, x);
      // Y3 = r (V - X3) - 2 S1 J
      SecP256R1Field.subtract(v, x, y);
      SecP256R1Field.multiply(s2, y, y, tt);
      SecP256R1Field.multiply(s1, j, c, tt);
      SecP256R1Field.twice(c, c);
      SecP256R1Field.subtract(y, c, y);
    }

    ECPoint toPoint(AffineBatchPippenger ctx) {
      if (infinity) {
        return ctx.curve.getInfinity();
      }
      int[] tt = ctx.tt;
      SecP256R1Field.inv(z, a);
      SecP256R1Field.square(a, b, tt);
      SecP256R1Field.multiply(x, b, c, tt);
      SecP256R1Field.multiply(b, a, b, tt);
      SecP256R1Field.multiply(y, b, d, tt);
      return ctx.curve.createPoint(Nat256.toBigInteger(c), Nat256.toBigInteger(d));
    }
  }
}

package io.votechain.crypto.dlog;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Bounded discrete logarithm by baby-step giant-step (docs/crypto-threshold.md §9): given {@code T
 * = t·G}, finds {@code t ∈ [0, bound]} or reports that there is none.
 *
 * <p>The baby-step table holds the 64-bit prefix of {@code x(j·G)} for {@code j = 1..m}. Because
 * {@code j·G} and {@code −j·G} share their x-coordinate, one entry serves both {@code ±j} (the y
 * parity, stored beside {@code j}, tells which), so a table of {@code m} entries covers the window
 * {@code [−m, m]} and the giant step is {@code s = 2m + 1}. The search walks {@code T, T − s·G, T −
 * 2s·G, ...} and normalises the walked points in batches with Montgomery's trick ({@link
 * ECCurve#normalizeAll}), one field inversion per batch instead of one per point. A prefix match is
 * only a candidate: it is confirmed by recomputing {@code t·G}, so prefix collisions (between table
 * entries or with a walked point) can never produce a wrong answer.
 *
 * <p>For a bound up to {@code 2^tableBits} the table covers the whole range and a solve is one
 * lookup (the small-tally fast path). The table is built once in the constructor, costs {@code
 * memoryBytes()} (24 MiB at the default {@code m = 2^20}) and is reused for every selection of a
 * tally. Instances are immutable and thread safe once built.
 */
public final class DiscreteLog {
  /** Default {@code log2 m}: 2^20 baby steps, a 24 MiB table. */
  public static final int DEFAULT_TABLE_BITS = 20;

  /** Largest allowed {@code log2 m}: 2^24 baby steps, a 384 MiB table. */
  public static final int MAX_TABLE_BITS = 24;

  /** Largest bound: keeps {@code i·s + m} inside a signed 64-bit integer. */
  public static final long MAX_BOUND = 1L << 62;

  private static final int BUILD_BATCH = 4096;
  private static final int MAX_SEARCH_BATCH = 1024;
  private static final int EMPTY = 0;
  private static final int AMBIGUOUS = -1;

  private final long bound;
  private final int babySteps;
  private final long giantStep;
  private final long lastGiantStep;
  private final ECPoint minusGiantStep;
  private final int slotShift;
  private final long[] keys;
  private final int[] values;
  private final long[] overflowKeys;
  private final int[] overflowValues;
  private final long keyMask;

  private DiscreteLog(long bound, int tableBits, int keyBits) {
    this.bound = bound;
    this.keyMask = -1L << (Long.SIZE - keyBits);
    this.babySteps = (int) Math.max(1, Math.min(bound, 1L << tableBits));
    this.giantStep = 2L * babySteps + 1;
    // t = i·s + r with |r| <= m, so i <= (bound + m) / s.
    this.lastGiantStep = (bound + babySteps) / giantStep;
    this.minusGiantStep = P256.G.multiply(Scalar.of(giantStep)).negate().ecPoint().normalize();
    int capacityBits = 64 - Long.numberOfLeadingZeros(babySteps - 1L) + 1;
    capacityBits = Math.max(capacityBits, 4);
    this.slotShift = 64 - capacityBits;
    this.keys = new long[1 << capacityBits];
    this.values = new int[1 << capacityBits];
    List<long[]> overflow = new ArrayList<>();
    buildTable(overflow);
    this.overflowKeys = new long[overflow.size()];
    this.overflowValues = new int[overflow.size()];
    for (int i = 0; i < overflow.size(); i++) {
      overflowKeys[i] = overflow.get(i)[0];
      overflowValues[i] = (int) overflow.get(i)[1];
    }
  }

  /** A solver for {@code t ∈ [0, bound]} with the default table size. */
  public static DiscreteLog forBound(long bound) {
    return forBound(bound, DEFAULT_TABLE_BITS);
  }

  /**
   * A solver for {@code t ∈ [0, bound]} with at most {@code 2^tableBits} baby steps. A solve costs
   * at most {@code bound / 2^(tableBits+1) + 1} point additions.
   *
   * @throws IllegalArgumentException for a bound outside {@code [0, MAX_BOUND]} or table bits
   *     outside {@code [1, MAX_TABLE_BITS]}
   */
  public static DiscreteLog forBound(long bound, int tableBits) {
    if (bound < 0 || bound > MAX_BOUND) {
      throw new IllegalArgumentException("bound out of range: " + bound);
    }
    if (tableBits < 1 || tableBits > MAX_TABLE_BITS) {
      throw new IllegalArgumentException("table bits out of range: " + tableBits);
    }
    return new DiscreteLog(bound, tableBits, Long.SIZE);
  }

  /**
   * For tests only: keys of {@code keyBits < 64} bits make prefix collisions frequent, so that the
   * overflow list and the confirmation of candidates are exercised.
   */
  static DiscreteLog withShortKeys(long bound, int tableBits, int keyBits) {
    return new DiscreteLog(bound, tableBits, keyBits);
  }

  public long bound() {
    return bound;
  }

  /** {@code m}, the number of baby steps in the table. */
  public int babySteps() {
    return babySteps;
  }

  /** The table's heap footprint: 12 bytes a slot, twice as many slots as entries (or more). */
  public long memoryBytes() {
    return (long) keys.length * (Long.BYTES + Integer.BYTES)
        + (long) overflowKeys.length * (Long.BYTES + Integer.BYTES);
  }

  /** {@code t ∈ [0, bound]} with {@code t·G = target}, or empty if there is none. */
  public OptionalLong solve(GroupElement target) {
    if (target.isIdentity()) {
      return OptionalLong.of(0);
    }
    ECCurve curve = target.ecPoint().getCurve();
    ECPoint current = target.ecPoint();
    long step = 0;
    int batch = 1;
    ECPoint[] walk = new ECPoint[MAX_SEARCH_BATCH];
    while (step <= lastGiantStep) {
      int count = (int) Math.min(batch, lastGiantStep - step + 1);
      for (int k = 0; k < count; k++) {
        walk[k] = current;
        current = current.add(minusGiantStep);
      }
      curve.normalizeAll(walk, 0, count, null);
      for (int k = 0; k < count; k++) {
        Long found = lookUp(walk[k], step + k, target);
        if (found != null) {
          long t = found;
          return t >= 0 && t <= bound ? OptionalLong.of(t) : OptionalLong.empty();
        }
      }
      step += count;
      // Small tallies are found in the first steps: grow the batch only as the walk goes on.
      batch = Math.min(2 * batch, MAX_SEARCH_BATCH);
    }
    return OptionalLong.empty();
  }

  /** The confirmed logarithm {@code i·s + r} if {@code point = r·G} with |r| <= m, else null. */
  private Long lookUp(ECPoint point, long giantIndex, GroupElement target) {
    long base = giantIndex * giantStep;
    if (point.isInfinity()) {
      return confirm(base, target) ? base : null;
    }
    long key = prefix(point);
    int parity = point.getAffineYCoord().testBitZero() ? 1 : 0;
    int slot = (int) (key >>> slotShift);
    while (values[slot] != EMPTY) {
      if (keys[slot] == key) {
        if (values[slot] != AMBIGUOUS) {
          return candidate(base, values[slot], parity, target);
        }
        for (int i = 0; i < overflowKeys.length; i++) {
          if (overflowKeys[i] == key) {
            Long t = candidate(base, overflowValues[i], parity, target);
            if (t != null) {
              return t;
            }
          }
        }
        return null;
      }
      slot = (slot + 1) & (keys.length - 1);
    }
    return null;
  }

  private static Long candidate(long base, int value, int parity, GroupElement target) {
    long j = value >>> 1;
    long t = (value & 1) == parity ? base + j : base - j;
    return confirm(t, target) ? t : null;
  }

  private static boolean confirm(long t, GroupElement target) {
    return P256.G.multiplyFixed(Scalar.of(t)).equals(target);
  }

  private void buildTable(List<long[]> overflow) {
    ECCurve curve = P256.G.ecPoint().getCurve();
    ECPoint g = P256.G.ecPoint();
    ECPoint[] batch = new ECPoint[BUILD_BATCH];
    ECPoint current = curve.getInfinity();
    int j = 0;
    while (j < babySteps) {
      int count = Math.min(BUILD_BATCH, babySteps - j);
      for (int k = 0; k < count; k++) {
        current = current.add(g);
        batch[k] = current;
      }
      curve.normalizeAll(batch, 0, count, null);
      for (int k = 0; k < count; k++) {
        ECPoint p = batch[k];
        int value = ((j + k + 1) << 1) | (p.getAffineYCoord().testBitZero() ? 1 : 0);
        insert(prefix(p), value, overflow);
      }
      current = batch[count - 1];
      j += count;
    }
  }

  private void insert(long key, int value, List<long[]> overflow) {
    int slot = (int) (key >>> slotShift);
    while (values[slot] != EMPTY) {
      if (keys[slot] == key) {
        // Two baby steps share a 64-bit prefix (probability about m^2 / 2^65): keep both aside.
        if (values[slot] != AMBIGUOUS) {
          overflow.add(new long[] {key, values[slot]});
          values[slot] = AMBIGUOUS;
        }
        overflow.add(new long[] {key, value});
        return;
      }
      slot = (slot + 1) & (keys.length - 1);
    }
    keys[slot] = key;
    values[slot] = value;
  }

  /** The first 8 bytes of the 32-byte big-endian affine x-coordinate. */
  private long prefix(ECPoint normalized) {
    byte[] x = normalized.getAffineXCoord().getEncoded();
    long key = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      key = (key << 8) | (x[i] & 0xFF);
    }
    return key & keyMask;
  }

  @Override
  public String toString() {
    return "DiscreteLog[bound=" + bound + ", babySteps=" + babySteps + "]";
  }
}

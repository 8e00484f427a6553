package io.votechain.crypto.group;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.function.Supplier;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The y-coordinates of the points of one encoding, in the order they are decoded, so that a
 * receiver can decode each compressed point by checking the curve equation for the y it is given
 * instead of computing a square root. Decompressing the forty-odd points of a ballot costs a
 * validator about as much as verifying the ballot's proofs in a batch (docs/benchmarks.md); the
 * validator that received a ballot from its client has decompressed them already, and sends their
 * y-coordinates along when it relays the ballot to its peers (docs/p2p.md).
 *
 * <p>A hint is an aid, never an authority: the point decoded from a hint is the one with the
 * encoding's x and y-parity whose y satisfies {@code y² = x³ - 3x + b} — exactly the point the
 * square root would give, since a curve point is fixed by x and the parity of y — and a hint that
 * fails any check is ignored and that point decompressed as without hints. The canonical encoding
 * (33-byte compressed points, docs/encoding.md) is unchanged; hints travel beside it.
 *
 * <p>Hints are 32-byte big-endian y-coordinates, one per finite point, none for the identity. They
 * apply to every point decoded on this thread inside {@link #decode}: the decoders of nested
 * structures open readers of their own, so a parameter would have to pass through every {@code
 * readFrom} of the ballot. Not thread safe: one instance per decoding.
 */
public final class PointHints {
  /** Bytes of one hint. */
  public static final int HINT_LENGTH = 32;

  private static final ThreadLocal<PointHints> CURRENT = new ThreadLocal<>();
  private static final byte[] NONE = new byte[0];

  private final byte[] given;
  private final ByteArrayOutputStream recorded;
  private int next;
  private int accepted;
  private int ignored;

  private PointHints(byte[] given, boolean record) {
    this.given = given;
    this.recorded = record ? new ByteArrayOutputStream() : null;
  }

  /**
   * Hints received with an encoding. A length that is not a multiple of {@link #HINT_LENGTH} is
   * refused by the caller's framing; here the trailing partial hint is simply never used.
   */
  public static PointHints given(byte[] hints) {
    return new PointHints(hints.clone(), false);
  }

  /** No hints given; every point decompressed decodes its y into {@link #recorded()}. */
  public static PointHints recorder() {
    return new PointHints(NONE, true);
  }

  /** Runs {@code decoder} with these hints applying to the points it decodes on this thread. */
  public <T> T decode(Supplier<T> decoder) {
    PointHints outer = CURRENT.get();
    CURRENT.set(this);
    try {
      return decoder.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** The y-coordinates recorded so far (empty unless this is a {@link #recorder()}). */
  public byte[] recorded() {
    return recorded == null ? NONE : recorded.toByteArray();
  }

  /** Points decoded from their hint. */
  public int accepted() {
    return accepted;
  }

  /** Hints that failed a check (their points were decompressed instead). */
  public int ignored() {
    return ignored;
  }

  static PointHints current() {
    return CURRENT.get();
  }

  /**
   * The finite point with the compressed encoding {@code compressed} (prefix already checked to be
   * 0x02 or 0x03) from the next hint, or null if there is none or it fails a check. Every finite
   * point consumes one hint, used or not, so one bad hint does not shift the others.
   */
  ECPoint take(byte[] compressed) {
    int at = next * HINT_LENGTH;
    next++;
    if (at + HINT_LENGTH > given.length) {
      return null;
    }
    ECPoint p = fromHint(compressed, given, at);
    if (p == null) {
      ignored++;
    } else {
      accepted++;
    }
    return p;
  }

  /** Notes the y of a point decompressed without a usable hint. */
  void record(ECPoint affine) {
    if (recorded != null) {
      recorded.writeBytes(affine.getAffineYCoord().getEncoded());
    }
  }

  private static ECPoint fromHint(byte[] compressed, byte[] hints, int at) {
    BigInteger xi = new BigInteger(1, compressed, 1, HINT_LENGTH);
    BigInteger yi = new BigInteger(1, hints, at, HINT_LENGTH);
    if (xi.compareTo(P256.FIELD_PRIME) >= 0 || yi.compareTo(P256.FIELD_PRIME) >= 0) {
      return null;
    }
    if (yi.testBit(0) != (compressed[0] == 0x03)) {
      return null;
    }
    // createPoint builds a bare point (no validity record, as P256.unburdened would give) without
    // checking it; the curve equation is checked on its own coordinates, so each coordinate is
    // converted to a field element once.
    ECPoint p = P256.CURVE.createPoint(xi, yi);
    ECFieldElement x = p.getAffineXCoord();
    ECFieldElement y = p.getAffineYCoord();
    ECFieldElement rhs = x.square().add(P256.CURVE.getA()).multiply(x).add(P256.CURVE.getB());
    return y.square().equals(rhs) ? p : null;
  }
}

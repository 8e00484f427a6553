package io.votechain.crypto.group;

import io.votechain.encoding.EncodingException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A point of P-256 (ElectionGuard's {@code Z_p^r}, written additively here). Encoded as 33 bytes:
 * compressed SEC1 for a finite point, 33 zero bytes for the identity. Decoding checks that the
 * point is on the curve; the identity is accepted only where the caller allows it.
 *
 * <p>Instances are immutable and thread safe. A point used as a base many times (the generator, the
 * election key) should go through {@link #multiplyFixed}: BouncyCastle keeps a comb table in the
 * point object, built on first use. Every other point stays bare: a decoded element and the base of
 * {@link #multiply} carry no BouncyCastle precomputation ({@link P256#unburdened}).
 */
public final class GroupElement {
  public static final int LENGTH = 33;

  private final ECPoint point;

  /**
   * The compressed encoding once known: ballots are hashed and stored by their encoding several
   * times per validator, and BouncyCastle's encoder goes through BigInteger each time. Set at
   * decoding (a compressed encoding that decodes is the canonical one: x below the field prime, the
   * parity bit fixed by the point) or on first use; racy but benign; never handed out.
   */
  private volatile byte[] encoding;

  GroupElement(ECPoint normalizedPoint) {
    this.point = normalizedPoint;
  }

  private GroupElement(ECPoint normalizedPoint, byte[] encoding) {
    this.point = normalizedPoint;
    this.encoding = encoding;
  }

  public static GroupElement of(ECPoint point) {
    return new GroupElement(point.normalize());
  }

  /** Decodes a finite point; the identity is refused. */
  public static GroupElement decode(byte[] bytes) {
    GroupElement e = decodeAllowingIdentity(bytes);
    if (e.isIdentity()) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "point at infinity");
    }
    return e;
  }

  /**
   * Decodes a point, accepting 33 zero bytes as the identity (for aggregates). Inside {@link
   * PointHints#decode} a finite point comes from its hint when the hint checks out.
   */
  public static GroupElement decodeAllowingIdentity(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new EncodingException(
          EncodingException.Reason.INVALID_VALUE, "point must be 33 bytes, got " + bytes.length);
    }
    if (bytes[0] == 0) {
      for (byte b : bytes) {
        if (b != 0) {
          throw new EncodingException(EncodingException.Reason.NON_CANONICAL, "bad identity");
        }
      }
      return P256.IDENTITY;
    }
    if (bytes[0] != 0x02 && bytes[0] != 0x03) {
      throw new EncodingException(EncodingException.Reason.NON_CANONICAL, "not a compressed point");
    }
    PointHints hints = PointHints.current();
    if (hints != null) {
      ECPoint hinted = hints.take(bytes);
      if (hinted != null) {
        return new GroupElement(hinted, bytes.clone());
      }
    }
    ECPoint p;
    try {
      // BouncyCastle rejects an x >= field prime and an x with no square root (not on the curve).
      p = P256.decodeRaw(bytes);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "not on P-256");
    }
    if (!p.isValid()) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "not on P-256");
    }
    // The validated point carries BouncyCastle's validity record; a decoded ballot is cached by
    // validators for a long time, so it keeps a bare copy instead.
    ECPoint bare = P256.unburdened(p);
    if (hints != null) {
      hints.record(bare);
    }
    return new GroupElement(bare, bytes.clone());
  }

  public byte[] encode() {
    byte[] e = encoding;
    if (e == null) {
      e = point.isInfinity() ? new byte[LENGTH] : point.getEncoded(true);
      encoding = e;
    }
    return e.clone();
  }

  public boolean isIdentity() {
    return point.isInfinity();
  }

  public ECPoint ecPoint() {
    return point;
  }

  public GroupElement add(GroupElement o) {
    return new GroupElement(point.add(o.point).normalize());
  }

  public GroupElement subtract(GroupElement o) {
    return new GroupElement(point.subtract(o.point).normalize());
  }

  public GroupElement negate() {
    return new GroupElement(point.negate().normalize());
  }

  /**
   * Variable-base multiplication. It runs on a bare copy of this point: BouncyCastle's WNAF
   * multiplier would otherwise leave its window table on this element for as long as it lives, and
   * a base worth a table belongs in {@link #multiplyFixed}.
   */
  public GroupElement multiply(Scalar k) {
    return new GroupElement(P256.unburdened(point).multiply(k.toBigInteger()).normalize());
  }

  /** Fixed-base comb multiplication, for bases used many times (G, the election key K). */
  public GroupElement multiplyFixed(Scalar k) {
    if (point.isInfinity()) {
      return this;
    }
    return new GroupElement(
        new FixedPointCombMultiplier().multiply(point, k.toBigInteger()).normalize());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupElement other && point.equals(other.point);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(encode());
  }
}

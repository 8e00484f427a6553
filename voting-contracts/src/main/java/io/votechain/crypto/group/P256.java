package io.votechain.crypto.group;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The group of the election cryptography: the NIST P-256 curve (SEC 2 secp256r1), prime order
 * {@code n}, cofactor 1, generator {@code G} as standardised. BouncyCastle's custom curve
 * implementation is used for speed (see PLATFORM-NOTES). docs/crypto.md section 1.
 */
public final class P256 {
  static final X9ECParameters X9 = CustomNamedCurves.getByName("secp256r1");
  static final ECCurve CURVE = X9.getCurve();

  /** The prime order of the group, ElectionGuard's {@code q}. */
  public static final BigInteger ORDER = X9.getN();

  /** The field prime of the curve. */
  public static final BigInteger FIELD_PRIME = CURVE.getField().getCharacteristic();

  /** The standard generator, ElectionGuard's {@code g}; multiplications by it use a comb table. */
  public static final GroupElement G = new GroupElement(X9.getG().normalize());

  /** The identity (point at infinity), ElectionGuard's {@code 1}. */
  public static final GroupElement IDENTITY = new GroupElement(CURVE.getInfinity());

  private P256() {}

  static ECPoint decodeRaw(byte[] encoded) {
    return CURVE.decodePoint(encoded);
  }

  /**
   * A copy of {@code p} that carries no BouncyCastle precomputation. BouncyCastle stores what it
   * precomputes for a point (the record of {@code isValid()}, the window tables of a WNAF
   * multiplication or of {@code ECAlgorithms.sumOfMultiplies}) in the point object itself, so a
   * point kept in a cache keeps them too: several times the size of the point. Points decoded from
   * untrusted bytes and the operands of one-off multiplications go through here; fixed bases (G,
   * the election key) do not, their tables are reused (docs/crypto.md section 10).
   */
  public static ECPoint unburdened(ECPoint p) {
    if (p.isInfinity()) {
      return p.getCurve().getInfinity();
    }
    ECPoint affine = p.normalize();
    // createPoint builds the point from its coordinates without validating it (validatePoint and
    // decodePoint would attach a validity record again; importPoint returns p itself).
    return p.getCurve()
        .createPoint(
            affine.getAffineXCoord().toBigInteger(), affine.getAffineYCoord().toBigInteger());
  }
}

package io.votechain.crypto.group;

import io.votechain.encoding.EncodingException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.util.BigIntegers;

/**
 * An integer modulo the group order {@code n} (ElectionGuard's {@code Z_q}). Always reduced;
 * encoded as exactly 32 big-endian bytes, and a decoder refuses any value {@code >= n}, so every
 * scalar has one encoding.
 *
 * <p>Instances are immutable and thread safe. Arithmetic uses {@link BigInteger}, which is not
 * constant time: secret scalars (private keys, nonces) live only in the memory of their owner,
 * where timing is not observable over the network.
 */
public final class Scalar implements Comparable<Scalar> {
  public static final int LENGTH = 32;
  public static final Scalar ZERO = new Scalar(BigInteger.ZERO);
  public static final Scalar ONE = new Scalar(BigInteger.ONE);

  private final BigInteger value;

  private Scalar(BigInteger value) {
    this.value = value;
  }

  /** Reduces any integer modulo n. */
  public static Scalar of(BigInteger value) {
    return new Scalar(value.mod(P256.ORDER));
  }

  public static Scalar of(long value) {
    return of(BigInteger.valueOf(value));
  }

  /** Uniform in [0, n). */
  public static Scalar random(SecureRandom random) {
    return new Scalar(
        BigIntegers.createRandomInRange(
            BigInteger.ZERO, P256.ORDER.subtract(BigInteger.ONE), random));
  }

  /** Uniform in [1, n): for secret keys and nonces. */
  public static Scalar randomNonZero(SecureRandom random) {
    return new Scalar(
        BigIntegers.createRandomInRange(
            BigInteger.ONE, P256.ORDER.subtract(BigInteger.ONE), random));
  }

  /** Decodes exactly 32 big-endian bytes and rejects a non-canonical value (>= n). */
  public static Scalar decode(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new EncodingException(
          EncodingException.Reason.INVALID_VALUE, "scalar must be 32 bytes, got " + bytes.length);
    }
    BigInteger v = new BigInteger(1, bytes);
    if (v.compareTo(P256.ORDER) >= 0) {
      throw new EncodingException(EncodingException.Reason.NON_CANONICAL, "scalar not below n");
    }
    return new Scalar(v);
  }

  public byte[] encode() {
    return BigIntegers.asUnsignedByteArray(LENGTH, value);
  }

  public BigInteger toBigInteger() {
    return value;
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  public Scalar add(Scalar o) {
    return of(value.add(o.value));
  }

  public Scalar subtract(Scalar o) {
    return of(value.subtract(o.value));
  }

  public Scalar multiply(Scalar o) {
    return of(value.multiply(o.value));
  }

  public Scalar negate() {
    return of(value.negate());
  }

  /** The multiplicative inverse; fails for zero. */
  public Scalar inverse() {
    if (isZero()) {
      throw new ArithmeticException("zero has no inverse");
    }
    return new Scalar(value.modInverse(P256.ORDER));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scalar other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public int compareTo(Scalar o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(encode());
  }
}

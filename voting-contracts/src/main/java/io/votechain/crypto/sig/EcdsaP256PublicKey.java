package io.votechain.crypto.sig;

import io.votechain.util.BoundedLruCache;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An ECDSA P-256 public key in compressed SEC1 form. Signatures are {@code r || s}, 32 bytes each,
 * with {@code s <= n/2} (low-S): the verifier refuses high-S so that a signature has exactly one
 * encoding and a re-encoded copy cannot slip past de-duplication.
 */
public final class EcdsaP256PublicKey implements PublicKey {
  private final byte[] raw;
  private final ECPublicKeyParameters params;

  private EcdsaP256PublicKey(byte[] raw, ECPublicKeyParameters params) {
    this.raw = raw;
    this.params = params;
  }

  /**
   * Keys decoded lately, by encoding. A device signs every check-in and ballot of its station with
   * one key, and BouncyCastle keeps a validity record and, after a verification, a window table on
   * the key's point: one shared object per key means one table per device (re-used, so later
   * verifications are faster) instead of one per cached transaction. Bounded: least recently used
   * first out; a key is immutable, so a hit is exactly what decoding again would give.
   */
  private static final BoundedLruCache<ByteBuffer, EcdsaP256PublicKey> RECENT =
      new BoundedLruCache<>(4_096);

  public static EcdsaP256PublicKey decode(byte[] raw) {
    if (raw.length != SignatureAlgorithm.ECDSA_P256.publicKeyLength()
        || (raw[0] != 0x02 && raw[0] != 0x03)) {
      throw PublicKey.invalid("P-256 key must be a 33-byte compressed point");
    }
    ByteBuffer encoding = ByteBuffer.wrap(raw.clone());
    EcdsaP256PublicKey known = RECENT.get(encoding);
    if (known != null) {
      return known;
    }
    // Decoded outside the lock (a square root and a validity check); the first copy kept wins.
    EcdsaP256PublicKey key = decodeFresh(encoding.array());
    return RECENT.computeIfAbsent(encoding, k -> key);
  }

  private static EcdsaP256PublicKey decodeFresh(byte[] raw) {
    ECPoint point;
    try {
      point = P256Domain.CURVE.decodePoint(raw);
    } catch (RuntimeException e) {
      throw PublicKey.invalid("P-256 key is not a curve point");
    }
    if (point.isInfinity() || !point.isValid()) {
      throw PublicKey.invalid("P-256 key is not a valid point");
    }
    return new EcdsaP256PublicKey(raw, new ECPublicKeyParameters(point, P256Domain.PARAMS));
  }

  static EcdsaP256PublicKey of(ECPoint point) {
    ECPoint normalized = point.normalize();
    return new EcdsaP256PublicKey(
        normalized.getEncoded(true), new ECPublicKeyParameters(normalized, P256Domain.PARAMS));
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ECDSA_P256;
  }

  @Override
  public byte[] encoded() {
    return raw.clone();
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    if (signature == null || signature.length != 64) {
      return false;
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    BigInteger n = P256Domain.PARAMS.getN();
    if (r.signum() == 0
        || s.signum() == 0
        || r.compareTo(n) >= 0
        || s.compareTo(P256Domain.HALF_N) > 0) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, params);
    return verifier.verifySignature(P256Domain.digest(message), r, s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EcdsaP256PublicKey other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "p256:" + HexFormat.of().formatHex(raw);
  }
}

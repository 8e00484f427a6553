package io.votechain.crypto.sig;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/**
 * An ECDSA P-256 key pair held in memory (software devices, tests). Nonces come from RFC 6979, so
 * signing needs no randomness and a weak random source cannot leak the key. Thread safe.
 */
public final class EcdsaP256Signer implements Signer {
  private final ECPrivateKeyParameters privateKey;
  private final EcdsaP256PublicKey publicKey;

  private EcdsaP256Signer(BigInteger d) {
    if (d.signum() <= 0 || d.compareTo(P256Domain.PARAMS.getN()) >= 0) {
      throw new IllegalArgumentException("P-256 private key out of range");
    }
    this.privateKey = new ECPrivateKeyParameters(d, P256Domain.PARAMS);
    this.publicKey = EcdsaP256PublicKey.of(P256Domain.PARAMS.getG().multiply(d));
  }

  public static EcdsaP256Signer generate(SecureRandom random) {
    BigInteger n = P256Domain.PARAMS.getN();
    return new EcdsaP256Signer(
        BigIntegers.createRandomInRange(BigInteger.ONE, n.subtract(BigInteger.ONE), random));
  }

  /** From a 32-byte big-endian private scalar (key stores, deterministic test fixtures). */
  public static EcdsaP256Signer fromPrivateScalar(byte[] d) {
    if (d.length != 32) {
      throw new IllegalArgumentException("P-256 private key must be 32 bytes");
    }
    return new EcdsaP256Signer(new BigInteger(1, d));
  }

  /** The private scalar, for a protected key store only; never log it. */
  public byte[] exportPrivateScalar() {
    return BigIntegers.asUnsignedByteArray(32, privateKey.getD());
  }

  @Override
  public EcdsaP256PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] message) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, privateKey);
    BigInteger[] rs = signer.generateSignature(P256Domain.digest(message));
    BigInteger s = rs[1];
    if (s.compareTo(P256Domain.HALF_N) > 0) {
      s = P256Domain.PARAMS.getN().subtract(s);
    }
    byte[] out = new byte[64];
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, rs[0]), 0, out, 0, 32);
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, s), 0, out, 32, 32);
    return out;
  }

  @Override
  public String toString() {
    return "EcdsaP256Signer[" + publicKey + "]";
  }
}

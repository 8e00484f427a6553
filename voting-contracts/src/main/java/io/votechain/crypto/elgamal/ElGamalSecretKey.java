package io.votechain.crypto.elgamal;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import java.security.SecureRandom;

/**
 * An ElGamal secret key {@code s} with its public key {@code K = s·G} (docs/crypto.md §3.1). In an
 * election no single party holds the joint key's {@code s} (see docs/crypto-threshold.md); this
 * class serves single-key use and tests, and is what a trustee's share decrypts with.
 *
 * <p>Immutable. The secret never appears in {@link #toString()}.
 */
public final class ElGamalSecretKey {
  private final Scalar secret;
  private final ElectionKey publicKey;

  public ElGamalSecretKey(Scalar secret) {
    if (secret == null || secret.isZero()) {
      throw new IllegalArgumentException("the secret key must be non-zero");
    }
    this.secret = secret;
    this.publicKey = new ElectionKey(P256.G.multiplyFixed(secret));
  }

  /** A fresh key pair; the randomness is injected so that tests can seed it. */
  public static ElGamalSecretKey generate(SecureRandom random) {
    return new ElGamalSecretKey(Scalar.randomNonZero(random));
  }

  public ElectionKey publicKey() {
    return publicKey;
  }

  /** The secret scalar, for the threshold code that splits it; handle with care. */
  public Scalar secret() {
    return secret;
  }

  /**
   * Implements Decrypt (docs/crypto.md §3.4): {@code beta - s·alpha = m·G}. Recovering {@code m}
   * itself is a bounded discrete logarithm (crypto/dlog).
   */
  public GroupElement decryptToPoint(Ciphertext ciphertext) {
    return ciphertext.beta().subtract(ciphertext.alpha().multiply(secret));
  }

  @Override
  public String toString() {
    return "ElGamalSecretKey[public=" + publicKey.point() + ", secret=<redacted>]";
  }
}

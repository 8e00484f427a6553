package io.votechain.crypto.sig;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * An Ed25519 key pair. Thread safe: each signature uses a fresh BouncyCastle signer over the
 * immutable key parameters.
 */
public final class Ed25519Signer implements Signer {
  private final Ed25519PrivateKeyParameters privateKey;
  private final Ed25519PublicKey publicKey;

  private Ed25519Signer(Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = Ed25519PublicKey.of(privateKey.generatePublicKey());
  }

  public static Ed25519Signer generate(SecureRandom random) {
    return new Ed25519Signer(new Ed25519PrivateKeyParameters(random));
  }

  /** From a 32-byte RFC 8032 seed (for key files and deterministic test fixtures). */
  public static Ed25519Signer fromSeed(byte[] seed) {
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
    }
    return new Ed25519Signer(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** The 32-byte seed, for writing the key to its protected key file; never log it. */
  public byte[] exportSeed() {
    return privateKey.getEncoded();
  }

  @Override
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] message) {
    org.bouncycastle.crypto.signers.Ed25519Signer signer =
        new org.bouncycastle.crypto.signers.Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Override
  public String toString() {
    return "Ed25519Signer[" + publicKey + "]";
  }
}

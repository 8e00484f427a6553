package io.votechain.crypto.sig;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 public key (RFC 8032). BouncyCastle's signer: ~9x the JDK provider here. */
public final class Ed25519PublicKey implements PublicKey {
  private final byte[] raw;
  private final Ed25519PublicKeyParameters params;

  private Ed25519PublicKey(byte[] raw, Ed25519PublicKeyParameters params) {
    this.raw = raw;
    this.params = params;
  }

  public static Ed25519PublicKey decode(byte[] raw) {
    if (raw.length != SignatureAlgorithm.ED25519.publicKeyLength()) {
      throw PublicKey.invalid("Ed25519 key must be 32 bytes");
    }
    Ed25519PublicKeyParameters params;
    try {
      params = new Ed25519PublicKeyParameters(raw, 0);
    } catch (RuntimeException e) {
      throw PublicKey.invalid("Ed25519 key is not a curve point");
    }
    return new Ed25519PublicKey(raw.clone(), params);
  }

  static Ed25519PublicKey of(Ed25519PublicKeyParameters params) {
    return new Ed25519PublicKey(params.getEncoded(), params);
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ED25519;
  }

  @Override
  public byte[] encoded() {
    return raw.clone();
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    if (signature == null || signature.length != SignatureAlgorithm.ED25519.signatureLength()) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, params);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "ed25519:" + HexFormat.of().formatHex(raw);
  }
}

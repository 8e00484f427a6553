package io.votechain.crypto.sig;

/**
 * The two signature schemes of the protocol, with their tags in the canonical encoding. Validators,
 * officials, trustees and web voters sign with Ed25519; devices with ECDSA P-256, because that is
 * what TPMs and secure elements hold.
 */
public enum SignatureAlgorithm {
  ED25519(1, 32, 64),
  ECDSA_P256(2, 33, 64);

  private final int tag;
  private final int publicKeyLength;
  private final int signatureLength;

  SignatureAlgorithm(int tag, int publicKeyLength, int signatureLength) {
    this.tag = tag;
    this.publicKeyLength = publicKeyLength;
    this.signatureLength = signatureLength;
  }

  public int tag() {
    return tag;
  }

  public int publicKeyLength() {
    return publicKeyLength;
  }

  public int signatureLength() {
    return signatureLength;
  }

  public static SignatureAlgorithm ofTag(int tag) {
    for (SignatureAlgorithm a : values()) {
      if (a.tag == tag) {
        return a;
      }
    }
    return null;
  }
}

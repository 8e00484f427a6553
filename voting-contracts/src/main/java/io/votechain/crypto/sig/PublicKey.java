package io.votechain.crypto.sig;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;

/**
 * A signer's public key. Decoding validates the key (on the curve, canonical, not of small order
 * where that matters) and keeps the parsed form, so that a key seen again costs no re-parsing: keep
 * these objects for known signers (BouncyCastle caches its precomputation in them).
 *
 * <p>Implementations are immutable and thread safe.
 */
public sealed interface PublicKey permits Ed25519PublicKey, EcdsaP256PublicKey {
  SignatureAlgorithm algorithm();

  /** The raw key: 32 bytes for Ed25519, 33 bytes (compressed SEC1) for P-256. */
  byte[] encoded();

  /** True only for a valid signature by this key over exactly {@code message}. */
  boolean verify(byte[] message, byte[] signature);

  /** Tag byte, then the raw key. */
  default void writeTo(CanonicalWriter w) {
    w.u8(algorithm().tag()).fixed(encoded());
  }

  static PublicKey readFrom(CanonicalReader r) {
    int tag = r.u8();
    SignatureAlgorithm algorithm = SignatureAlgorithm.ofTag(tag);
    if (algorithm == null) {
      throw CanonicalReader.unknownTag("signature algorithm", tag);
    }
    return decode(algorithm, r.fixed(algorithm.publicKeyLength()));
  }

  static PublicKey decode(SignatureAlgorithm algorithm, byte[] raw) {
    return switch (algorithm) {
      case ED25519 -> Ed25519PublicKey.decode(raw);
      case ECDSA_P256 -> EcdsaP256PublicKey.decode(raw);
    };
  }

  /** For errors only. */
  static EncodingException invalid(String why) {
    return new EncodingException(EncodingException.Reason.INVALID_VALUE, why);
  }
}

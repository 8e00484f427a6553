package io.votechain.consensus.genesis;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * One validator of the genesis: its Ed25519 consensus key and the network address peers dial.
 * Immutable. The validator's index is its position in {@link Genesis#validators()}.
 */
public record ValidatorInfo(Ed25519PublicKey key, String address) {
  public static final int MAX_ADDRESS_BYTES = 255;

  public ValidatorInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(address, "address");
    if (address.isEmpty()
        || address.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_ADDRESS_BYTES) {
      throw new IllegalArgumentException("address must be 1.." + MAX_ADDRESS_BYTES + " bytes");
    }
  }

  void writeTo(CanonicalWriter w) {
    w.fixed(key.encoded()).text(address);
  }

  static ValidatorInfo readFrom(CanonicalReader r) {
    Ed25519PublicKey key = Ed25519PublicKey.decode(r.fixed(32));
    String address = r.text(MAX_ADDRESS_BYTES);
    if (address.isEmpty()) {
      throw new io.votechain.encoding.EncodingException(
          io.votechain.encoding.EncodingException.Reason.INVALID_VALUE, "empty address");
    }
    return new ValidatorInfo(key, address);
  }
}

package io.votechain.device;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Objects;

/**
 * The body of a CHALLENGE {@link NodeMessage} (docs/mqtt.md §4): {@code varint height, fixed(32)
 * blockHash, varint nonceWindow}. {@code (height, blockHash)} is a recent committed block: the
 * attestation nonce of {@code AttestDevice} (docs/contracts.md §4.3) and the height a device signs
 * into its CONNECT password ({@link ConnectPassword}). Both stay usable for {@code nonceWindow}
 * blocks (the chain's {@code attestationNonceWindow}). Immutable.
 */
public record Challenge(long height, Hash32 blockHash, long nonceWindow) {
  public Challenge {
    Objects.requireNonNull(blockHash, "blockHash");
    if (height < 1 || nonceWindow < 1) {
      throw new IllegalArgumentException("challenge height and window must be positive");
    }
  }

  public byte[] encode() {
    return new CanonicalWriter()
        .varint(height)
        .fixed(blockHash.bytes())
        .varint(nonceWindow)
        .toByteArray();
  }

  /** Decodes hostile bytes; throws only {@link EncodingException}. */
  public static Challenge decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long height = r.varint(Long.MAX_VALUE);
    Hash32 hash = Hash32.of(r.fixed(Hash32.LENGTH));
    long window = r.varint(Long.MAX_VALUE);
    r.finish();
    if (height < 1 || window < 1) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "height or window 0");
    }
    return new Challenge(height, hash, window);
  }
}

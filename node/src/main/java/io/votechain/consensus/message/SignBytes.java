package io.votechain.consensus.message;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalWriter;

/**
 * Builds the byte string a consensus signature covers: domain text, chain id (genesis hash), kind
 * tag, then the canonical body. Binding the chain id stops replay across chains.
 */
public final class SignBytes {
  private SignBytes() {}

  public static byte[] of(Hash32 chainId, SignKind kind, byte[] body) {
    return new CanonicalWriter()
        .text(SignKind.DOMAIN)
        .fixed(chainId.bytes())
        .u8(kind.tag())
        .fixed(body)
        .toByteArray();
  }
}

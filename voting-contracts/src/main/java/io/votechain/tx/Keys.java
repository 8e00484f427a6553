package io.votechain.tx;

import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import java.util.HexFormat;

/** Reading keys of a required scheme, and the hex form keys take inside state keys. */
public final class Keys {
  private Keys() {}

  public static Ed25519PublicKey readEd25519(CanonicalReader r) {
    if (PublicKey.readFrom(r) instanceof Ed25519PublicKey key) {
      return key;
    }
    throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "Ed25519 key expected");
  }

  public static EcdsaP256PublicKey readP256(CanonicalReader r) {
    if (PublicKey.readFrom(r) instanceof EcdsaP256PublicKey key) {
      return key;
    }
    throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "P-256 key expected");
  }

  /** Tag byte and raw key in lower-case hex: unique per key across schemes. */
  public static String hex(PublicKey key) {
    byte[] raw = key.encoded();
    byte[] tagged = new byte[raw.length + 1];
    tagged[0] = (byte) key.algorithm().tag();
    System.arraycopy(raw, 0, tagged, 1, raw.length);
    return HexFormat.of().formatHex(tagged);
  }
}

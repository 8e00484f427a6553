package io.votechain.crypto.ecies;

import io.votechain.crypto.group.GroupElement;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An ECIES ciphertext (docs/crypto-threshold.md §4): the sender's ephemeral public key {@code E}
 * and the AES-256-GCM output (ciphertext followed by its 16-byte tag). Immutable: the bytes are
 * copied in and out.
 */
public final class EciesCiphertext {
  /** AES-GCM tag length in bytes. */
  public static final int TAG_LENGTH = 16;

  /** Upper bound of the sealed part on decoding; shares are 32 + 16 bytes. */
  public static final int MAX_SEALED_LENGTH = 1024;

  private final GroupElement ephemeralKey;
  private final byte[] sealed;

  public EciesCiphertext(GroupElement ephemeralKey, byte[] sealed) {
    if (ephemeralKey == null || ephemeralKey.isIdentity()) {
      throw new IllegalArgumentException("ephemeral key must be a finite point");
    }
    if (sealed.length < TAG_LENGTH || sealed.length > MAX_SEALED_LENGTH) {
      throw new IllegalArgumentException("sealed length out of range: " + sealed.length);
    }
    this.ephemeralKey = ephemeralKey;
    this.sealed = sealed.clone();
  }

  public GroupElement ephemeralKey() {
    return ephemeralKey;
  }

  /** AES-GCM ciphertext || tag. */
  public byte[] sealed() {
    return sealed.clone();
  }

  public void writeTo(CanonicalWriter w) {
    w.fixed(ephemeralKey.encode()).bytes(sealed);
  }

  /** Reads {@code E (33) || bytes(sealed)}; refuses the identity and out-of-range lengths. */
  public static EciesCiphertext readFrom(CanonicalReader r) {
    GroupElement e = GroupElement.decode(r.fixed(GroupElement.LENGTH));
    byte[] sealed = r.bytes(MAX_SEALED_LENGTH);
    if (sealed.length < TAG_LENGTH) {
      throw new EncodingException(
          EncodingException.Reason.INVALID_VALUE, "sealed part shorter than tag");
    }
    return new EciesCiphertext(e, sealed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EciesCiphertext other
        && ephemeralKey.equals(other.ephemeralKey)
        && Arrays.equals(sealed, other.sealed);
  }

  @Override
  public int hashCode() {
    return 31 * ephemeralKey.hashCode() + Arrays.hashCode(sealed);
  }

  @Override
  public String toString() {
    return "EciesCiphertext[" + ephemeralKey + ", " + HexFormat.of().formatHex(sealed) + "]";
  }
}

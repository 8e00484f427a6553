package io.votechain.crypto.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 through the JDK, whose implementation uses CPU intrinsics (about 7x BouncyCastle's here,
 * see PLATFORM-NOTES). Every hash of the protocol that is not a domain-separated ElectionGuard hash
 * goes through here.
 */
public final class Sha256 {
  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  public static Hash32 hash(byte[] data) {
    return Hash32.of(newDigest().digest(data));
  }

  /** SHA-256 over a one-byte domain tag followed by the data. */
  public static Hash32 tagged(int tag, byte[] data) {
    MessageDigest digest = newDigest();
    digest.update((byte) tag);
    digest.update(data);
    return Hash32.of(digest.digest());
  }
}

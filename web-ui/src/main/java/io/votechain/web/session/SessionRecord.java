package io.votechain.web.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bytes of one session record on disk (docs/web-ui.md §2.2) and the name of its file. Pure
 * functions; thread safe.
 *
 * <pre>
 * record = "VCS1" | expiresAt (8 bytes, big-endian epoch ms) | nonce (12) | AES-256-GCM ciphertext+tag
 * AAD    = "votechain/web-session/v1" | 0x00 | session id (ASCII) | 0x00 | the first 12 bytes
 * file   = hex(SHA-256("votechain/web-session-file/v1" | 0x00 | session id)) + ".session"
 * </pre>
 *
 * <p>The expiry stays readable so that expired records can be deleted without their keys (at start
 * and periodically); it is in the associated data, so it cannot be pushed later without failing the
 * tag. The id is in the associated data, so a record copied under another session's file name does
 * not open. The file name is a hash of the id, so the folder's listing does not give the id.
 */
public final class SessionRecord {
  static final byte[] MAGIC = "VCS1".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_BYTES = MAGIC.length + 8;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] AAD_DOMAIN =
      "votechain/web-session/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FILE_DOMAIN =
      "votechain/web-session-file/v1".getBytes(StandardCharsets.US_ASCII);
  public static final String SUFFIX = ".session";

  private SessionRecord() {}

  /** The file name of session {@code id}'s record. */
  public static String fileName(String id) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    sha.update(FILE_DOMAIN);
    sha.update((byte) 0);
    sha.update(id.getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(sha.digest()) + SUFFIX;
  }

  /** Encrypts {@code plaintext} for session {@code id} under {@code key}. */
  public static byte[] seal(
      String id, byte[] key, long expiresAt, byte[] plaintext, SecureRandom random) {
    byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putLong(expiresAt).array();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(id, header));
      byte[] ct = c.doFinal(plaintext);
      return ByteBuffer.allocate(header.length + nonce.length + ct.length)
          .put(header)
          .put(nonce)
          .put(ct)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** The expiry (epoch ms) a record declares, or empty if it is not a record at all. */
  public static Optional<Long> expiresAt(byte[] record) {
    if (record.length < HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8
        || !Arrays.equals(record, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return Optional.empty();
    }
    return Optional.of(ByteBuffer.wrap(record, MAGIC.length, 8).getLong());
  }

  /**
   * The plaintext, or empty when the record does not open with this id and key: a wrong key, any
   * altered byte (header included), a record of another session, or not a record at all.
   */
  public static Optional<byte[]> open(String id, byte[] key, byte[] record) {
    if (expiresAt(record).isEmpty()) {
      return Optional.empty();
    }
    byte[] header = Arrays.copyOfRange(record, 0, HEADER_BYTES);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, record, HEADER_BYTES, NONCE_BYTES));
      c.updateAAD(aad(id, header));
      int offset = HEADER_BYTES + NONCE_BYTES;
      return Optional.of(c.doFinal(record, offset, record.length - offset));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private static byte[] aad(String id, byte[] header) {
    byte[] i = id.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(AAD_DOMAIN.length + 1 + i.length + 1 + header.length)
        .put(AAD_DOMAIN)
        .put((byte) 0)
        .put(i)
        .put((byte) 0)
        .put(header)
        .array();
  }
}

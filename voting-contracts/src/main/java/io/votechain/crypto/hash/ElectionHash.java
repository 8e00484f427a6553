package io.votechain.crypto.hash;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.Scalar;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ElectionGuard 2.1's hash function {@code H(B0; B1) = HMAC-SHA-256(B0, B1)} (EG 2.1 section 5.1),
 * with {@code B1} the concatenation of a one-byte domain separator and the fixed-width encodings of
 * the inputs (docs/crypto.md section 2):
 *
 * <ul>
 *   <li>{@link Scalar}: 32 bytes big-endian;
 *   <li>{@link GroupElement}: 33 bytes (compressed SEC1; identity 33 zero bytes);
 *   <li>{@link Hash32}: 32 bytes;
 *   <li>{@link Integer}: 4 bytes big-endian (indices, counts);
 *   <li>{@link Long}: 8 bytes big-endian (weights, limits);
 *   <li>{@code byte[]} and {@link String} (UTF-8): 4-byte length, then the bytes (EG 2.1 section
 *       5.1.4).
 * </ul>
 *
 * <p>{@link #toScalar} departs from EG 2.1 on purpose: EG reduces one 256-bit output modulo q,
 * which for P-256 (n about 2^256 - 2^224) would bias challenges by about 2^-32; here two outputs
 * with counter bytes 0x01, 0x02 appended give 512 bits reduced modulo n (bias below 2^-256).
 */
public final class ElectionHash {
  private ElectionHash() {}

  /** {@code H(key; domain || parts...)}. */
  public static Hash32 hash(Hash32 key, int domain, Object... parts) {
    return Hash32.of(mac(key, message(domain, parts), -1));
  }

  /** {@code H(key; domain || parts...)} as an unbiased scalar (a Fiat-Shamir challenge). */
  public static Scalar toScalar(Hash32 key, int domain, Object... parts) {
    byte[] message = message(domain, parts);
    byte[] wide = new byte[64];
    System.arraycopy(mac(key, message, 0x01), 0, wide, 0, 32);
    System.arraycopy(mac(key, message, 0x02), 0, wide, 32, 32);
    return Scalar.of(new BigInteger(1, wide));
  }

  static byte[] message(int domain, Object... parts) {
    if (domain < 0 || domain > 0xFF) {
      throw new IllegalArgumentException("domain separator is one byte");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 + 33 * parts.length);
    out.write(domain);
    for (Object part : parts) {
      append(out, part);
    }
    return out.toByteArray();
  }

  private static void append(ByteArrayOutputStream out, Object part) {
    if (part instanceof Scalar s) {
      out.writeBytes(s.encode());
    } else if (part instanceof GroupElement e) {
      out.writeBytes(e.encode());
    } else if (part instanceof Hash32 h) {
      out.writeBytes(h.bytes());
    } else if (part instanceof Integer i) {
      writeInt(out, i);
    } else if (part instanceof Long l) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (l >>> shift) & 0xFF);
      }
    } else if (part instanceof byte[] b) {
      writeInt(out, b.length);
      out.writeBytes(b);
    } else if (part instanceof String s) {
      append(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else if (part instanceof Iterable<?> list) {
      for (Object item : list) {
        append(out, item);
      }
    } else {
      throw new IllegalArgumentException("no hash encoding for " + part.getClass());
    }
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write((v >>> 16) & 0xFF);
    out.write((v >>> 8) & 0xFF);
    out.write(v & 0xFF);
  }

  private static byte[] mac(Hash32 key, byte[] message, int counter) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
      mac.update(message);
      if (counter >= 0) {
        mac.update((byte) counter);
      }
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}

package io.votechain.crypto.hash;

import io.votechain.encoding.EncodingException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte digest (SHA-256 or HMAC-SHA-256 output). Instances are immutable: the bytes are copied
 * in and out. Equality compares in constant time, since some digests are secrets' images.
 */
public final class Hash32 implements Comparable<Hash32> {
  public static final int LENGTH = 32;
  public static final Hash32 ZERO = new Hash32(new byte[LENGTH]);

  private final byte[] bytes;

  private Hash32(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Hash32 of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new EncodingException(
          EncodingException.Reason.INVALID_VALUE, "hash must be 32 bytes, got " + bytes.length);
    }
    return new Hash32(bytes.clone());
  }

  public static Hash32 fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash32 other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Hash32 o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}

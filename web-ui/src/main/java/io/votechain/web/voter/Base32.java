package io.votechain.web.voter;

import java.util.Locale;
import java.util.Optional;

/**
 * Crockford's base32 (digits and upper-case letters without I, L, O, U), the alphabet of the codes
 * a voter reads or types (docs/web-voting.md §2): case-insensitive, and the decoder reads O as 0
 * and I, L as 1. Unpadded; the last character's unused bits must be zero, so every byte string has
 * exactly one code. The browser's {@code codes.js} implements the same.
 */
final class Base32 {
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private Base32() {}

  static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int acc = 0;
    int bits = 0;
    for (byte b : bytes) {
      acc = (acc << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((acc >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((acc << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /** Exactly {@code length} bytes, or empty for anything else (separators and spaces ignored). */
  static Optional<byte[]> decode(String text, int length) {
    String clean =
        text.toUpperCase(Locale.ROOT)
            .replaceAll("[\\s-]", "")
            .replace('O', '0')
            .replace('I', '1')
            .replace('L', '1');
    if (clean.length() != (length * 8 + 4) / 5) {
      return Optional.empty();
    }
    byte[] out = new byte[length];
    int acc = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < clean.length(); i++) {
      int v = ALPHABET.indexOf(clean.charAt(i));
      if (v < 0) {
        return Optional.empty();
      }
      acc = ((acc << 5) | v) & 0xFFFF;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (acc >>> (bits - 8));
        bits -= 8;
      }
    }
    if ((acc & ((1 << bits) - 1)) != 0) {
      return Optional.empty();
    }
    return Optional.of(out);
  }

  /** {@code text} in groups of {@code size} joined by '-'. */
  static String group(String text, int size) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i += size) {
      if (i > 0) {
        out.append('-');
      }
      out.append(text, i, Math.min(text.length(), i + size));
    }
    return out.toString();
  }
}

package io.votechain.agent.kiosk;

import io.votechain.crypto.hash.Hash32;

/**
 * The voter-facing form of a ballot hash (docs/crypto.md §6.5): its first 80 bits in Crockford base
 * 32 (no I, L, O, U: nothing to misread), as four groups of four, e.g. {@code 7K2M-9QXD-4HFA-
 * 0C3R}. Short enough to read aloud and compare on the public board; the receipt also prints the
 * full hash, which the verification page looks up.
 */
public final class TrackingCode {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private TrackingCode() {}

  public static String of(Hash32 ballotHash) {
    byte[] h = ballotHash.bytes();
    StringBuilder out = new StringBuilder(19);
    int bits = 0;
    int buffer = 0;
    int emitted = 0;
    for (int i = 0; i < 10; i++) {
      buffer = (buffer << 8) | (h[i] & 0xFF);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        if (emitted > 0 && emitted % 4 == 0) {
          out.append('-');
        }
        out.append(ALPHABET[(buffer >>> bits) & 31]);
        emitted++;
      }
    }
    return out.toString();
  }
}

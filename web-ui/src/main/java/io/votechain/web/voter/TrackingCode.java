package io.votechain.web.voter;

import io.votechain.crypto.hash.Hash32;
import java.util.Optional;

/**
 * The voter's tracking code (docs/web-voting.md §4): the ballot hash {@code H(H_E; 0x29, encoding)}
 * of docs/crypto.md §6.5, all 32 bytes, in Crockford base32 as 13 groups of 4 characters. All of
 * the hash rather than a prefix, so that the code alone finds the ballot in the ledger (the state
 * key {@code election/<id>/ballot-tx/<hash hex>}) and no two ballots can share a code. Its first 16
 * characters are the kiosk's short code (device-agent {@code TrackingCode}: the first 80 bits in
 * the same alphabet), so a code read at a kiosk and one shown on the web look alike. {@link #parse}
 * also takes the 64 hex digits of the hash, the public API's form (docs/api.md §1).
 */
public final class TrackingCode {
  private static final java.util.regex.Pattern HEX =
      java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

  private TrackingCode() {}

  public static String of(Hash32 ballotHash) {
    return Base32.group(Base32.encode(ballotHash.bytes()), 4);
  }

  /** The ballot hash a code names, or empty when it is mistyped. */
  public static Optional<Hash32> parse(String code) {
    if (code == null || code.length() > 128) {
      return Optional.empty();
    }
    String trimmed = code.trim();
    if (HEX.matcher(trimmed).matches()) {
      return Optional.of(Hash32.fromHex(trimmed.toLowerCase(java.util.Locale.ROOT)));
    }
    return Base32.decode(trimmed, Hash32.LENGTH).map(Hash32::of);
  }
}

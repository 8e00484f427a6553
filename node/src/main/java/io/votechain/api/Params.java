package io.votechain.api;

import io.votechain.crypto.hash.Hash32;
import java.util.regex.Pattern;

/**
 * Checks of path and query parameters (docs/api.md §2). Every parameter is checked before anything
 * is read from the ledger, so a hostile value never reaches the store or a decoder.
 */
final class Params {
  /** Identifiers officials choose (election, device, station): docs/contracts.md §1. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,19}");

  private Params() {}

  static String id(String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new ApiException(ApiError.INVALID_ID);
    }
    return value;
  }

  /** A transaction id or tracking code: 64 hex digits, either case. */
  static Hash32 hash(String value) {
    if (value == null || !HEX64.matcher(value).matches()) {
      throw new ApiException(ApiError.INVALID_HEX);
    }
    return Hash32.fromHex(value);
  }

  static long height(String value) {
    long h = decimal(value, ApiError.INVALID_HEIGHT);
    if (h < 1) {
      throw new ApiException(ApiError.INVALID_HEIGHT);
    }
    return h;
  }

  /** The optional {@code after} of a paged listing: an identifier, or null for the first page. */
  static String after(String value) {
    return value == null ? null : id(value);
  }

  /**
   * The optional {@code limit} of a paged listing: 1 to {@link LedgerReads#MAX_PAGE}, by default
   * the most.
   */
  static int pageLimit(String value) {
    return (int) query(value, "limit", 1, LedgerReads.MAX_PAGE, LedgerReads.MAX_PAGE);
  }

  /** An optional integer query parameter within [min, max]. */
  static long query(String value, String name, long min, long max, long absent) {
    if (value == null) {
      return absent;
    }
    long v = decimal(value, ApiError.INVALID_QUERY);
    if (v < min || v > max) {
      throw new ApiException(
          ApiError.INVALID_QUERY, name + " must be between " + min + " and " + max);
    }
    return v;
  }

  private static long decimal(String value, ApiError error) {
    if (value == null || !DECIMAL.matcher(value).matches()) {
      throw new ApiException(error);
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ApiException(error);
    }
  }
}

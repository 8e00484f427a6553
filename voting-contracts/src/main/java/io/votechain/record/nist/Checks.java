package io.votechain.record.nist;

import io.votechain.record.nist.InvalidResultException.Reason;
import io.votechain.record.nist.json.JsonInteger;
import io.votechain.record.nist.json.JsonString;
import java.util.regex.Pattern;

/** Argument checks shared by the result records; every failure is an InvalidResultException. */
final class Checks {
  /**
   * Identifiers become parts of NIST {@code @id} values joined by '.', which this alphabet
   * excludes, so two different (contest, choice) pairs can never produce the same {@code @id}.
   */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static final int MAX_TEXT_LENGTH = 4096;

  private Checks() {}

  static <T> T present(T value, String what) {
    if (value == null) {
      throw new InvalidResultException(Reason.MISSING_VALUE, what + " is missing");
    }
    return value;
  }

  static String id(String value, String what) {
    present(value, what);
    if (!ID.matcher(value).matches()) {
      throw new InvalidResultException(
          Reason.INVALID_ID, what + " must be 1-64 characters of [A-Za-z0-9_-]: " + value);
    }
    return value;
  }

  static String text(String value, String what) {
    present(value, what);
    if (value.isEmpty() || value.length() > MAX_TEXT_LENGTH) {
      throw new InvalidResultException(
          Reason.INVALID_TEXT, what + " must have 1-" + MAX_TEXT_LENGTH + " characters");
    }
    if (!JsonString.isWellFormedUtf16(value)) {
      throw new InvalidResultException(Reason.INVALID_TEXT, what + " has an unpaired surrogate");
    }
    return value;
  }

  static long count(long value, String what) {
    if (value < 0) {
      throw new InvalidResultException(Reason.NEGATIVE_COUNT, what + " is negative: " + value);
    }
    if (value > JsonInteger.MAX_EXACT) {
      throw new InvalidResultException(
          Reason.COUNT_TOO_LARGE, what + " exceeds 2^53 - 1: " + value);
    }
    return value;
  }
}

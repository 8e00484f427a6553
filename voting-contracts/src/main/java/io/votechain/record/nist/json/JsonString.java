package io.votechain.record.nist.json;

import java.util.Objects;

/**
 * A JSON string. The value must be well-formed UTF-16 (no unpaired surrogate), because an unpaired
 * surrogate has no UTF-8 encoding and observers hash the UTF-8 bytes of the document.
 */
public record JsonString(String value) implements JsonValue {
  public JsonString {
    Objects.requireNonNull(value, "value");
    if (!isWellFormedUtf16(value)) {
      throw new IllegalArgumentException("string contains an unpaired surrogate");
    }
  }

  /** True if every surrogate in {@code s} is part of a high–low pair. */
  public static boolean isWellFormedUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}

package io.votechain.record.nist.json;

/**
 * A JSON number without fraction or exponent. Restricted to the range every JSON parser reads
 * exactly (RFC 8259 §6: IEEE 754 doubles hold integers up to 2^53 − 1), so a browser, a Python
 * script and a Java verifier all see the same count.
 */
public record JsonInteger(long value) implements JsonValue {
  /** 2^53 − 1, the largest integer every RFC 8259 parser represents exactly. */
  public static final long MAX_EXACT = (1L << 53) - 1;

  public JsonInteger {
    if (value > MAX_EXACT || value < -MAX_EXACT) {
      throw new IllegalArgumentException("integer outside ±(2^53 − 1): " + value);
    }
  }
}

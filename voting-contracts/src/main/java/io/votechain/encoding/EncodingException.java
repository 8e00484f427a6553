package io.votechain.encoding;

/** Raised for a byte string that is not a canonical encoding of the expected type. */
public final class EncodingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the input was refused; stable names, documented in docs/encoding.md. */
  public enum Reason {
    TRUNCATED,
    TRAILING_BYTES,
    NON_CANONICAL,
    TOO_LARGE,
    UNKNOWN_TAG,
    INVALID_VALUE
  }

  private final Reason reason;

  public EncodingException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

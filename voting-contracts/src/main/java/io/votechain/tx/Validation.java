package io.votechain.tx;

import java.util.Objects;

/**
 * The result of validating a transaction: {@link ErrorCode#OK} or a specific code with a
 * human-readable reason for the submitter (never containing secrets). Instances are immutable.
 */
public record Validation(ErrorCode code, String reason) {
  private static final Validation OK = new Validation(ErrorCode.OK, "ok");

  public Validation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }

  public static Validation ok() {
    return OK;
  }

  public static Validation reject(ErrorCode code, String reason) {
    if (code == ErrorCode.OK) {
      throw new IllegalArgumentException("a rejection needs an error code");
    }
    return new Validation(code, reason);
  }

  public boolean isOk() {
    return code == ErrorCode.OK;
  }
}

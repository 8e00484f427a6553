package io.votechain.api;

import java.util.Objects;

/**
 * A request the API answers with an error: the code, its HTTP status and a message for people. The
 * message never carries secrets (the API holds none) nor stack traces.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int httpStatus;

  public ApiException(ApiError error) {
    this(error, error.meaning());
  }

  public ApiException(ApiError error, String message) {
    this(error.name(), error.httpStatus(), message);
  }

  /** An error under another documented code, e.g. a contracts {@code ErrorCode}. */
  public ApiException(String code, int httpStatus, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.httpStatus = httpStatus;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}

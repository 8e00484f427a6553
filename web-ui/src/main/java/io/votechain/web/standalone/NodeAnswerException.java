package io.votechain.web.standalone;

import java.util.Objects;

/**
 * A node's answer the standalone web UI refused, with its {@link NodeAnswerError} code. The detail
 * says what was asked (a path, a height), never anything secret.
 */
public final class NodeAnswerException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final NodeAnswerError error;

  public NodeAnswerException(NodeAnswerError error, String detail) {
    super(error.name() + ": " + error.meaning() + " (" + detail + ")");
    this.error = Objects.requireNonNull(error, "error");
  }

  public NodeAnswerException(NodeAnswerError error, String detail, Throwable cause) {
    this(error, detail);
    initCause(cause);
  }

  public NodeAnswerError error() {
    return error;
  }
}

package io.votechain.store;

/** A store refused or failed an operation; {@link #reason()} says which, for logs and metrics. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** The commit is not for the next height. */
    OUT_OF_ORDER,
    /** A different block is already committed at this height. */
    CONFLICT,
    /** The data on disk does not decode or does not agree with itself. */
    CORRUPT,
    /**
     * A folder holds more entries than a listing returns ({@link LedgerStore#MAX_FOLDER_ENTRIES}).
     */
    TOO_LARGE,
    /** The database failed (I/O error, timeout, server unavailable). */
    UNAVAILABLE
  }

  private final Reason reason;

  public StoreException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public StoreException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

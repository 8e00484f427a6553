package io.votechain.record.nist;

/**
 * Raised when an election result cannot be reported because it is malformed or inconsistent. The
 * {@link Reason} names are stable and listed in docs/results-nist.md.
 */
public final class InvalidResultException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why the result was refused. */
  public enum Reason {
    /** A required value is missing (null). */
    MISSING_VALUE,
    /** An identifier is not 1–64 characters of {@code [A-Za-z0-9_-]}. */
    INVALID_ID,
    /** Two contests of an election, or two choices of a contest, share an identifier. */
    DUPLICATE_ID,
    /** A text is empty, too long or not well-formed Unicode. */
    INVALID_TEXT,
    /** A language tag is not of the BCP 47 shape {@code xx(-yyyy)*}. */
    INVALID_LANGUAGE_TAG,
    /** A label lacks a text in the election's primary language. */
    MISSING_LANGUAGE,
    /** A count is negative. */
    NEGATIVE_COUNT,
    /** A count exceeds 2^53 − 1, the largest integer every JSON parser reads exactly. */
    COUNT_TOO_LARGE,
    /** An election without contests, or a contest without choices. */
    NO_CHOICES,
    /** A contest has more than 1000 choices, or a number unfit for its kind (yes/no needs two). */
    WRONG_CHOICE_COUNT,
    /** A contest's selection limit or number of seats does not fit its kind or its choices. */
    INVALID_SELECTION_LIMIT,
    /** Shareholder resolutions outside a shareholder meeting, or other contests inside one. */
    KIND_MISMATCH,
    /** A contest received more votes than its cast ballots can carry. */
    INCONSISTENT_TOTALS,
    /** A date out of range, an end before a start, or a generation time with sub-second digits. */
    INVALID_DATE,
    /** The vendor version is not 1–64 characters of {@code [0-9A-Za-z.+-]}. */
    INVALID_VERSION
  }

  private final Reason reason;

  public InvalidResultException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

package io.votechain.record.nist;

/** The kind of election, mapped to NIST's ElectionType (docs/results-nist.md §2). */
public enum ElectionKind {
  GENERAL("general", null),
  PRIMARY("primary", null),
  SPECIAL("special", null),
  RUNOFF("runoff", null),
  /** A company's general meeting; NIST has no such type, so it is "other". */
  SHAREHOLDER_MEETING("other", "shareholder-meeting");

  private final String nistType;
  private final String nistOtherType;

  ElectionKind(String nistType, String nistOtherType) {
    this.nistType = nistType;
    this.nistOtherType = nistOtherType;
  }

  String nistType() {
    return nistType;
  }

  /** The OtherType to report when {@link #nistType()} is "other", else null. */
  String nistOtherType() {
    return nistOtherType;
  }
}

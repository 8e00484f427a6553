package io.votechain.record.nist;

/** Whether the result is the tally as decrypted or the one the authority certified. */
public enum ResultStatus {
  /** Tallied (all ballots counted and decrypted) but not yet certified. */
  UNOFFICIAL("unofficial-complete"),
  /** Certified by the authority's M-of-N officials. */
  CERTIFIED("certified");

  private final String nistStatus;

  ResultStatus(String nistStatus) {
    this.nistStatus = nistStatus;
  }

  String nistStatus() {
    return nistStatus;
  }
}

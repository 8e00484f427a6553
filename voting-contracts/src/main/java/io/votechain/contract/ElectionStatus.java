package io.votechain.contract;

/**
 * The election lifecycle (docs/contracts.md §3.2): DRAFT → KEY_CEREMONY → OPEN → CLOSED → TALLIED →
 * CERTIFIED. Each status has exactly one successor and nothing goes back, so a closed election can
 * never reopen and a certified result never changes.
 */
public enum ElectionStatus {
  DRAFT(1),
  KEY_CEREMONY(2),
  OPEN(3),
  CLOSED(4),
  TALLIED(5),
  CERTIFIED(6);

  private final int tag;

  ElectionStatus(int tag) {
    this.tag = tag;
  }

  public int tag() {
    return tag;
  }

  public static ElectionStatus ofTag(int tag) {
    for (ElectionStatus s : values()) {
      if (s.tag == tag) {
        return s;
      }
    }
    throw new IllegalStateException("stored election status " + tag);
  }

  /** The lifecycle rule: only the next status in the chain. */
  public boolean canTransitionTo(ElectionStatus next) {
    return next.ordinal() == ordinal() + 1;
  }
}

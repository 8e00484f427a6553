package io.votechain.record;

/**
 * What a recorded transaction is to the election (docs/election-record.md §3): a cast ballot either
 * counts for its credential or was superseded by a later ballot of the same credential; every other
 * transaction simply took effect.
 */
public enum TransactionRole {
  EFFECTIVE(0),
  COUNTED(1),
  SUPERSEDED(2);

  private final int tag;

  TransactionRole(int tag) {
    this.tag = tag;
  }

  public int tag() {
    return tag;
  }

  /** The role of a tag, or null for an unknown one. */
  public static TransactionRole ofTag(int tag) {
    for (TransactionRole r : values()) {
      if (r.tag == tag) {
        return r;
      }
    }
    return null;
  }
}

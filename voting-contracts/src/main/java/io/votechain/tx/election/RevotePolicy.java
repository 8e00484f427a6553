package io.votechain.tx.election;

/** Whether a credential may cast again (docs/contracts.md §4.4). */
public enum RevotePolicy {
  /** The last web ballot counts; an in-person ballot supersedes web ballots and is final. */
  LAST_VOTE_COUNTS(1),
  /** The first ballot is final; any second ballot is rejected. */
  SINGLE_VOTE(2);

  private final int tag;

  RevotePolicy(int tag) {
    this.tag = tag;
  }

  public int tag() {
    return tag;
  }

  public static RevotePolicy ofTag(int tag) {
    for (RevotePolicy p : values()) {
      if (p.tag == tag) {
        return p;
      }
    }
    return null;
  }
}

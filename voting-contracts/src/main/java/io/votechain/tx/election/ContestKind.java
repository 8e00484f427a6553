package io.votechain.tx.election;

/**
 * The kinds of contest a manifest may hold. Write-in candidates are deliberately excluded: a
 * write-in cannot be an exponential-ElGamal 0/1 selection, so it would need its own encryption and
 * tally path (docs/contracts.md §3).
 */
public enum ContestKind {
  /** Exactly two choices (yes, no); select one. */
  YES_NO(1),
  /** Two or more choices; select one. */
  ONE_OF_N(2),
  /** Approval voting: two or more choices; select up to k. */
  K_OF_N(3);

  private final int tag;

  ContestKind(int tag) {
    this.tag = tag;
  }

  public int tag() {
    return tag;
  }

  public static ContestKind ofTag(int tag) {
    for (ContestKind k : values()) {
      if (k.tag == tag) {
        return k;
      }
    }
    return null;
  }
}

package io.votechain.contract;

/** Who cast a meeting ballot for a holder: the holder itself or its appointed proxy. */
public enum VoteSource {
  HOLDER,
  PROXY;

  /** The stored byte: the ordinal, part of the state encoding (docs/contracts.md §1). */
  public int tag() {
    return ordinal();
  }

  public static VoteSource ofTag(int tag) {
    if (tag < 0 || tag >= values().length) {
      throw new IllegalStateException("stored vote source " + tag);
    }
    return values()[tag];
  }
}

package io.votechain.consensus.message;

/** The two votes of Tendermint's Algorithm 1. */
public enum VoteType {
  PREVOTE(1, SignKind.PREVOTE),
  PRECOMMIT(2, SignKind.PRECOMMIT);

  private final int tag;
  private final SignKind signKind;

  VoteType(int tag, SignKind signKind) {
    this.tag = tag;
    this.signKind = signKind;
  }

  public int tag() {
    return tag;
  }

  public SignKind signKind() {
    return signKind;
  }

  public static VoteType ofTag(int tag) {
    for (VoteType t : values()) {
      if (t.tag == tag) {
        return t;
      }
    }
    return null;
  }
}

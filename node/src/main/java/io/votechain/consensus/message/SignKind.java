package io.votechain.consensus.message;

/**
 * What a signature is over. The kind byte is part of every signed byte string (docs/consensus.md
 * §4), so a signature made for one kind can never be accepted as another.
 */
public enum SignKind {
  PROPOSAL(1),
  PREVOTE(2),
  PRECOMMIT(3),
  SYNC_REQUEST(4),
  SYNC_RESPONSE(5);

  /** Domain separation from every other signature made with a validator key. */
  public static final String DOMAIN = "votechain/consensus/v1";

  private final int tag;

  SignKind(int tag) {
    this.tag = tag;
  }

  public int tag() {
    return tag;
  }
}

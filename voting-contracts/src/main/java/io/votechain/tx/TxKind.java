package io.votechain.tx;

/**
 * The transaction kinds with their tag bytes and maximum encoded sizes (whole signed transaction,
 * docs/contracts.md §2). Tags are part of the protocol: never reuse one.
 */
public enum TxKind {
  PROPOSE(1, 256 * 1024),
  APPROVE(2, 512),
  PROVISION_DEVICE(3, 1024),
  ASSIGN_DEVICE(4, 512),
  TRANSFER_CUSTODY(5, 512),
  ATTEST_DEVICE(6, 1024),
  SUSPEND_DEVICE(7, 1024),
  REINSTATE_DEVICE(8, 512),
  ADD_CREDENTIALS(9, 64 * 1024),
  CHECK_IN(10, 512),
  ANNOUNCE_KEY(11, 32 * 1024),
  CAST_BALLOT(12, 256 * 1024),
  PUBLISH_DECRYPTION(13, 256 * 1024),
  SPOIL_BALLOT(14, 256 * 1024),
  PUBLISH_SHARES(15, 32 * 1024),
  COMPLAIN(16, 512),
  DISCLOSE_SHARE(17, 512),
  ADD_HOLDINGS(18, 64 * 1024),
  APPOINT_PROXY(19, 512),
  REVOKE_PROXY(20, 512),
  CAST_MEETING_VOTE(21, 256 * 1024);

  /** No transaction of any kind is longer; checked before parsing. */
  public static final int MAX_SIZE = 256 * 1024;

  private final int tag;
  private final int maxSize;

  TxKind(int tag, int maxSize) {
    this.tag = tag;
    this.maxSize = maxSize;
  }

  public int tag() {
    return tag;
  }

  public int maxSize() {
    return maxSize;
  }

  public static TxKind ofTag(int tag) {
    for (TxKind k : values()) {
      if (k.tag == tag) {
        return k;
      }
    }
    return null;
  }
}

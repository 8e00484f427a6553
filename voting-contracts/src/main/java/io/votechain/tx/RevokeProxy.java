package io.votechain.tx;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;

/**
 * A holder (the signer) revokes its proxy in a meeting; a vote the proxy cast for it stops counting
 * (docs/contracts.md §8.4).
 */
public record RevokeProxy(String meetingId) implements Transaction {
  public RevokeProxy {
    Identifiers.require(meetingId, "meeting id");
  }

  @Override
  public TxKind kind() {
    return TxKind.REVOKE_PROXY;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(meetingId);
  }

  static RevokeProxy readFields(CanonicalReader r) {
    return new RevokeProxy(r.text(Identifiers.MAX_LENGTH));
  }
}

package io.votechain.tx;

import io.votechain.crypto.group.Scalar;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * A dealer answers a complaint by publishing the disputed share {@code P_i(recipient)} in clear;
 * anyone checks it against the dealer's commitments (Feldman). Fewer than k disclosed shares reveal
 * nothing of the joint secret (docs/crypto-threshold.md §6.2).
 */
public record DiscloseShare(String electionId, int recipient, Scalar share) implements Transaction {
  public static final int MAX_TRUSTEE = GovernedAction.RegisterTrustees.MAX_TRUSTEES;

  public DiscloseShare {
    Identifiers.require(electionId, "election id");
    Objects.requireNonNull(share, "share");
    if (recipient < 1 || recipient > MAX_TRUSTEE) {
      throw new IllegalArgumentException("recipient index out of range");
    }
  }

  @Override
  public TxKind kind() {
    return TxKind.DISCLOSE_SHARE;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(electionId).varint(recipient).fixed(share.encode());
  }

  static DiscloseShare readFields(CanonicalReader r) {
    String election = r.text(Identifiers.MAX_LENGTH);
    int recipient = (int) r.varint(MAX_TRUSTEE);
    return new DiscloseShare(election, recipient, Scalar.decode(r.fixed(Scalar.LENGTH)));
  }
}

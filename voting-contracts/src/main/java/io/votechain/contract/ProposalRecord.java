package io.votechain.contract;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Keys;
import java.util.ArrayList;
import java.util.List;

/**
 * A proposal as stored: the action, its expiry height, the approving officials (sorted by key, so
 * the stored bytes do not depend on approval order) and whether it has executed. Immutable.
 */
record ProposalRecord(
    GovernedAction action,
    long expiresAtHeight,
    List<Ed25519PublicKey> approvals,
    boolean executed) {
  ProposalRecord {
    approvals = approvals.stream().sorted(Authority.BY_KEY).toList();
  }

  ProposalRecord withApproval(Ed25519PublicKey official) {
    List<Ed25519PublicKey> more = new ArrayList<>(approvals);
    more.add(official);
    return new ProposalRecord(action, expiresAtHeight, more, executed);
  }

  ProposalRecord asExecuted() {
    return new ProposalRecord(action, expiresAtHeight, approvals, true);
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    action.writeTo(w);
    return w.varint(expiresAtHeight)
        .list(approvals, (cw, k) -> k.writeTo(cw))
        .bool(executed)
        .toByteArray();
  }

  static ProposalRecord decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    ProposalRecord p =
        new ProposalRecord(
            GovernedAction.readFrom(r),
            r.varint(Long.MAX_VALUE),
            r.list(64, Keys::readEd25519),
            r.bool());
    r.finish();
    return p;
  }
}

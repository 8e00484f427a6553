package io.votechain.tx;

import io.votechain.crypto.threshold.Complaint;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * Trustee {@code complaint.recipient} accuses {@code complaint.dealer} of a bad share
 * (docs/crypto-threshold.md §6); the election cannot open until the dealer answers with {@link
 * DiscloseShare}.
 */
public record Complain(String electionId, Complaint complaint) implements Transaction {
  public Complain {
    Identifiers.require(electionId, "election id");
    Objects.requireNonNull(complaint, "complaint");
  }

  @Override
  public TxKind kind() {
    return TxKind.COMPLAIN;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(electionId);
    complaint.writeTo(w);
  }

  static Complain readFields(CanonicalReader r) {
    String election = r.text(Identifiers.MAX_LENGTH);
    return new Complain(election, Complaint.readFrom(r));
  }
}

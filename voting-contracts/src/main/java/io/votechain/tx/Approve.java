package io.votechain.tx;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/** An official approves a pending proposal, named by the id of its {@link Propose} transaction. */
public record Approve(Hash32 proposalId) implements Transaction {
  public Approve {
    Objects.requireNonNull(proposalId, "proposalId");
  }

  @Override
  public TxKind kind() {
    return TxKind.APPROVE;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.fixed(proposalId.bytes());
  }

  static Approve readFields(CanonicalReader r) {
    return new Approve(Hash32.of(r.fixed(Hash32.LENGTH)));
  }
}

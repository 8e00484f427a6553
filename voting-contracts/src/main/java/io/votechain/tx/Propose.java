package io.votechain.tx;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * An official proposes a critical action (docs/contracts.md §4.1); the proposal counts as the
 * proposer's approval and lapses after block {@code expiresAtHeight}.
 */
public record Propose(GovernedAction action, long expiresAtHeight) implements Transaction {
  public Propose {
    Objects.requireNonNull(action, "action");
    if (expiresAtHeight < 0) {
      throw new IllegalArgumentException("expiry height must be non-negative");
    }
  }

  @Override
  public TxKind kind() {
    return TxKind.PROPOSE;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    action.writeTo(w);
    w.varint(expiresAtHeight);
  }

  static Propose readFields(CanonicalReader r) {
    GovernedAction action = GovernedAction.readFrom(r);
    return new Propose(action, r.varint(Long.MAX_VALUE));
  }
}

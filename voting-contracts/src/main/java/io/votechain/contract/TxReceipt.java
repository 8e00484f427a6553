package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import io.votechain.tx.ErrorCode;
import java.util.List;
import java.util.Objects;

/** The outcome of one transaction in a block: its id, code, reason and events (none on failure). */
public record TxReceipt(Hash32 txId, ErrorCode code, String reason, List<Event> events) {
  public TxReceipt {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
    events = List.copyOf(events);
  }

  public boolean succeeded() {
    return code == ErrorCode.OK;
  }
}

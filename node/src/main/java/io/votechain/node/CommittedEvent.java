package io.votechain.node;

import io.votechain.crypto.hash.Hash32;
import java.util.List;
import java.util.Objects;

/**
 * A block that has been durably committed, with the outcome of each of its transactions.
 *
 * @param height the block's height
 * @param blockHash its hash (what the commit certificate signs)
 * @param timestamp its timestamp, milliseconds
 * @param outcomes one per transaction, in block order
 */
public record CommittedEvent(
    long height, Hash32 blockHash, long timestamp, List<Outcome> outcomes) {
  public CommittedEvent {
    Objects.requireNonNull(blockHash, "blockHash");
    outcomes = List.copyOf(outcomes);
  }

  /**
   * The outcome of one committed transaction.
   *
   * @param code an {@code io.votechain.tx.ErrorCode} name ({@code OK} when it took effect)
   */
  public record Outcome(Hash32 txId, int index, String code, String reason) {
    public Outcome {
      Objects.requireNonNull(txId, "txId");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }
  }
}

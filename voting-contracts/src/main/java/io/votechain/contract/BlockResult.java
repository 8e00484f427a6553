package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import io.votechain.state.StateWrite;
import java.util.List;
import java.util.Objects;

/** What executing a block produced: the new state hash, a receipt per transaction, the writes. */
public record BlockResult(
    long height, Hash32 stateHash, List<TxReceipt> receipts, List<StateWrite> writes) {
  public BlockResult {
    Objects.requireNonNull(stateHash, "stateHash");
    receipts = List.copyOf(receipts);
    writes = List.copyOf(writes);
  }
}

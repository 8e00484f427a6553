package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import io.votechain.state.StateView;
import java.util.Optional;

/** Reads the chain bookkeeping the executor keeps in state (head block, recent block hashes). */
final class Chain {
  private Chain() {}

  /** The block being executed, or after execution the last one executed. */
  static BlockContext head(StateView state) {
    return state
        .get(StateKeys.CHAIN_HEAD)
        .map(BlockContext::decode)
        .orElseThrow(() -> new IllegalStateException("state has no genesis"));
  }

  static Optional<Hash32> blockHash(StateView state, long height) {
    return state.get(StateKeys.blockHash(height)).map(Hash32::of);
  }
}

package io.votechain.consensus.sim;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.core.Application;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A deterministic application for simulations: the state hash folds in every applied block's
 * transaction root; transactions starting with "bad" are invalid, and a committed transaction is
 * rejected as a replay.
 */
final class SimApplication implements Application {
  private Hash32 state;
  private long height;
  // Queried only, never iterated.
  private final Set<Hash32> committed = new HashSet<>();

  SimApplication(Hash32 initialState) {
    this.state = initialState;
  }

  static boolean invalid(byte[] tx) {
    return new String(tx, StandardCharsets.UTF_8).startsWith("bad");
  }

  @Override
  public TxCheck validateTx(byte[] transaction) {
    if (invalid(transaction)) {
      return TxCheck.reject("invalid");
    }
    if (committed.contains(Sha256.hash(transaction))) {
      return TxCheck.reject("replay");
    }
    return TxCheck.OK;
  }

  @Override
  public void apply(Block block) {
    if (block.height() != height + 1) {
      throw new IllegalStateException("apply out of order");
    }
    for (byte[] tx : block.transactions()) {
      committed.add(Sha256.hash(tx));
    }
    height = block.height();
    state =
        Sha256.hash(
            new CanonicalWriter()
                .fixed(state.bytes())
                .fixed(block.header().transactionsRoot().bytes())
                .varint(height)
                .toByteArray());
  }

  @Override
  public long lastAppliedHeight() {
    return height;
  }

  @Override
  public Hash32 stateHash() {
    return state;
  }
}

package io.votechain.consensus.core;

import io.votechain.consensus.block.Block;
import io.votechain.crypto.hash.Hash32;

/**
 * The application the chain serves (the voting contracts, later). The core calls it synchronously
 * and in order: {@link #validateTx} to judge proposals (an honest validator prevotes nil for a
 * block with an invalid transaction) and to filter its own proposals; {@link #apply} once per
 * committed block. Rejecting a transaction that was already committed (replay) is the application's
 * job, as in Tendermint's ABCI.
 */
public interface Application {
  /** Checks a transaction against the state after the last applied block. */
  TxCheck validateTx(byte[] transaction);

  /** Executes a committed block; heights arrive in order, each exactly once. */
  void apply(Block block);

  /** The height of the last applied block (0 before any). */
  long lastAppliedHeight();

  /** The state hash after the last applied block: block h+1 carries the hash after block h. */
  Hash32 stateHash();

  /** Verdict of {@link #validateTx}. */
  record TxCheck(boolean ok, String reason) {
    public static final TxCheck OK = new TxCheck(true, "");

    public static TxCheck reject(String reason) {
      return new TxCheck(false, reason);
    }
  }
}

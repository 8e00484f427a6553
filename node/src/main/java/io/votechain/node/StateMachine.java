package io.votechain.node;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.core.Application;
import io.votechain.crypto.hash.Hash32;
import io.votechain.store.StateWrite;
import java.util.List;
import java.util.Optional;

/**
 * What the chain computes: the voting contracts in production ({@code ContractsStateMachine}). Pure
 * with respect to its inputs: the same block on the same state gives the same writes and the same
 * state hash on every validator.
 */
public interface StateMachine {
  /** Reads of the committed state. */
  interface StateReader {
    Optional<byte[]> get(byte[] key);

    /** The entries directly inside a folder (see {@link io.votechain.store.LedgerStore}). */
    List<io.votechain.store.StateEntry> folder(byte[] folder);

    /**
     * A hint that the keys {@code keys} names are read next ({@link
     * io.votechain.store.LedgerStore#prefetch}); returns once they are fetched, or at once where
     * reads are local (then {@code keys} is not called).
     */
    default void prefetch(java.util.function.Supplier<List<byte[]>> keys) {}
  }

  /** The result of executing one block. Writes are sorted by key, each key once. */
  record Execution(List<StateWrite> writes, Hash32 stateHash) {
    public Execution {
      writes = List.copyOf(writes);
    }
  }

  /** Whether a transaction may enter a block on top of the committed state. */
  Application.TxCheck check(byte[] transaction, StateReader state);

  /**
   * The check of a transaction that did not come from its client (relayed by a peer, re-checked
   * after a block, or in a proposal): may leave to block execution what execution verifies anyway
   * and more cheaply in a batch. By default the same as {@link #check}.
   */
  default Application.TxCheck recheck(byte[] transaction, StateReader state) {
    return check(transaction, state);
  }

  /**
   * {@link #check} of several submissions at once, in order; a state machine may share work among
   * them (the contracts verify ballot proofs in a batch). By default one by one.
   */
  default List<Application.TxCheck> checkAll(List<byte[]> transactions, StateReader state) {
    List<Application.TxCheck> checks = new java.util.ArrayList<>(transactions.size());
    for (byte[] tx : transactions) {
      checks.add(check(tx, state));
    }
    return checks;
  }

  /**
   * {@link #recheck} of several relayed transactions at once, in order; a state machine may do
   * ahead of execution, in a batch, work that execution would otherwise do on the consensus
   * critical path. By default one by one.
   */
  default List<Application.TxCheck> recheckAll(List<byte[]> transactions, StateReader state) {
    List<Application.TxCheck> checks = new java.util.ArrayList<>(transactions.size());
    for (byte[] tx : transactions) {
      checks.add(recheck(tx, state));
    }
    return checks;
  }

  /**
   * {@link #recheckAll} of transactions peers relayed, each with its sender's {@link #decodingAid},
   * which the machine may use to decode it faster and must not trust. By default the aid is unused.
   */
  default List<Application.TxCheck> recheckAllRelayed(
      List<RelayedTransaction> relayed, StateReader state) {
    return recheckAll(relayed.stream().map(RelayedTransaction::bytes).toList(), state);
  }

  /**
   * What a peer can use, besides the bytes, to decode {@code transaction} with less work; sent
   * along when this validator relays a transaction its client submitted. By default nothing
   * (empty).
   */
  default byte[] decodingAid(byte[] transaction) {
    return new byte[0];
  }

  /**
   * Told of a transaction a peer relayed with its {@link #decodingAid} as it arrives, before it
   * waits for its check: the machine may keep the aid for a proposal that carries the transaction
   * before that check runs. By default the aid is not kept.
   */
  default void relayedWithAid(RelayedTransaction relayed) {}

  /** Executes a committed block; {@code previous} is the state hash before it. */
  Execution execute(Block block, StateReader state, Hash32 previous);

  /** The id under which a transaction is indexed and de-duplicated. */
  Hash32 transactionId(byte[] transaction);

  /** Who sent it, for the mempool's per-sender limit; by default each transaction alone. */
  default byte[] sender(byte[] transaction) {
    return transactionId(transaction).bytes();
  }
}

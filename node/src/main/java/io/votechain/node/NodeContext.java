package io.votechain.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.crypto.hash.Hash32;
import io.votechain.mempool.Admission;
import io.votechain.store.LedgerStore;
import java.util.function.Consumer;

/** What a running validator offers its extensions ({@link NodeExtension}). */
public interface NodeContext {
  Vertx vertx();

  /** The node's HTTP router: extensions mount their routes on it, each under its own paths. */
  Router router();

  NodeConfig config();

  /**
   * This validator's key, to sign what the node sends (MQTT receipts, challenges): extensions may
   * sign with it; the private key itself is not reachable.
   */
  io.votechain.crypto.sig.Signer signer();

  /** The consensus genesis: validators, their keys and quorum. */
  Genesis genesis();

  /** The chain id the contracts sign transactions for (the genesis file's contracts section). */
  String contractsChainId();

  /** The committed ledger: blocks, transactions by id, and state. */
  LedgerStore store();

  /**
   * Checks, pools and gossips a transaction. Fails with {@link ValidatorNode.TransactionRejected}
   * carrying the contracts' error code when the state machine refuses it.
   */
  Future<Admission> submit(byte[] transaction);

  Hash32 transactionId(byte[] transaction);

  /** The highest committed height. */
  long height();

  /** Whether the transaction is waiting in the mempool. */
  boolean pending(Hash32 transactionId);

  /**
   * Calls {@code listener} on a Vert.x event-loop thread after each block is durably committed,
   * with every transaction's outcome: a receipt sent from here means committed.
   */
  void onCommitted(Consumer<CommittedEvent> listener);

  /**
   * Decodes a contracts transaction, from the node's cache of decoded transactions when it has one
   * (a block's ballots were decoded when they arrived). Throws as {@link
   * io.votechain.tx.SignedTransaction#decode} does.
   */
  default io.votechain.tx.SignedTransaction decodeTransaction(byte[] transaction) {
    return io.votechain.tx.SignedTransaction.decode(transaction);
  }
}

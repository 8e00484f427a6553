package io.votechain.node.client;

import io.votechain.contract.TxReceipt;
import io.votechain.state.StateKey;
import io.votechain.store.StateEntry;
import io.votechain.tx.SignedTransaction;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A client's view of a chain that runs the voting contracts: read committed state, submit a signed
 * transaction and wait for its committed receipt. What trustees, the demo and tools need; the HTTP
 * implementation talks to any validator's public API.
 */
public interface ChainClient {
  /** The chain id transactions are signed for. */
  String chainId();

  Optional<byte[]> state(StateKey key) throws IOException;

  /** The entries directly inside {@code folder} (which ends with {@code /}). */
  List<StateEntry> folder(String folder) throws IOException;

  /**
   * Submits {@code tx} and waits until it is committed (its receipt is in the state) or refused
   * before commit; either way answers its code and reason.
   *
   * @throws IOException if no validator answers, or {@code timeout} passes first
   */
  TxReceipt.Outcome submit(SignedTransaction tx, Duration timeout) throws IOException;

  /** Submits without waiting; answers the refusal if the validator refused it at once. */
  Optional<TxReceipt.Outcome> send(SignedTransaction tx) throws IOException;

  /** The committed receipt of a transaction, if it is committed. */
  Optional<TxReceipt.Outcome> receipt(io.votechain.crypto.hash.Hash32 txId) throws IOException;
}

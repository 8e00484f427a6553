package io.votechain.web;

import io.vertx.core.Future;
import io.votechain.mempool.Admission;
import io.votechain.state.StateKey;
import io.votechain.store.StateEntry;
import io.votechain.store.StoredBlock;
import java.util.List;
import java.util.Optional;

/**
 * What the pages need of a node: committed blocks and state to read, and a way to submit a signed
 * transaction. Inside a validator {@link NodeLedger} reads the node's own store; the standalone web
 * UI implements the same port with the node's public HTTP API ({@code
 * io.votechain.web.standalone.HttpLedger}, docs/web-ui.md §6), which is why the pages see nothing
 * else of the node.
 *
 * <p>The read methods block (the RocksDB store completes on the calling thread): call them through
 * {@link WebContext#blocking}, never on an event loop.
 */
public interface LedgerPort {
  /** The chain id the contracts sign transactions for. */
  String chainId();

  /** The highest committed height. */
  long height();

  Optional<byte[]> state(StateKey key);

  /**
   * The entries directly inside state folder {@code folder} (ends with {@code '/'}), in key order;
   * fails for folders above {@code LedgerStore.MAX_FOLDER_ENTRIES}.
   */
  List<StateEntry> folder(String folder);

  /**
   * A page of folder {@code folder} of any size: at most {@code limit} of its direct entries whose
   * keys sort after {@code after} (empty for the first page), in key order ({@code
   * LedgerStore.stateFolderPage}).
   */
  List<StateEntry> folderPage(String folder, String after, int limit);

  Optional<StoredBlock> block(long height);

  /**
   * The chain's genesis (validators, chain id), for the explorer's validators page. Empty when this
   * port cannot tell it (the standalone port reads and checks {@code GET /api/v1/genesis}).
   */
  default Optional<io.votechain.consensus.genesis.Genesis> genesis() {
    return Optional.empty();
  }

  /**
   * Checks, pools and gossips {@code transaction}; fails with {@link Rejected} carrying the
   * contracts' error code when the state machine refuses it.
   */
  Future<Admission> submit(byte[] transaction);

  /**
   * The equivocation evidence the node holds, in hash order (node-local, spread by gossip: see
   * docs/consensus.md §8). A port that cannot read evidence shows none, hence the default.
   */
  default List<io.votechain.store.StoredEvidence> evidence() {
    return List.of();
  }

  /** Calls {@code listener} on an event loop after each committed block (live pages). */
  void onCommitted(java.util.function.Consumer<io.votechain.node.CommittedEvent> listener);

  /** A transaction the contracts refused before it reached the mempool. */
  final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Rejected(String code) {
      super(code);
    }

    /** The {@code io.votechain.tx.ErrorCode} name. */
    public String code() {
      return getMessage();
    }
  }
}

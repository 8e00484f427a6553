package io.votechain.web;

import io.vertx.core.Future;
import io.votechain.mempool.Admission;
import io.votechain.node.NodeContext;
import io.votechain.node.ValidatorNode;
import io.votechain.state.StateKey;
import io.votechain.store.StateEntry;
import io.votechain.store.StoredBlock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** {@link LedgerPort} over the validator the web UI runs in. Thread safe. */
public final class NodeLedger implements LedgerPort {
  private final NodeContext node;

  public NodeLedger(NodeContext node) {
    this.node = node;
  }

  @Override
  public String chainId() {
    return node.contractsChainId();
  }

  @Override
  public long height() {
    return node.height();
  }

  @Override
  public Optional<byte[]> state(StateKey key) {
    return node.store().state(key.bytes()).toCompletableFuture().join();
  }

  @Override
  public List<StateEntry> folder(String folder) {
    return node.store()
        .stateFolder(folder.getBytes(StandardCharsets.US_ASCII))
        .toCompletableFuture()
        .join();
  }

  @Override
  public List<StateEntry> folderPage(String folder, String after, int limit) {
    return node.store()
        .stateFolderPage(
            folder.getBytes(StandardCharsets.US_ASCII),
            after.getBytes(StandardCharsets.US_ASCII),
            limit)
        .toCompletableFuture()
        .join();
  }

  @Override
  public Optional<StoredBlock> block(long height) {
    return node.store().blockAt(height).toCompletableFuture().join();
  }

  @Override
  public Optional<io.votechain.consensus.genesis.Genesis> genesis() {
    return Optional.of(node.genesis());
  }

  @Override
  public List<io.votechain.store.StoredEvidence> evidence() {
    return node.store().evidenceList().toCompletableFuture().join();
  }

  @Override
  public Future<Admission> submit(byte[] transaction) {
    return node.submit(transaction)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof ValidatorNode.TransactionRejected r ? new Rejected(r.code()) : e));
  }

  @Override
  public void onCommitted(java.util.function.Consumer<io.votechain.node.CommittedEvent> listener) {
    node.onCommitted(listener);
  }
}

package io.votechain.store;

import io.votechain.crypto.hash.Hash32;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A {@link LedgerStore} that passes every call to another one: the base of store decorators (the
 * committed-state cache, tests' gated stores), which override only what they change.
 */
public abstract class ForwardingLedgerStore implements LedgerStore {
  protected final LedgerStore store;

  protected ForwardingLedgerStore(LedgerStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<Void> commit(BlockCommit commit) {
    return store.commit(commit);
  }

  @Override
  public CompletionStage<Long> latestHeight() {
    return store.latestHeight();
  }

  @Override
  public CompletionStage<Optional<StoredBlock>> blockAt(long height) {
    return store.blockAt(height);
  }

  @Override
  public CompletionStage<Optional<StoredBlock>> blockByHash(Hash32 hash) {
    return store.blockByHash(hash);
  }

  @Override
  public CompletionStage<Optional<TxLocation>> transaction(Hash32 transactionId) {
    return store.transaction(transactionId);
  }

  @Override
  public CompletionStage<Optional<byte[]>> state(byte[] key) {
    return store.state(key);
  }

  @Override
  public CompletionStage<Void> prefetch(Supplier<List<byte[]>> keys) {
    return store.prefetch(keys);
  }

  @Override
  public CompletionStage<List<StateEntry>> stateFolder(byte[] folder) {
    return store.stateFolder(folder);
  }

  @Override
  public CompletionStage<List<StateEntry>> stateFolderPage(byte[] folder, byte[] after, int limit) {
    return store.stateFolderPage(folder, after, limit);
  }

  @Override
  public CompletionStage<EvidenceInsert> putEvidence(Hash32 hash, byte[] encoding) {
    return store.putEvidence(hash, encoding);
  }

  @Override
  public CompletionStage<Optional<StoredEvidence>> evidence(Hash32 hash) {
    return store.evidence(hash);
  }

  @Override
  public CompletionStage<List<StoredEvidence>> evidenceList() {
    return store.evidenceList();
  }

  @Override
  public void close() {
    store.close();
  }
}

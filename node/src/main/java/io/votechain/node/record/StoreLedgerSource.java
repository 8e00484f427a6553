package io.votechain.node.record;

import io.votechain.record.LedgerSource;
import io.votechain.record.chain.LedgerBlock;
import io.votechain.state.StateKey;
import io.votechain.store.LedgerStore;
import io.votechain.store.StoreException;
import io.votechain.store.StoredBlock;
import java.util.Optional;

/**
 * {@link LedgerSource} over a validator's {@link LedgerStore} (RocksDB or Cassandra). The latest
 * height is taken once, when the source is made, so both passes of the exporter see the same chain.
 * Calls block on the store: use it from a worker thread, never from an event loop.
 */
final class StoreLedgerSource implements LedgerSource {
  private final LedgerStore store;
  private final long latest;

  StoreLedgerSource(LedgerStore store) {
    this.store = store;
    this.latest = store.latestHeight().toCompletableFuture().join();
  }

  @Override
  public long latestHeight() {
    return latest;
  }

  @Override
  public LedgerBlock block(long height) {
    StoredBlock stored =
        store
            .blockAt(height)
            .toCompletableFuture()
            .join()
            .orElseThrow(
                () ->
                    new StoreException(
                        StoreException.Reason.CORRUPT, "no block at committed height " + height));
    return LedgerBlock.parse(stored.block(), stored.commitCertificate());
  }

  @Override
  public Optional<byte[]> state(StateKey key) {
    return store.state(key.bytes()).toCompletableFuture().join();
  }
}

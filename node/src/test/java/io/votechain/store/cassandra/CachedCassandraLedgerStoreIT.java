package io.votechain.store.cassandra;

import io.votechain.store.CachedLedgerStore;
import io.votechain.store.LedgerStore;
import io.votechain.store.LedgerStoreConformance;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conformance suite against a real Cassandra server through the committed-state cache, as the
 * node runs it ({@code ValidatorNode}); a 4-entry cache, so that evictions happen too.
 */
class CachedCassandraLedgerStoreIT extends LedgerStoreConformance {
  private static final AtomicInteger KEYSPACES = new AtomicInteger();
  private CassandraStoreConfig config;

  @Override
  protected LedgerStore openFresh() {
    config =
        CassandraStoreConfig.local(
            CassandraTestServer.get().cqlPort(), "cached_" + KEYSPACES.incrementAndGet());
    return new CachedLedgerStore(CassandraLedgerStore.open(config), 4, 100_000, 1_000);
  }

  @Override
  protected LedgerStore reopen() {
    return new CachedLedgerStore(CassandraLedgerStore.open(config), 4, 100_000, 1_000);
  }
}

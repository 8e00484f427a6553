package io.votechain.store.rocksdb;

import io.votechain.store.KillDashNine;
import io.votechain.store.LedgerStore;
import io.votechain.store.LedgerStoreConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbLedgerStoreTest extends LedgerStoreConformance {
  @TempDir Path root;
  private Path directory;
  private int opened;

  @Override
  protected LedgerStore openFresh() {
    directory = root.resolve("db-" + opened++);
    return RocksDbLedgerStore.open(directory);
  }

  @Override
  protected LedgerStore reopen() {
    return RocksDbLedgerStore.open(directory);
  }

  @Test
  void aKillDashNineInTheMiddleOfCommittingLosesNoAcknowledgedBlock() throws Exception {
    Path killed = root.resolve("killed");
    for (int round = 1; round <= 3; round++) {
      long acknowledged = KillDashNine.killAfter(20 * round, "rocksdb", killed.toString());
      KillDashNine.checkRecovered(() -> RocksDbLedgerStore.open(killed), acknowledged);
    }
  }
}

package io.votechain.store;

import io.votechain.store.cassandra.CassandraLedgerStore;
import io.votechain.store.cassandra.CassandraStoreConfig;
import io.votechain.store.rocksdb.RocksDbLedgerStore;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link KillDashNine}: commits blocks as fast as it can and prints each
 * height once its commit has completed, until the parent kills it with SIGKILL.
 */
public final class CrashingCommitter {
  private CrashingCommitter() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (RuntimeException e) {
      // The driver's threads are not daemons: exit, or the parent would wait for output forever.
      e.printStackTrace(System.out);
      System.exit(1);
    }
  }

  private static void run(String[] args) {
    LedgerStore store =
        switch (args[0]) {
          case "rocksdb" -> RocksDbLedgerStore.open(Path.of(args[1]));
          case "cassandra" ->
              CassandraLedgerStore.open(
                  CassandraStoreConfig.local(Integer.parseInt(args[1]), args[2]));
          default -> throw new IllegalArgumentException(args[0]);
        };
    long height = store.latestHeight().toCompletableFuture().join();
    while (true) {
      height++;
      store.commit(LedgerStoreConformance.block(height, 0)).toCompletableFuture().join();
      System.out.println("committed " + height);
      System.out.flush();
    }
  }
}

package io.votechain.store.cassandra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.votechain.store.BlockCommit;
import io.votechain.store.KillDashNine;
import io.votechain.store.LedgerStore;
import io.votechain.store.LedgerStoreConformance;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The conformance suite and the crash cases against a real Cassandra server. */
class CassandraLedgerStoreIT extends LedgerStoreConformance {
  private static final AtomicInteger KEYSPACES = new AtomicInteger();
  private CassandraStoreConfig config;

  @Override
  protected LedgerStore openFresh() {
    config =
        CassandraStoreConfig.local(
            CassandraTestServer.get().cqlPort(), "conformance_" + KEYSPACES.incrementAndGet());
    return CassandraLedgerStore.open(config);
  }

  @Override
  protected LedgerStore reopen() {
    return CassandraLedgerStore.open(config);
  }

  @Test
  void aKillDashNineInTheMiddleOfCommittingLosesNoAcknowledgedBlock() throws Exception {
    int port = CassandraTestServer.get().cqlPort();
    String keyspace = "killed_" + KEYSPACES.incrementAndGet();
    for (int round = 1; round <= 2; round++) {
      long acknowledged =
          KillDashNine.killAfter(15 * round, "cassandra", Integer.toString(port), keyspace);
      KillDashNine.checkRecovered(
          () -> CassandraLedgerStore.open(CassandraStoreConfig.local(port, keyspace)),
          acknowledged);
    }
  }

  @Test
  void aCrashAfterTheRedoRecordIsWholeIsCompletedOnRestart() {
    await(store.commit(block(1, 0)));
    BlockCommit two = block(2, 0);
    CassandraLedgerStore cassandra = (CassandraLedgerStore) store;
    await(cassandra.writeRedo(two));
    // Half of step 2, then the process "dies": only some rows of block 2 exist.
    await(cassandra.applyRows(firstRowsOnly(two)));
    store.close();
    store = reopen();
    assertEquals(2L, await(store.latestHeight()));
    assertEquals(Optional.of(two.storedBlock()), await(store.blockAt(2)));
    for (var w : two.stateWrites()) {
      assertEquals(
          w.isDelete(), await(store.state(w.key())).isEmpty(), "key " + new String(w.key()));
    }
    assertEquals(2, await(store.transaction(two.transactionIds().get(2))).orElseThrow().index());
  }

  @Test
  void aCrashAfterTheCommitPointWithRowsStillMissingIsCompletedOnRestart() {
    // Step 2 writes the commit point beside the rows, so it may land first.
    await(store.commit(block(1, 0)));
    BlockCommit two = block(2, 0);
    CassandraLedgerStore cassandra = (CassandraLedgerStore) store;
    await(cassandra.writeRedo(two));
    await(cassandra.writeLatest(2));
    await(cassandra.applyRows(firstRowsOnly(two)));
    store.close();
    store = reopen();
    assertEquals(2L, await(store.latestHeight()));
    assertEquals(Optional.of(two.storedBlock()), await(store.blockAt(2)));
    for (var w : two.stateWrites()) {
      assertEquals(
          w.isDelete(), await(store.state(w.key())).isEmpty(), "key " + new String(w.key()));
    }
    assertEquals(2, await(store.transaction(two.transactionIds().get(2))).orElseThrow().index());
    await(store.commit(block(3, 0)));
    assertEquals(3L, await(store.latestHeight()));
  }

  @Test
  void aRedoHeadWithoutItsChunksIsATornRecordAndLeavesThePreviousHeight() {
    // The head is written beside the chunks, so a crash may leave it alone.
    await(store.commit(block(1, 0)));
    CassandraLedgerStore cassandra = (CassandraLedgerStore) store;
    await(cassandra.writeRedo(block(2, 0), true, false));
    store.close();
    store = reopen();
    assertEquals(1L, await(store.latestHeight()));
    assertEquals(Optional.empty(), await(store.blockAt(2)));
    await(store.commit(block(2, 1)));
    assertArrayEquals(utf8("variant 1"), await(store.state(utf8("h/2"))).orElseThrow());
    store.close();
    store = reopen();
    assertEquals(2L, await(store.latestHeight()));
  }

  /** Some rows of {@code c}: what a crash in the middle of step 2 leaves. */
  private static BlockCommit firstRowsOnly(BlockCommit c) {
    return new BlockCommit(
        c.height(),
        c.blockHash(),
        c.block(),
        c.commitCertificate(),
        c.transactionIds().subList(0, 1),
        c.stateWrites().subList(0, 1),
        c.stateHash());
  }

  @Test
  void aCloseRightAfterACommitIsAcknowledgedKeepsTheBlock() {
    await(store.commit(block(1, 0)));
    BlockCommit two = block(2, 0);
    await(store.commit(two));
    // The deletion of block 2's redo record may still be in flight: it is not part of the commit.
    store.close();
    store = reopen();
    assertEquals(2L, await(store.latestHeight()));
    assertEquals(Optional.of(two.storedBlock()), await(store.blockAt(2)));
    await(store.commit(block(3, 0)));
    assertEquals(3L, await(store.latestHeight()));
  }

  @Test
  void aCrashBeforeTheRedoHeadIsWrittenLeavesThePreviousHeight() {
    await(store.commit(block(1, 0)));
    CassandraLedgerStore cassandra = (CassandraLedgerStore) store;
    await(cassandra.writeRedo(block(2, 0), false, true));
    store.close();
    store = reopen();
    assertEquals(1L, await(store.latestHeight()));
    assertEquals(Optional.empty(), await(store.blockAt(2)));
    assertArrayEquals(utf8("1"), await(store.state(utf8("counter"))).orElseThrow());
    // The node then commits block 2 again, possibly a different one if consensus chose so.
    await(store.commit(block(2, 1)));
    assertArrayEquals(utf8("variant 1"), await(store.state(utf8("h/2"))).orElseThrow());
  }
}

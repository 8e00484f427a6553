package io.votechain.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Sha256;
import io.votechain.store.BlockCommit;
import io.votechain.store.EvidenceInsert;
import io.votechain.store.KillDashNine;
import io.votechain.store.LedgerStore;
import io.votechain.store.LedgerStoreConformance;
import io.votechain.store.StateWrite;
import io.votechain.store.StoreException;
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

  /**
   * A column family written rarely (the latest height is written once per block, but evidence
   * almost never) pins every log file it has data in; without a bound the log grew to 1.7 GB on a
   * validator holding 300 000 ballots.
   */
  @Test
  void theWriteAheadLogStaysNearItsBoundWhileOneColumnFamilyTakesAlmostEveryWrite()
      throws Exception {
    long bound = 4L * 1024 * 1024;
    RocksDbLedgerStore.Limits limits =
        new RocksDbLedgerStore.Limits(
            bound,
            RocksDbLedgerStore.DEFAULT_LIMITS.cacheBytes(),
            RocksDbLedgerStore.DEFAULT_LIMITS.writeBufferBytes());
    Path bounded = root.resolve("bounded");
    try (LedgerStore s = RocksDbLedgerStore.open(bounded, limits)) {
      byte[] evidence = utf8("the one write evidence gets");
      await(s.putEvidence(Sha256.hash(evidence), evidence));
      java.util.Random random = new java.util.Random(7);
      for (int h = 1; h <= 40; h++) {
        commitRandomBlock(s, h, random);
      }
      long log = logBytes(bounded);
      // 20 MB committed; the log holds what the bound allows plus the file being written.
      assertTrue(log < 3 * bound, "write-ahead log of " + log + " bytes");
      assertEquals(40, await(s.latestHeight()));
    }
    try (LedgerStore s = RocksDbLedgerStore.open(bounded, limits)) {
      assertEquals(40, await(s.latestHeight()));
      assertEquals(1, await(s.evidenceList()).size());
    }
  }

  @Test
  void nativeMemoryStaysWithinTheCacheWhileTheLedgerOutgrowsIt() {
    long cache = 8L * 1024 * 1024;
    long writeBuffers = 2L * 1024 * 1024;
    RocksDbLedgerStore.Limits limits =
        new RocksDbLedgerStore.Limits(
            RocksDbLedgerStore.DEFAULT_LIMITS.maxTotalWalBytes(), cache, writeBuffers);
    try (RocksDbLedgerStore s = RocksDbLedgerStore.open(root.resolve("memory"), limits)) {
      java.util.Random random = new java.util.Random(11);
      long maxMemtables = 0;
      for (int h = 1; h <= 48; h++) {
        commitRandomBlock(s, h, random);
        maxMemtables = Math.max(maxMemtables, s.memtableBytes());
      }
      // 24 MB committed: three times the cache, twelve times the write buffers.
      for (int round = 0; round < 2; round++) {
        for (int h = 1; h <= 48; h++) {
          assertEquals(512 * 1024, await(s.state(utf8("ballot/" + h))).orElseThrow().length);
        }
      }
      // A full memtable is flushed while writes go on, so a few may overshoot the bound; without
      // it, every byte committed stays in the memtables (RocksDB's default is 64 MB a family).
      assertTrue(maxMemtables <= 4 * writeBuffers, "memtables of " + maxMemtables + " bytes");
      long nativeMemory = s.nativeMemoryBytes();
      assertTrue(nativeMemory <= cache + cache / 4, "native memory of " + nativeMemory + " bytes");
      assertEquals(48, await(s.latestHeight()));
    }
  }

  /** Commits block {@code h} writing 512 KB of random bytes, incompressible as ballots are. */
  private static void commitRandomBlock(LedgerStore s, int h, java.util.Random random) {
    byte[] value = new byte[512 * 1024];
    random.nextBytes(value);
    await(
        s.commit(
            new BlockCommit(
                h,
                Sha256.hash(utf8("block " + h)),
                utf8("block " + h),
                utf8("certificate " + h),
                java.util.List.of(),
                java.util.List.of(StateWrite.put(utf8("ballot/" + h), value)),
                Sha256.hash(utf8("state " + h)))));
  }

  private static long logBytes(Path directory) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(directory)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".log"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  @Test
  void evidenceBeyondTheBoundIsRefusedAsFullAndNothingHeldIsLost() {
    for (int i = 0; i < LedgerStore.MAX_EVIDENCE; i++) {
      byte[] body = utf8("evidence " + i);
      assertEquals(EvidenceInsert.ADDED, await(store.putEvidence(Sha256.hash(body), body)));
    }
    byte[] extra = utf8("one too many");
    assertEquals(EvidenceInsert.FULL, await(store.putEvidence(Sha256.hash(extra), extra)));
    byte[] held = utf8("evidence 7");
    assertEquals(EvidenceInsert.ALREADY_HELD, await(store.putEvidence(Sha256.hash(held), held)));
    assertEquals(LedgerStore.MAX_EVIDENCE, await(store.evidenceList()).size());
  }

  @Test
  void aReadAfterCloseFailsAsUnavailableInsteadOfCrashingTheJvm() {
    LedgerStore closed = RocksDbLedgerStore.open(root.resolve("closed"));
    closed.close();
    closed.close(); // twice is harmless
    StoreException e =
        assertThrows(StoreException.class, () -> await(closed.state(utf8("election/e/status"))));
    assertEquals(StoreException.Reason.UNAVAILABLE, e.reason());
    StoreException commit =
        assertThrows(StoreException.class, () -> await(closed.commit(block(1, 0))));
    assertEquals(StoreException.Reason.UNAVAILABLE, commit.reason());
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

package io.votechain.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.hash.Sha256;
import io.votechain.store.EvidenceInsert;
import io.votechain.store.KillDashNine;
import io.votechain.store.LedgerStore;
import io.votechain.store.LedgerStoreConformance;
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

package io.votechain.web.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Sha256;
import io.votechain.store.StoredBlock;
import org.junit.jupiter.api.Test;

class HttpLedgerCacheTest {
  private static StoredBlock block(int bytes) {
    return new StoredBlock(
        7, Sha256.hash(new byte[] {7}), new byte[bytes], new byte[100], Sha256.hash(new byte[0]));
  }

  @Test
  void aBlockWeighsItsBytesAndAFixedOverhead() {
    assertEquals(1_000 + 100 + HttpLedger.BLOCK_OVERHEAD_BYTES, HttpLedger.weight(block(1_000)));
    assertEquals(100 + HttpLedger.BLOCK_OVERHEAD_BYTES, HttpLedger.weight(block(0)));
  }

  /** The count of old (512) let full blocks take half a gigabyte of the web UI's heap. */
  @Test
  void fullBlocksAreKeptByTheDozenNotByTheHundred() {
    long fullBlocks = HttpLedger.BLOCK_CACHE_BYTES / HttpLedger.weight(block(1024 * 1024));
    assertTrue(fullBlocks <= 64, fullBlocks + " full blocks");
    long emptyBlocks = HttpLedger.BLOCK_CACHE_BYTES / HttpLedger.weight(block(300));
    assertTrue(emptyBlocks >= 10_000, emptyBlocks + " small blocks");
  }
}

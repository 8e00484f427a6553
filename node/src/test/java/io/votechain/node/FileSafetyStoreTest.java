package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.core.BlockBuilder;
import io.votechain.consensus.core.SafetyState;
import io.votechain.consensus.core.SignWatermark;
import io.votechain.consensus.core.Step;
import io.votechain.crypto.hash.Hash32;
import io.votechain.store.SafetyStateFile;
import io.votechain.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safety state in one small file, the block bodies it names in one file each. */
class FileSafetyStoreTest {
  @TempDir Path dir;

  private static Block block(String tx) {
    return BlockBuilder.build(
        Hash32.ZERO,
        1,
        0,
        10,
        Hash32.ZERO,
        Hash32.ZERO,
        Optional.empty(),
        1,
        List.of(tx.getBytes(StandardCharsets.UTF_8)));
  }

  /** Locked on and valid at {@code b}, naming its body. */
  private static SafetyState lockedOn(Block b, int round) {
    return new SafetyState(
        1,
        round,
        Step.PRECOMMIT,
        round,
        Optional.of(b.hash()),
        round,
        Optional.of(b.hash()),
        List.of(),
        new SignWatermark(1, round, SignWatermark.PRECOMMIT),
        List.of(),
        List.of());
  }

  /** A body too large to ride inside the state file (transactions are at most 64 KiB each). */
  private static Block large(String tx) {
    List<byte[]> txs = new java.util.ArrayList<>();
    for (int i = 0; i * 60_000 <= FileSafetyStore.INLINE_MAX_BYTES; i++) {
      txs.add((tx + i + "x".repeat(60_000)).getBytes(StandardCharsets.UTF_8));
    }
    return BlockBuilder.build(
        Hash32.ZERO, 1, 0, 10, Hash32.ZERO, Hash32.ZERO, Optional.empty(), 1, txs);
  }

  private Path blockFile(Block b) {
    return dir.resolve("safety.blocks").resolve(HexFormat.of().formatHex(b.hash().bytes()));
  }

  @Test
  void aValidatorThatNeverVotedHasNoState() {
    assertEquals(Optional.empty(), new FileSafetyStore(dir.resolve("safety")).load());
  }

  @Test
  void aNewInstanceReadsTheStateAndTheLargeBlockItNames() {
    Block v = large("tx-v");
    new FileSafetyStore(dir.resolve("safety")).save(lockedOn(v, 2), List.of(v));
    FileSafetyStore reopened = new FileSafetyStore(dir.resolve("safety"));
    assertEquals(lockedOn(v, 2), reopened.load().orElseThrow());
    assertArrayEquals(v.encode(), reopened.loadBlock(v.hash()).orElseThrow().encode());
  }

  @Test
  void aSmallBodyRidesInsideTheStateFile() {
    Block v = block("tx-v");
    new FileSafetyStore(dir.resolve("safety")).save(lockedOn(v, 2), List.of(v));
    assertFalse(Files.exists(blockFile(v)));
    FileSafetyStore reopened = new FileSafetyStore(dir.resolve("safety"));
    assertEquals(lockedOn(v, 2), reopened.load().orElseThrow());
    assertArrayEquals(v.encode(), reopened.loadBlock(v.hash()).orElseThrow().encode());
  }

  @Test
  void theStateFileStaysSmallWhateverTheBlockSize() throws IOException {
    Block big = large("tx");
    new FileSafetyStore(dir.resolve("safety")).save(lockedOn(big, 0), List.of(big));
    assertTrue(Files.size(dir.resolve("safety")) < 600);
    assertTrue(Files.size(blockFile(big)) > FileSafetyStore.INLINE_MAX_BYTES);
  }

  @Test
  void aBodyIsDeletedOnceNoSavedStateNamesIt() {
    Block v = large("tx-v");
    Block w = large("tx-w");
    FileSafetyStore store = new FileSafetyStore(dir.resolve("safety"));
    store.save(lockedOn(v, 0), List.of(v));
    store.save(lockedOn(w, 1), List.of(w));
    assertFalse(Files.exists(blockFile(v)));
    assertTrue(Files.exists(blockFile(w)));
    assertEquals(Optional.empty(), store.loadBlock(v.hash()));
  }

  @Test
  void aBodyLeftByAnEarlierRunIsDeletedAtTheNextSave() {
    Block v = large("tx-v");
    Block w = large("tx-w");
    new FileSafetyStore(dir.resolve("safety")).save(lockedOn(v, 0), List.of(v));
    new FileSafetyStore(dir.resolve("safety")).save(lockedOn(w, 1), List.of(w));
    assertFalse(Files.exists(blockFile(v)));
  }

  @Test
  void bodiesOtherThanTheNamedOnesAreRefused() {
    Block v = block("tx-v");
    FileSafetyStore store = new FileSafetyStore(dir.resolve("safety"));
    assertThrows(
        IllegalArgumentException.class, () -> store.save(lockedOn(v, 0), List.of(block("tx-w"))));
    assertThrows(IllegalArgumentException.class, () -> store.save(lockedOn(v, 0), List.of()));
    assertEquals(Optional.empty(), store.load());
  }

  @Test
  void aBlockFileHoldingAnotherBlockIsRefusedAsCorrupt() throws IOException {
    Block v = large("tx-v");
    Block w = large("tx-w");
    new FileSafetyStore(dir.resolve("safety")).save(lockedOn(v, 0), List.of(v));
    new SafetyStateFile(blockFile(v), "VCBLOCK1").write(w.encode());
    StoreException e =
        assertThrows(
            StoreException.class,
            () -> new FileSafetyStore(dir.resolve("safety")).loadBlock(v.hash()));
    assertEquals(StoreException.Reason.CORRUPT, e.reason());
  }

  @Test
  void aStateFileOfTheEarlierFormatIsRefusedNotMisread() {
    new SafetyStateFile(dir.resolve("safety")).write(new byte[] {1, 0, 0, 0, 0});
    StoreException e =
        assertThrows(StoreException.class, () -> new FileSafetyStore(dir.resolve("safety")).load());
    assertEquals(StoreException.Reason.CORRUPT, e.reason());
  }
}

package io.votechain.agent.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationCountersTest {
  @TempDir Path dir;

  @Test
  void theCounterKeepsIncreasingAcrossRestarts() throws IOException {
    Path file = dir.resolve("counters");
    AttestationCounters first = AttestationCounters.open(file);
    first.boot();
    long a = first.next();
    long b = first.next();
    assertTrue(b > a);
    AttestationCounters second = AttestationCounters.open(file);
    assertEquals(b, second.lastCounter());
    assertEquals(2, second.boot());
    long c = second.next();
    assertTrue(c > b);
    assertEquals(2, c >>> 32, "the high half carries the boot count");
  }

  @Test
  void aCounterHandedOutIsOnDiskBeforeItIsUsed() throws IOException {
    Path file = dir.resolve("counters");
    AttestationCounters counters = AttestationCounters.open(file);
    counters.boot();
    long handedOut = counters.next();
    // A crash right after next() returns: the value is already persisted.
    assertEquals(handedOut, AttestationCounters.open(file).lastCounter());
  }

  @Test
  void aCounterRestoredFromAnOldBackupIsLiftedAboveTheLedgersLastCounter() throws IOException {
    AttestationCounters counters = AttestationCounters.open(dir.resolve("counters"));
    counters.boot();
    long ledger = (5L << 32) + 3; // the ledger accepted evidence from the device's fifth boot
    assertEquals(ledger + 1, counters.nextAbove(ledger));
    assertEquals(ledger + 2, counters.nextAbove(ledger), "and keeps increasing above it");
    assertEquals(ledger + 3, counters.nextAbove(-1));
  }

  @Test
  void aFloorWithNoRoomAboveItIsIgnored() throws IOException {
    AttestationCounters counters = AttestationCounters.open(dir.resolve("counters"));
    counters.boot();
    assertEquals(1L << 32, counters.nextAbove(Long.MAX_VALUE - 1));
  }

  @Test
  void aDamagedFileIsRefusedRatherThanRestartingFromZero() throws IOException {
    Path file = dir.resolve("counters");
    AttestationCounters.open(file).boot();
    byte[] bytes = Files.readAllBytes(file);
    bytes[5] ^= 1;
    Files.write(file, bytes);
    assertThrows(IOException.class, () -> AttestationCounters.open(file));
  }
}

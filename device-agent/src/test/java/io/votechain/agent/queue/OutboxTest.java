package io.votechain.agent.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  @TempDir Path dir;

  private static byte[] body(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Settlement committed(String tx, long height) {
    return new Settlement(Sha256.hash(body(tx)), height, 0, "OK");
  }

  @Nested
  class Recovery {
    @Test
    void everyUnsettledEntrySurvivesAReopenInOrder() throws IOException {
      Path file = dir.resolve("outbox.wal");
      try (Outbox outbox = Outbox.open(file)) {
        outbox.enqueue(body("a"));
        outbox.enqueue(body("b"));
        long c = outbox.enqueue(body("c"));
        outbox.signed(0, 0, body("tx-a"));
        outbox.settle(0, committed("tx-a", 5));
        outbox.signed(1, 1, body("tx-b"));
        assertEquals(2, c);
      }
      try (Outbox reopened = Outbox.open(file)) {
        List<OutboxEntry> pending = reopened.pending();
        assertEquals(List.of(1L, 2L), pending.stream().map(OutboxEntry::seq).toList());
        assertArrayEquals(body("tx-b"), pending.get(0).signedTransaction().orElseThrow());
        assertEquals(1L, pending.get(0).nonce().orElseThrow());
        assertTrue(pending.get(1).signedTransaction().isEmpty());
        assertEquals(2, reopened.nextNonce());
        assertEquals(5, reopened.lastSettlement().orElseThrow().height());
        assertEquals(0, reopened.recoveredTornBytes());
        assertEquals(3, reopened.enqueue(body("d")), "sequence numbers are never reused");
      }
    }

    @Test
    void aTornLastRecordIsIgnoredAtEveryCutPoint() throws IOException {
      Path file = dir.resolve("outbox.wal");
      try (Outbox outbox = Outbox.open(file)) {
        outbox.enqueue(body("first"));
        outbox.enqueue(body("second"));
      }
      long whole = Files.size(file);
      try (Outbox outbox = Outbox.open(file)) {
        outbox.enqueue(body("third, torn by the power cut"));
      }
      byte[] full = Files.readAllBytes(file);
      for (long cut = whole; cut < full.length; cut++) {
        Path torn = dir.resolve("torn-" + cut);
        Files.write(torn, Arrays.copyOf(full, (int) cut));
        try (Outbox recovered = Outbox.open(torn)) {
          assertEquals(2, recovered.size(), "cut at " + cut);
          assertEquals(cut - whole, recovered.recoveredTornBytes());
          // The torn tail is cut off, so a new record follows the last whole one.
          recovered.enqueue(body("after recovery"));
        }
        try (Outbox again = Outbox.open(torn)) {
          assertEquals(3, again.size(), "cut at " + cut);
          assertArrayEquals(body("after recovery"), again.pending().get(2).body());
          assertEquals(0, again.recoveredTornBytes());
        }
      }
    }

    @Test
    void aLastRecordWithAFlippedBitIsIgnored() throws IOException {
      Path file = dir.resolve("outbox.wal");
      try (Outbox outbox = Outbox.open(file)) {
        outbox.enqueue(body("kept"));
        outbox.enqueue(body("garbled"));
      }
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length - 2] ^= 0x10;
      Files.write(file, bytes);
      try (Outbox recovered = Outbox.open(file)) {
        assertEquals(1, recovered.size());
        assertArrayEquals(body("kept"), recovered.pending().get(0).body());
      }
    }
  }

  @Nested
  class Nonces {
    @Test
    void aRefusalBeforeCommitHandsItsNonceToTheNextTransaction() throws IOException {
      try (Outbox outbox = Outbox.open(dir.resolve("outbox.wal"))) {
        outbox.enqueue(body("a"));
        outbox.enqueue(body("b"));
        outbox.signed(0, 7, body("tx-a"));
        assertEquals(8, outbox.nextNonce());
        outbox.settle(0, new Settlement(Hash32.ZERO, 0, 22, "UNKNOWN_ELECTION"));
        assertEquals(7, outbox.nextNonce());
      }
    }

    @Test
    void aCommittedRefusalConsumesTheNonce() throws IOException {
      try (Outbox outbox = Outbox.open(dir.resolve("outbox.wal"))) {
        outbox.enqueue(body("a"));
        outbox.signed(0, 3, body("tx-a"));
        outbox.settle(0, new Settlement(Hash32.ZERO, 9, 22, "UNKNOWN_ELECTION"));
        assertEquals(4, outbox.nextNonce());
      }
    }

    @Test
    void aReleasedEntryIsSignedAgainWithTheSameNonceAfterARestart() throws IOException {
      Path file = dir.resolve("outbox.wal");
      try (Outbox outbox = Outbox.open(file)) {
        outbox.enqueue(body("ballot"));
        outbox.signed(0, 4, body("tx"));
        outbox.release(0);
      }
      try (Outbox reopened = Outbox.open(file)) {
        assertTrue(reopened.head().orElseThrow().signedTransaction().isEmpty());
        assertEquals(4, reopened.nextNonce());
      }
    }

    @Test
    void anEntryReleasedWithTheLedgersNonceKeepsItsBodyAndThatNonceAfterARestart()
        throws IOException {
      Path file = dir.resolve("outbox.wal");
      try (Outbox outbox = Outbox.open(file)) {
        outbox.enqueue(body("ballot"));
        outbox.enqueue(body("next"));
        outbox.signed(0, 2, body("tx-with-a-stale-nonce"));
        outbox.release(0, 9);
        assertEquals(9, outbox.nextNonce());
      }
      try (Outbox reopened = Outbox.open(file)) {
        OutboxEntry head = reopened.head().orElseThrow();
        assertEquals(0, head.seq());
        assertArrayEquals(body("ballot"), head.body());
        assertTrue(head.signedTransaction().isEmpty());
        assertEquals(9, reopened.nextNonce());
        assertEquals(2, reopened.size());
      }
    }
  }

  @Test
  void compactionKeepsOnlyUnsettledEntriesAndTheCounters() throws IOException {
    Path file = dir.resolve("outbox.wal");
    try (Outbox outbox = Outbox.open(file)) {
      outbox.enqueue(body("stays"));
      for (int i = 1; i <= 600; i++) {
        outbox.enqueue(body("tx " + i));
        outbox.signed(i, i - 1, body("signed " + i));
        outbox.settle(i, committed("signed " + i, i));
      }
      assertTrue(Files.size(file) < 600 * 20, "the log was compacted");
    }
    try (Outbox reopened = Outbox.open(file)) {
      assertEquals(1, reopened.size());
      assertArrayEquals(body("stays"), reopened.head().orElseThrow().body());
      assertEquals(600, reopened.nextNonce());
      assertEquals(600, reopened.lastSettlement().orElseThrow().height());
      assertEquals(601, reopened.enqueue(body("next")));
    }
  }
}

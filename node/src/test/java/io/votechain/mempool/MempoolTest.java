package io.votechain.mempool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.util.List;
import org.junit.jupiter.api.Test;

class MempoolTest {
  private static final byte[] ALICE = {1};
  private static final byte[] BOB = {2};

  private static byte[] tx(int n, int size) {
    byte[] t = new byte[size];
    t[0] = (byte) n;
    t[size - 1] = (byte) (n >> 8);
    return t;
  }

  private static Hash32 id(byte[] tx) {
    return Sha256.hash(tx);
  }

  private final Mempool pool = new Mempool(new MempoolLimits(5, 1000, 3, 300, 10));

  @Test
  void aTransactionIsAcceptedOnceAndReapedOldestFirst() {
    byte[] a = tx(1, 10);
    byte[] b = tx(2, 10);
    assertEquals(Admission.ACCEPTED, pool.add(id(a), ALICE, a));
    assertEquals(Admission.ACCEPTED, pool.add(id(b), BOB, b));
    assertEquals(Admission.DUPLICATE, pool.add(id(a), ALICE, a));
    List<byte[]> batch = pool.reap(10, 1000);
    assertEquals(2, batch.size());
    assertArrayEquals(a, batch.get(0));
    assertArrayEquals(b, batch.get(1));
  }

  @Test
  void reapingRespectsCountAndBytesButSkipsOnlyWhatDoesNotFit() {
    pool.add(id(tx(1, 200)), ALICE, tx(1, 200));
    pool.add(id(tx(2, 250)), ALICE, tx(2, 250));
    pool.add(id(tx(3, 50)), BOB, tx(3, 50));
    List<byte[]> batch = pool.reap(10, 260);
    assertEquals(2, batch.size(), "200 fits, 250 does not, 50 still does");
    assertEquals(1, pool.reap(1, 1000).size());
  }

  @Test
  void aFullMempoolRefusesInsteadOfEvicting() {
    for (int i = 0; i < 5; i++) {
      byte[] t = tx(i, 10);
      pool.add(id(t), new byte[] {(byte) i}, t);
    }
    byte[] extra = tx(99, 10);
    assertEquals(Admission.MEMPOOL_FULL, pool.add(id(extra), BOB, extra));
    assertEquals(5, pool.size());
  }

  @Test
  void theByteBoundIsAlsoAFullMempool() {
    Mempool small = new Mempool(new MempoolLimits(100, 500, 100, 300, 10));
    assertEquals(Admission.ACCEPTED, small.add(id(tx(1, 300)), ALICE, tx(1, 300)));
    assertEquals(Admission.MEMPOOL_FULL, small.add(id(tx(2, 250)), BOB, tx(2, 250)));
  }

  @Test
  void oneSenderCannotCrowdOutTheOthers() {
    for (int i = 0; i < 3; i++) {
      assertEquals(Admission.ACCEPTED, pool.add(id(tx(i, 10)), ALICE, tx(i, 10)));
    }
    assertEquals(Admission.SENDER_LIMIT, pool.add(id(tx(7, 10)), ALICE, tx(7, 10)));
    assertEquals(Admission.ACCEPTED, pool.add(id(tx(8, 10)), BOB, tx(8, 10)));
  }

  @Test
  void anOversizedTransactionIsRefused() {
    assertEquals(Admission.TOO_LARGE, pool.add(id(tx(1, 301)), ALICE, tx(1, 301)));
  }

  @Test
  void committedTransactionsLeaveAndCannotComeBack() {
    byte[] a = tx(1, 10);
    pool.add(id(a), ALICE, a);
    pool.committed(List.of(id(a)));
    assertEquals(0, pool.size());
    assertEquals(0, pool.bytes());
    assertEquals(Admission.ALREADY_COMMITTED, pool.add(id(a), ALICE, a));
    // The sender's slot is free again.
    for (int i = 10; i < 13; i++) {
      assertEquals(Admission.ACCEPTED, pool.add(id(tx(i, 10)), ALICE, tx(i, 10)));
    }
  }

  @Test
  void recheckDropsWhatTheNewStateInvalidates() {
    pool.add(id(tx(1, 10)), ALICE, tx(1, 10));
    pool.add(id(tx(2, 10)), BOB, tx(2, 10));
    assertEquals(1, pool.recheck(t -> t[0] != 1));
    assertEquals(1, pool.size());
    assertEquals(Admission.ACCEPTED, pool.add(id(tx(3, 10)), ALICE, tx(3, 10)));
  }

  @Test
  void aBoundedRecheckChecksOnlyTheOldestAndLeavesTheRest() {
    pool.add(id(tx(1, 10)), ALICE, tx(1, 10));
    pool.add(id(tx(2, 10)), BOB, tx(2, 10));
    pool.add(id(tx(3, 10)), new byte[] {3}, tx(3, 10));
    java.util.List<Integer> checked = new java.util.ArrayList<>();
    assertEquals(
        1,
        pool.recheck(
            t -> {
              checked.add((int) t[0]);
              return t[0] != 1;
            },
            2));
    assertEquals(java.util.List.of(1, 2), checked);
    assertEquals(2, pool.size());
    // The third was not looked at, so it stays until it comes forward.
    assertEquals(1, pool.recheck(t -> t[0] != 3, 2));
    assertEquals(1, pool.size());
  }

  @Test
  void aRecheckDoesNotHoldOffSubmissionsWhileItChecks() throws Exception {
    pool.add(id(tx(1, 10)), ALICE, tx(1, 10));
    java.util.concurrent.ExecutorService other =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      int dropped =
          pool.recheck(
              t -> {
                // A gateway adds while the check runs; with the lock held this would deadlock.
                try {
                  assertEquals(
                      Admission.ACCEPTED,
                      other
                          .submit(() -> pool.add(id(tx(2, 10)), BOB, tx(2, 10)))
                          .get(30, java.util.concurrent.TimeUnit.SECONDS));
                } catch (Exception e) {
                  throw new AssertionError("add blocked during the recheck", e);
                }
                return false;
              });
      assertEquals(1, dropped);
      // The transaction added during the recheck was not in its snapshot, so it stays.
      assertEquals(1, pool.size());
      assertTrue(pool.contains(id(tx(2, 10))));
    } finally {
      other.shutdownNow();
    }
  }
}

package io.votechain.store;

import static io.votechain.store.LedgerStoreConformance.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommittedStateCacheTest {
  private final CommittedStateCache cache =
      new CommittedStateCache(new CommittedStateCache.Limits(1_000, 1_000_000, 1_000));

  private long ticket(byte[] key) {
    return assertInstanceOf(CommittedStateCache.Miss.class, cache.lookup(key)).ticket();
  }

  private Optional<byte[]> hit(byte[] key) {
    return assertInstanceOf(CommittedStateCache.Hit.class, cache.lookup(key)).value();
  }

  @Test
  void anAbsentKeyIsRememberedAsAbsent() {
    byte[] key = utf8("ballot/e/b1");
    assertTrue(cache.fill(key, Optional.empty(), ticket(key)));
    assertEquals(Optional.empty(), hit(key));
  }

  @Test
  void aCommitReplacesCachedValuesAndAbsencesWithWhatItWrote() {
    byte[] present = utf8("aggregate/e");
    byte[] absent = utf8("ballot/e/b1");
    byte[] deleted = utf8("lock/e");
    cache.fill(present, Optional.of(utf8("old")), ticket(present));
    cache.fill(absent, Optional.empty(), ticket(absent));
    cache.fill(deleted, Optional.of(utf8("held")), ticket(deleted));
    commit(
        cache,
        List.of(
            StateWrite.put(present, utf8("new")),
            StateWrite.put(absent, utf8("cast")),
            StateWrite.delete(deleted)));
    assertArrayEquals(utf8("new"), hit(present).orElseThrow());
    assertArrayEquals(utf8("cast"), hit(absent).orElseThrow());
    assertEquals(Optional.empty(), hit(deleted));
  }

  @Test
  void aCommitAlsoCachesKeysNobodyHadReadYet() {
    commit(cache, List.of(StateWrite.put(utf8("receipt/t1"), utf8("ok"))));
    assertArrayEquals(utf8("ok"), hit(utf8("receipt/t1")).orElseThrow());
  }

  @Test
  void aReadThatOverlapsTheStartOfACommitIsNotKept() {
    byte[] key = utf8("aggregate/e");
    long before = ticket(key); // the read asked the store before the commit began …
    commit(cache, List.of(StateWrite.put(key, utf8("new"))));
    // … and its answer (the old value) arrives after the commit: it must not replace "new".
    assertFalse(cache.fill(key, Optional.of(utf8("old")), before));
    assertArrayEquals(utf8("new"), hit(key).orElseThrow());
  }

  @Test
  void aReadDuringACommitOfItsKeyIsAnsweredByTheStoreButNotKept() {
    byte[] key = utf8("ballot/e/b1");
    List<StateWrite> writes = List.of(StateWrite.put(key, utf8("cast")));
    cache.commitStarted(writes);
    long during = ticket(key);
    assertEquals(CommittedStateCache.NO_FILL, during);
    // The store may already show the new value (Cassandra between its steps 2 and 3) or not yet.
    assertFalse(cache.fill(key, Optional.of(utf8("cast")), during));
    assertFalse(cache.fill(key, Optional.empty(), during));
    assertInstanceOf(CommittedStateCache.Miss.class, cache.lookup(key));
    cache.commitApplied(writes);
    assertArrayEquals(utf8("cast"), hit(key).orElseThrow());
  }

  @Test
  void aReadOfAKeyThatTheCommitInFlightDoesNotWriteIsKept() {
    byte[] key = utf8("ballot/e/b2");
    List<StateWrite> writes = List.of(StateWrite.put(utf8("ballot/e/b1"), utf8("cast")));
    long before = ticket(key);
    cache.commitStarted(writes);
    long during = ticket(utf8("roll/e/v2"));
    // Neither key changes in this commit: the store's answer is the committed value.
    assertTrue(cache.fill(key, Optional.empty(), before));
    assertTrue(cache.fill(utf8("roll/e/v2"), Optional.of(utf8("eligible")), during));
    cache.commitApplied(writes);
    assertEquals(Optional.empty(), hit(key));
    assertArrayEquals(utf8("eligible"), hit(utf8("roll/e/v2")).orElseThrow());
  }

  @Test
  void oneReadAtATimeFillsAKeyAndAFailedReadLetsTheNextOneFill() {
    byte[] key = utf8("ballot/e/b1");
    long first = ticket(key);
    assertEquals(CommittedStateCache.NO_FILL, ticket(key));
    cache.abandon(key, first);
    long next = ticket(key);
    assertFalse(cache.fill(key, Optional.empty(), first));
    assertTrue(cache.fill(key, Optional.empty(), next));
    assertEquals(Optional.empty(), hit(key));
  }

  @Test
  void hitsDuringACommitServeThePreviousCommittedValueUntilTheCommitIsApplied() {
    byte[] key = utf8("aggregate/e");
    cache.fill(key, Optional.of(utf8("h1")), ticket(key));
    List<StateWrite> writes = List.of(StateWrite.put(key, utf8("h2")));
    cache.commitStarted(writes);
    assertArrayEquals(utf8("h1"), hit(key).orElseThrow());
    cache.commitApplied(writes);
    assertArrayEquals(utf8("h2"), hit(key).orElseThrow());
  }

  @Test
  void aCommitThatWasNotAppliedForgetsItsKeysInsteadOfGuessing() {
    byte[] key = utf8("aggregate/e");
    cache.fill(key, Optional.of(utf8("h1")), ticket(key));
    List<StateWrite> writes = List.of(StateWrite.put(key, utf8("h2")));
    cache.commitStarted(writes);
    cache.commitNotApplied(writes);
    assertInstanceOf(CommittedStateCache.Miss.class, cache.lookup(key));
    assertEquals(0, cache.stats().entries());
    assertEquals(0, cache.stats().bytes());
  }

  @Test
  void callersCannotChangeCachedValuesThroughTheArraysTheyHold() {
    byte[] key = utf8("k");
    byte[] value = utf8("value");
    cache.fill(key, Optional.of(value), ticket(key));
    value[0] = 'X';
    key[0] = 'X';
    byte[] read = hit(utf8("k")).orElseThrow();
    read[1] = 'Y';
    assertArrayEquals(utf8("value"), hit(utf8("k")).orElseThrow());
  }

  @Test
  void theLeastRecentlyUsedEntriesGoFirstAndTheEntryBoundHolds() {
    CommittedStateCache small =
        new CommittedStateCache(new CommittedStateCache.Limits(3, 1_000_000, 1_000));
    for (String k : List.of("a", "b", "c")) {
      small.fill(utf8(k), Optional.empty(), missTicket(small, utf8(k)));
    }
    small.lookup(utf8("a")); // "b" is now the least recently used
    small.fill(utf8("d"), Optional.empty(), missTicket(small, utf8("d")));
    assertEquals(3, small.stats().entries());
    assertEquals(1, small.stats().evictions());
    assertInstanceOf(CommittedStateCache.Miss.class, small.lookup(utf8("b")));
    for (String k : List.of("a", "c", "d")) {
      assertInstanceOf(CommittedStateCache.Hit.class, small.lookup(utf8(k)), k);
    }
  }

  @Test
  void theByteBoundHoldsAndCountsKeysValuesAndOverhead() {
    long perEntry = 1 + 100 + CommittedStateCache.ENTRY_OVERHEAD_BYTES;
    CommittedStateCache small =
        new CommittedStateCache(new CommittedStateCache.Limits(1_000, 3 * perEntry, 1_000));
    for (int i = 0; i < 10; i++) {
      byte[] key = {(byte) ('a' + i)};
      commit(small, List.of(StateWrite.put(key, new byte[100])));
      assertTrue(small.stats().bytes() <= 3 * perEntry);
    }
    assertEquals(3, small.stats().entries());
    assertEquals(3 * perEntry, small.stats().bytes());
    assertInstanceOf(CommittedStateCache.Hit.class, small.lookup(new byte[] {'j'}));
    assertInstanceOf(CommittedStateCache.Miss.class, small.lookup(new byte[] {'a'}));
  }

  @Test
  void aValueAboveTheValueBoundIsPassedThroughAndReplacesNoStaleEntry() {
    byte[] key = utf8("manifest/e");
    cache.fill(key, Optional.of(utf8("small")), ticket(key));
    commit(cache, List.of(StateWrite.put(key, new byte[1_001])));
    // Not kept, and the old small value must not survive either.
    assertInstanceOf(CommittedStateCache.Miss.class, cache.lookup(key));
    assertEquals(0, cache.stats().bytes());
  }

  @Test
  void limitsMustBePositive() {
    assertThrows(
        IllegalArgumentException.class, () -> new CommittedStateCache.Limits(0, 1_000_000, 1));
    assertThrows(IllegalArgumentException.class, () -> new CommittedStateCache.Limits(1, 1, 1));
  }

  private static void commit(CommittedStateCache c, List<StateWrite> writes) {
    c.commitStarted(writes);
    c.commitApplied(writes);
  }

  private static long missTicket(CommittedStateCache c, byte[] key) {
    return assertInstanceOf(CommittedStateCache.Miss.class, c.lookup(key)).ticket();
  }
}

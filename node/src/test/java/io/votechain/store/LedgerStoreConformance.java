package io.votechain.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LedgerStore} must have. A subclass says how to open a fresh store and
 * how to reopen the same one (a restart); the crash cases are in each store's own tests because
 * they need to interrupt a commit in a store-specific way.
 */
public abstract class LedgerStoreConformance {
  protected LedgerStore store;

  /** A new, empty store. */
  protected abstract LedgerStore openFresh();

  /** The same store as the last {@link #openFresh()}, opened again after {@code close()}. */
  protected abstract LedgerStore reopen();

  @BeforeEach
  void open() {
    store = openFresh();
  }

  @AfterEach
  void close() {
    store.close();
  }

  protected static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A block at {@code height} whose writes are deterministic in (height, variant). */
  public static BlockCommit block(long height, int variant) {
    Random random = new Random(height * 1_000 + variant);
    byte[] body = new byte[64 + random.nextInt(256)];
    random.nextBytes(body);
    List<Hash32> txs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      txs.add(Sha256.hash(utf8("tx " + height + "/" + i + "/" + variant)));
    }
    List<StateWrite> writes =
        new ArrayList<>(
            List.of(
                StateWrite.put(utf8("counter"), utf8(Long.toString(height))),
                StateWrite.put(utf8("h/" + height), utf8("variant " + variant)),
                StateWrite.delete(utf8("h/" + (height - 1) + "/tmp")),
                StateWrite.put(utf8("h/" + height + "/tmp"), new byte[] {1})));
    writes.sort((a, b) -> java.util.Arrays.compareUnsigned(a.key(), b.key()));
    return new BlockCommit(
        height,
        Sha256.hash(body),
        body,
        utf8("certificate " + height),
        txs,
        writes,
        Sha256.hash(utf8("state " + height + "/" + variant)));
  }

  @Test
  void anEmptyStoreIsAtHeightZeroAndFindsNothing() {
    assertEquals(0L, await(store.latestHeight()));
    assertEquals(Optional.empty(), await(store.blockAt(1)));
    assertEquals(Optional.empty(), await(store.blockByHash(Hash32.ZERO)));
    assertEquals(Optional.empty(), await(store.transaction(Hash32.ZERO)));
    assertEquals(Optional.empty(), await(store.state(utf8("counter"))));
  }

  @Test
  void aCommittedBlockIsReadableByHeightByHashAndThroughItsTransactionsAndState() {
    BlockCommit one = block(1, 0);
    await(store.commit(one));
    assertEquals(1L, await(store.latestHeight()));
    assertEquals(Optional.of(one.storedBlock()), await(store.blockAt(1)));
    assertEquals(Optional.of(one.storedBlock()), await(store.blockByHash(one.blockHash())));
    assertEquals(
        Optional.of(new TxLocation(one.transactionIds().get(2), 1, 2)),
        await(store.transaction(one.transactionIds().get(2))));
    assertArrayEquals(utf8("1"), await(store.state(utf8("counter"))).orElseThrow());
    assertArrayEquals(utf8("variant 0"), await(store.state(utf8("h/1"))).orElseThrow());
  }

  @Test
  void laterBlocksOverwriteAndDeleteState() {
    await(store.commit(block(1, 0)));
    await(store.commit(block(2, 0)));
    assertArrayEquals(utf8("2"), await(store.state(utf8("counter"))).orElseThrow());
    assertEquals(Optional.empty(), await(store.state(utf8("h/1/tmp"))));
    assertTrue(await(store.state(utf8("h/2/tmp"))).isPresent());
  }

  @Test
  void aCommitThatSkipsAHeightIsRefused() {
    await(store.commit(block(1, 0)));
    StoreException e = assertThrows(StoreException.class, () -> await(store.commit(block(3, 0))));
    assertEquals(StoreException.Reason.OUT_OF_ORDER, e.reason());
    assertEquals(1L, await(store.latestHeight()));
    assertEquals(Optional.empty(), await(store.state(utf8("h/3"))));
  }

  @Test
  void anotherBlockAtACommittedHeightIsAConflict() {
    await(store.commit(block(1, 0)));
    StoreException e = assertThrows(StoreException.class, () -> await(store.commit(block(1, 1))));
    assertEquals(StoreException.Reason.CONFLICT, e.reason());
    assertArrayEquals(utf8("variant 0"), await(store.state(utf8("h/1"))).orElseThrow());
  }

  @Test
  void anOlderHeightIsRefusedAndTheSameBlockAgainIsANoOp() {
    await(store.commit(block(1, 0)));
    await(store.commit(block(2, 0)));
    await(store.commit(block(2, 0)));
    StoreException e = assertThrows(StoreException.class, () -> await(store.commit(block(1, 0))));
    assertEquals(StoreException.Reason.OUT_OF_ORDER, e.reason());
    assertEquals(2L, await(store.latestHeight()));
  }

  @Test
  void everythingSurvivesARestart() {
    for (long h = 1; h <= 5; h++) {
      await(store.commit(block(h, 0)));
    }
    store.close();
    store = reopen();
    assertEquals(5L, await(store.latestHeight()));
    for (long h = 1; h <= 5; h++) {
      assertEquals(Optional.of(block(h, 0).storedBlock()), await(store.blockAt(h)));
    }
    assertArrayEquals(utf8("5"), await(store.state(utf8("counter"))).orElseThrow());
    await(store.commit(block(6, 0)));
    assertEquals(6L, await(store.latestHeight()));
  }

  @Test
  void aFolderListsItsDirectEntriesInKeyOrderAndFollowsDeletes() {
    List<StateWrite> writes =
        new ArrayList<>(
            List.of(
                StateWrite.put(utf8("e/1/d/0002"), utf8("b")),
                StateWrite.put(utf8("e/1/d/0001"), utf8("a")),
                StateWrite.put(utf8("e/1/d/0003/deeper"), utf8("not direct")),
                StateWrite.put(utf8("e/1/dd"), utf8("sibling")),
                StateWrite.put(utf8("e/2/d/0001"), utf8("other election"))));
    commitStateWrites(1, writes);
    List<StateEntry> folder = await(store.stateFolder(utf8("e/1/d/")));
    assertEquals(
        List.of(
            new StateEntry(utf8("e/1/d/0001"), utf8("a")),
            new StateEntry(utf8("e/1/d/0002"), utf8("b"))),
        folder);
    commitStateWrites(2, List.of(StateWrite.delete(utf8("e/1/d/0001"))));
    assertEquals(
        List.of(new StateEntry(utf8("e/1/d/0002"), utf8("b"))),
        await(store.stateFolder(utf8("e/1/d/"))));
    assertThrows(IllegalArgumentException.class, () -> await(store.stateFolder(utf8("e/1/d"))));
  }

  /**
   * Names that sort just before ({@code '-'}, {@code '.'}) and just after ({@code '0'}) the {@code
   * '/'} that opens a sub-folder: a store that skips a sub-folder's keys in one jump must land on
   * the next direct entry, not past it.
   */
  @Test
  void aFolderBesideItsSubFoldersListsEveryDirectEntryWholeAndPaged() {
    List<StateWrite> writes = new ArrayList<>();
    for (String key :
        List.of(
            "f/a",
            "f/a-x",
            "f/a.x",
            "f/a/1",
            "f/a/2/deep",
            "f/a0",
            "f/b/only/sub",
            "f/c",
            "f/c/1",
            "f/d",
            "g/a")) {
      writes.add(StateWrite.put(utf8(key), utf8("v:" + key)));
    }
    for (int i = 0; i < 300; i++) {
      writes.add(StateWrite.put(utf8(String.format("f/a/bulk/%03d", i)), utf8("deep")));
    }
    commitStateWrites(1, writes);
    List<StateEntry> expected = new ArrayList<>();
    for (String key : List.of("f/a", "f/a-x", "f/a.x", "f/a0", "f/c", "f/d")) {
      expected.add(new StateEntry(utf8(key), utf8("v:" + key)));
    }
    assertEquals(expected, await(store.stateFolder(utf8("f/"))));

    List<StateEntry> paged = new ArrayList<>();
    byte[] after = new byte[0];
    for (List<StateEntry> page = await(store.stateFolderPage(utf8("f/"), after, 2));
        !page.isEmpty();
        page = await(store.stateFolderPage(utf8("f/"), after, 2))) {
      paged.addAll(page);
      after = page.get(page.size() - 1).key();
    }
    assertEquals(expected, paged);
    // Resuming from inside a sub-folder continues after it.
    assertEquals(
        List.of(new StateEntry(utf8("f/a0"), utf8("v:f/a0"))),
        await(store.stateFolderPage(utf8("f/"), utf8("f/a/1"), 1)));
  }

  @Test
  void aLargeFolderWrittenInOneBlockListsEveryEntryAndFollowsMixedPutsAndDeletes() {
    // Several hundred entries of one folder in one block, as a voter roll's import writes them: a
    // store may group them (Cassandra batches each folder's entries), and none may be lost.
    List<StateWrite> first = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      first.add(StateWrite.put(utf8(String.format("e/1/roll/%064d", i)), utf8("v" + i)));
    }
    first.add(StateWrite.put(utf8("e/1/counted"), utf8("300")));
    commitStateWrites(1, first);
    List<StateEntry> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      expected.add(new StateEntry(utf8(String.format("e/1/roll/%064d", i)), utf8("v" + i)));
    }
    assertEquals(expected, await(store.stateFolder(utf8("e/1/roll/"))));

    List<StateWrite> second = new ArrayList<>();
    for (int i = 0; i < 300; i += 3) {
      second.add(StateWrite.delete(utf8(String.format("e/1/roll/%064d", i))));
    }
    for (int i = 300; i < 400; i++) {
      second.add(StateWrite.put(utf8(String.format("e/1/roll/%064d", i)), utf8("v" + i)));
    }
    commitStateWrites(2, second);
    expected.clear();
    for (int i = 0; i < 400; i++) {
      if (i >= 300 || i % 3 != 0) {
        expected.add(new StateEntry(utf8(String.format("e/1/roll/%064d", i)), utf8("v" + i)));
      }
    }
    assertEquals(expected, await(store.stateFolder(utf8("e/1/roll/"))));
    assertEquals(
        List.of(new StateEntry(utf8("e/1/counted"), utf8("300"))),
        await(store.stateFolder(utf8("e/1/"))));
  }

  @Test
  void aFolderAboveTheListingLimitFailsAsTooLargeRatherThanBeTruncated() {
    // Written over ten blocks: one block of 10 001 writes is a burst
    // a loaded one-node test Cassandra may not absorb within the driver's request timeout.
    int entries = LedgerStore.MAX_FOLDER_ENTRIES + 1;
    for (int block = 0; block < 10; block++) {
      List<StateWrite> writes = new ArrayList<>();
      for (int i = block; i < entries; i += 10) {
        writes.add(StateWrite.put(utf8(String.format("election/e1/turnout/%06d", i)), utf8("s")));
      }
      commitStateWrites(block + 1, writes);
    }
    StoreException e =
        assertThrows(
            StoreException.class, () -> await(store.stateFolder(utf8("election/e1/turnout/"))));
    assertEquals(StoreException.Reason.TOO_LARGE, e.reason());

    // Page by page, the whole folder is read, each entry once.
    byte[] folder = utf8("election/e1/turnout/");
    List<StateEntry> first = await(store.stateFolderPage(folder, new byte[0], 10_000));
    assertEquals(10_000, first.size());
    List<StateEntry> rest =
        await(store.stateFolderPage(folder, first.get(first.size() - 1).key(), 10_000));
    assertEquals(
        List.of(new StateEntry(utf8(String.format("election/e1/turnout/%06d", 10_000)), utf8("s"))),
        rest);
  }

  @Test
  void aFolderIsReadPageByPageInKeyOrderEachEntryOnce() {
    List<StateWrite> writes = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      writes.add(StateWrite.put(utf8(String.format("device/id/k%02d", i)), utf8("d" + i)));
    }
    writes.add(StateWrite.put(utf8("device/id/k05/deeper"), utf8("not direct")));
    writes.add(StateWrite.put(utf8("device/idle"), utf8("sibling")));
    writes.add(StateWrite.put(utf8("device/key/00"), utf8("another folder")));
    commitStateWrites(1, writes);
    byte[] folder = utf8("device/id/");

    List<StateEntry> read = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    byte[] after = new byte[0];
    while (true) {
      List<StateEntry> page = await(store.stateFolderPage(folder, after, 10));
      if (page.isEmpty()) {
        break;
      }
      sizes.add(page.size());
      read.addAll(page);
      after = page.get(page.size() - 1).key();
      if (read.size() == 10) {
        // Between two pages: one entry already read is deleted, one not yet read is added.
        commitStateWrites(
            2,
            List.of(
                StateWrite.delete(utf8("device/id/k03")),
                StateWrite.put(utf8("device/id/k20a"), utf8("late"))));
      }
    }
    assertEquals(List.of(10, 10, 6), sizes);
    List<StateEntry> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      expected.add(new StateEntry(utf8(String.format("device/id/k%02d", i)), utf8("d" + i)));
      if (i == 20) {
        expected.add(new StateEntry(utf8("device/id/k20a"), utf8("late")));
      }
    }
    assertEquals(expected, read);
    // Resuming from a key that is not in the folder, or before it, starts where it sorts.
    assertEquals(
        List.of(new StateEntry(utf8("device/id/k10"), utf8("d10"))),
        await(store.stateFolderPage(folder, utf8("device/id/k09z"), 1)));
    assertEquals(
        List.of(new StateEntry(utf8("device/id/k00"), utf8("d0"))),
        await(store.stateFolderPage(folder, utf8("a"), 1)));
    assertEquals(List.of(), await(store.stateFolderPage(folder, utf8("device/id/z"), 10)));

    assertThrows(
        IllegalArgumentException.class, () -> await(store.stateFolderPage(folder, new byte[0], 0)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            await(store.stateFolderPage(folder, new byte[0], LedgerStore.MAX_FOLDER_ENTRIES + 1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> await(store.stateFolderPage(utf8("device/id"), new byte[0], 10)));
    assertThrows(
        IllegalArgumentException.class,
        () -> await(store.stateFolderPage(utf8("election/e1/ballot/"), new byte[0], 10)));
  }

  @Test
  void aFolderWithOneKeyPerBallotOrVoterIsReadByKeyAndNeverListed() {
    // A store need not index these folders (Cassandra does not: they would be partitions growing
    // with the election), so both stores refuse to list them rather than answer an empty list.
    String ballot = "election/e1/ballot/" + "ab".repeat(32);
    String receipt = "tx/receipt/" + "cd".repeat(32);
    commitStateWrites(
        1,
        List.of(
            StateWrite.put(utf8(ballot), utf8("ballot")),
            StateWrite.put(utf8(receipt), utf8("receipt")),
            StateWrite.put(utf8("election/e1/vote/01"), utf8("v")),
            StateWrite.put(utf8("election/e1/turnout/s1"), utf8("t")),
            StateWrite.put(utf8("election/e1/counted"), utf8("1"))));
    assertArrayEquals(utf8("ballot"), await(store.state(utf8(ballot))).orElseThrow());
    assertArrayEquals(utf8("receipt"), await(store.state(utf8(receipt))).orElseThrow());
    assertArrayEquals(utf8("v"), await(store.state(utf8("election/e1/vote/01"))).orElseThrow());
    for (String unlisted :
        List.of(
            "election/e1/ballot/",
            "election/e1/ballot-tx/",
            "election/e1/vote/",
            "election/e1/roll/",
            "tx/receipt/",
            "nonce/")) {
      assertThrows(
          IllegalArgumentException.class, () -> await(store.stateFolder(utf8(unlisted))), unlisted);
    }
    assertEquals(
        List.of(new StateEntry(utf8("election/e1/turnout/s1"), utf8("t"))),
        await(store.stateFolder(utf8("election/e1/turnout/"))));
    assertEquals(
        List.of(new StateEntry(utf8("election/e1/counted"), utf8("1"))),
        await(store.stateFolder(utf8("election/e1/"))));

    commitStateWrites(2, List.of(StateWrite.delete(utf8(ballot))));
    assertEquals(Optional.empty(), await(store.state(utf8(ballot))));
  }

  /**
   * Commits a block at {@code height} with only these state writes, sorted as the store requires.
   */
  private void commitStateWrites(long height, List<StateWrite> writes) {
    List<StateWrite> sorted = new ArrayList<>(writes);
    sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a.key(), b.key()));
    Hash32 blockHash = height == 1 ? Hash32.ZERO : Sha256.hash(utf8(Long.toString(height)));
    await(
        store.commit(
            new BlockCommit(
                height, blockHash, new byte[1], new byte[1], List.of(), sorted, Hash32.ZERO)));
  }

  /** Opaque evidence bytes for the store (it never decodes them). */
  static StoredEvidence evidence(int i) {
    byte[] body = utf8("evidence " + i);
    return new StoredEvidence(Sha256.hash(body), body);
  }

  @Test
  void evidenceIsKeptOnceByHashListedInHashOrderAndSurvivesARestart() {
    List<StoredEvidence> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      StoredEvidence e = evidence(i);
      all.add(e);
      assertEquals(EvidenceInsert.ADDED, await(store.putEvidence(e.hash(), e.encoding())));
    }
    StoredEvidence first = all.get(0);
    assertEquals(
        EvidenceInsert.ALREADY_HELD, await(store.putEvidence(first.hash(), first.encoding())));
    all.sort((a, b) -> java.util.Arrays.compareUnsigned(a.hash().bytes(), b.hash().bytes()));
    assertEquals(all, await(store.evidenceList()));
    assertEquals(Optional.of(first), await(store.evidence(first.hash())));
    assertEquals(Optional.empty(), await(store.evidence(Sha256.hash(utf8("none")))));
    store.close();
    store = reopen();
    assertEquals(all, await(store.evidenceList()));
  }

  @Test
  void evidenceIsNotPartOfTheStateNorOfTheChain() {
    await(store.commit(block(1, 0)));
    StoredEvidence e = evidence(1);
    await(store.putEvidence(e.hash(), e.encoding()));
    assertEquals(1L, await(store.latestHeight()));
    assertEquals(Optional.empty(), await(store.state(e.hash().bytes())));
    await(store.commit(block(2, 0)));
    assertEquals(List.of(e), await(store.evidenceList()));
  }

  @Test
  void evidenceLargerThanTheBoundIsRefused() {
    byte[] big = new byte[LedgerStore.MAX_EVIDENCE_BYTES + 1];
    assertThrows(
        IllegalArgumentException.class, () -> await(store.putEvidence(Sha256.hash(big), big)));
    assertEquals(List.of(), await(store.evidenceList()));
  }

  @Test
  void largeBlocksRoundTrip() {
    byte[] body = new byte[3 * 1024 * 1024 + 17];
    new Random(5).nextBytes(body);
    BlockCommit big =
        new BlockCommit(
            1,
            Sha256.hash(body),
            body,
            utf8("cert"),
            List.of(),
            List.of(StateWrite.put(utf8("k"), new byte[100_000])),
            Hash32.ZERO);
    await(store.commit(big));
    StoredBlock read = await(store.blockAt(1)).orElseThrow();
    assertArrayEquals(body, read.block());
  }

  @Test
  void failuresArriveAsStoreExceptions() {
    await(store.commit(block(1, 0)));
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> store.commit(block(5, 0)).toCompletableFuture().join());
    assertInstanceOf(StoreException.class, e.getCause());
  }
}

package io.votechain.store.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.store.LedgerStore;
import io.votechain.store.StateWrite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FolderRunsTest {
  private static StateWrite put(String key) {
    return StateWrite.put(key.getBytes(StandardCharsets.US_ASCII), new byte[] {1});
  }

  private static List<String> keys(List<StateWrite> run) {
    return run.stream().map(w -> new String(w.key(), StandardCharsets.US_ASCII)).toList();
  }

  @Test
  void aRunEndsWhereTheFolderChangesAndAFolderInterruptedBySubFolderKeysHasTwoRuns() {
    List<StateWrite> writes =
        List.of(
            put("e/1/a"),
            put("e/1/b/x"),
            put("e/1/b/y"),
            StateWrite.delete("e/1/c".getBytes(StandardCharsets.US_ASCII)),
            put("n/1"));
    List<List<StateWrite>> runs = FolderRuns.of(writes, 4096);
    assertEquals(
        List.of(List.of("e/1/a"), List.of("e/1/b/x", "e/1/b/y"), List.of("e/1/c"), List.of("n/1")),
        runs.stream().map(FolderRunsTest::keys).toList());
    assertTrue(runs.get(2).get(0).isDelete(), "a deletion stays a deletion in its run");
  }

  @Test
  void aLargeFolderIsCutIntoRunsWithinTheBoundAndNothingIsLostOrRepeated() {
    List<StateWrite> writes = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      writes.add(put(String.format("election/E/turnout/%064d", i)));
    }
    List<List<StateWrite>> runs = FolderRuns.of(writes, 4096);
    int perEntry = writes.get(0).key().length + FolderRuns.ENTRY_OVERHEAD;
    assertEquals((500 + 4096 / perEntry - 1) / (4096 / perEntry), runs.size());
    List<StateWrite> rejoined = new ArrayList<>();
    for (List<StateWrite> run : runs) {
      assertTrue(run.size() * perEntry <= 4096, "a run stays within its bound");
      byte[] folder = LedgerStore.folderOf(run.get(0).key());
      assertTrue(run.stream().allMatch(w -> Arrays.equals(folder, LedgerStore.folderOf(w.key()))));
      rejoined.addAll(run);
    }
    assertEquals(writes, rejoined);
  }

  @Test
  void writesIntoFoldersThatAreNeverListedAreLeftOut() {
    List<StateWrite> writes =
        List.of(
            put("election/E/ballot/" + "a".repeat(64)),
            put("election/E/ballot-id/" + "b".repeat(64)),
            put("election/E/ballot-tx/" + "a".repeat(64)),
            put("election/E/counted"),
            put("election/E/roll/" + "c".repeat(64)),
            put("election/E/turnout/s1"),
            put("election/E/vote/" + "c".repeat(64)),
            put("nonce/" + "c".repeat(64)),
            put("tx/receipt/" + "d".repeat(64)));
    assertEquals(
        List.of(List.of("election/E/counted"), List.of("election/E/turnout/s1")),
        FolderRuns.of(writes, 4096).stream().map(FolderRunsTest::keys).toList());
  }

  @Test
  void anEntryLargerThanTheBoundIsARunOfItsOwn() {
    String big = "f/" + "k".repeat(200);
    List<List<StateWrite>> runs = FolderRuns.of(List.of(put("f/a"), put(big), put("f/z")), 100);
    assertEquals(
        List.of(List.of("f/a"), List.of(big), List.of("f/z")),
        runs.stream().map(FolderRunsTest::keys).toList());
  }

  @Test
  void noWritesNoRuns() {
    assertEquals(List.of(), FolderRuns.of(List.of(), 4096));
  }
}

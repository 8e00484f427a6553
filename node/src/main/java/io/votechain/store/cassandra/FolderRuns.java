package io.votechain.store.cassandra;

import io.votechain.store.LedgerStore;
import io.votechain.store.StateWrite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups a block's state writes into runs that share a folder, so that each run's folder entries
 * can go to Cassandra as one single-partition batch: one mutation and one commit-log entry instead
 * of one statement per key. A block's writes are sorted by key, so the keys of one folder are
 * mostly consecutive (a sub-folder's keys may sort between them, e.g. {@code e/1/a}, {@code
 * e/1/b/x}, {@code e/1/c}): a run ends where the folder changes, and a folder may have several
 * runs. A ballot's keys of one kind, the bulk of a block, are one run per folder.
 *
 * <p>Writes into a folder that is never listed ({@link LedgerStore#listable}: a ballot's, a
 * receipt's, a nonce's) are left out: their folders would otherwise be partitions that grow with
 * the election.
 *
 * <p>A run is also cut at {@code maxBytes} of folder entries, so that no batch reaches Cassandra's
 * {@code batch_size_warn_threshold} (5 KiB by default), whatever server the operator runs.
 */
final class FolderRuns {
  /** Bytes counted per entry beside its key: its share of the row's timestamps and headers. */
  static final int ENTRY_OVERHEAD = 16;

  private FolderRuns() {}

  static List<List<StateWrite>> of(List<StateWrite> sortedWrites, int maxBytes) {
    List<List<StateWrite>> runs = new ArrayList<>();
    List<StateWrite> run = new ArrayList<>();
    byte[] runFolder = null;
    int runBytes = 0;
    for (StateWrite w : sortedWrites) {
      byte[] folder = LedgerStore.folderOf(w.key());
      if (!LedgerStore.listable(folder)) {
        continue;
      }
      int bytes = w.key().length + ENTRY_OVERHEAD;
      boolean sameFolder = runFolder != null && Arrays.equals(runFolder, folder);
      if (!run.isEmpty() && (!sameFolder || runBytes + bytes > maxBytes)) {
        runs.add(List.copyOf(run));
        run.clear();
        runBytes = 0;
      }
      run.add(w);
      runFolder = folder;
      runBytes += bytes;
    }
    if (!run.isEmpty()) {
      runs.add(List.copyOf(run));
    }
    return runs;
  }
}

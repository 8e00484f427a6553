package io.votechain.api;

import io.votechain.crypto.hash.Hash32;
import io.votechain.state.StateKey;
import io.votechain.state.StateView;
import io.votechain.store.LedgerStore;
import io.votechain.store.StateEntry;
import io.votechain.store.StoreException;
import io.votechain.store.StoredBlock;
import io.votechain.store.TxLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Blocking reads of the committed ledger, for the API's own worker threads only (never an event
 * loop): the RocksDB store does its I/O on the calling thread and the Cassandra one completes on
 * driver threads, so waiting here is the one place either may block. A read that fails or outlasts
 * the timeout becomes {@link ApiError#STORE_UNAVAILABLE}.
 *
 * <p>Reads of one request are not a snapshot: a block may commit between two of them. Each answer
 * says the height it was read at, and every value read is a committed one.
 */
final class LedgerReads {
  private final LedgerStore store;
  private final long timeoutMillis;

  LedgerReads(LedgerStore store, long timeoutMillis) {
    this.store = store;
    this.timeoutMillis = timeoutMillis;
  }

  long latestHeight() {
    return await(store::latestHeight);
  }

  Optional<StoredBlock> block(long height) {
    return await(() -> store.blockAt(height));
  }

  Optional<TxLocation> transaction(Hash32 id) {
    return await(() -> store.transaction(id));
  }

  Optional<byte[]> state(StateKey key) {
    return await(() -> store.state(key.bytes()));
  }

  Optional<byte[]> state(String key) {
    return await(() -> store.state(key.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Equivocation evidence this validator holds (node-local, not committed state). */
  List<io.votechain.store.StoredEvidence> evidenceList() {
    return await(store::evidenceList);
  }

  Optional<io.votechain.store.StoredEvidence> evidence(Hash32 hash) {
    return await(() -> store.evidence(hash));
  }

  /** The entries directly inside {@code folder} (ending in '/'), ascending. */
  List<StateEntry> folder(String folder) {
    return await(() -> store.stateFolder(folder.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The most entries one page of a folder holds at the API: a bounded answer. */
  static final int MAX_PAGE = 1_000;

  /**
   * At most {@code limit} of the entries directly inside {@code folder} whose last segment sorts
   * after {@code after} (null for the first page).
   */
  io.votechain.store.FolderPage folderPage(String folder, String after, int limit) {
    byte[] from =
        after == null ? new byte[0] : (folder + after).getBytes(StandardCharsets.US_ASCII);
    return io.votechain.store.FolderPage.cut(
        await(
            () ->
                store.stateFolderPage(folder.getBytes(StandardCharsets.US_ASCII), from, limit + 1)),
        limit);
  }

  /**
   * The committed state as the contracts' read-only view, so that their own decoders ({@code
   * ElectionContract.manifest}, {@code Trustees.read}, ...) read it. Scans cover one folder level,
   * which is what those readers scan (docs/node.md §3).
   */
  StateView view() {
    return new StateView() {
      @Override
      public Optional<byte[]> get(StateKey key) {
        return state(key);
      }

      @Override
      public List<io.votechain.state.StateEntry> scan(String prefix) {
        List<io.votechain.state.StateEntry> out = new ArrayList<>();
        for (StateEntry e : folder(prefix)) {
          out.add(
              new io.votechain.state.StateEntry(
                  new StateKey(new String(e.key(), StandardCharsets.US_ASCII)), e.value()));
        }
        return out;
      }

      @Override
      public void put(StateKey key, byte[] value) {
        throw new UnsupportedOperationException("the API reads the committed state only");
      }

      @Override
      public void delete(StateKey key) {
        throw new UnsupportedOperationException("the API reads the committed state only");
      }
    };
  }

  /** Waits for a read; the RocksDB store may also throw from the call itself. */
  private <T> T await(Supplier<CompletionStage<T>> read) {
    try {
      return read.get().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (StoreException e) {
      throw new ApiException(ApiError.STORE_UNAVAILABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ApiError.STORE_UNAVAILABLE);
    } catch (TimeoutException e) {
      throw new ApiException(ApiError.STORE_UNAVAILABLE);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException) {
        throw new ApiException(ApiError.STORE_UNAVAILABLE);
      }
      throw new ApiException(ApiError.INTERNAL_ERROR);
    }
  }
}

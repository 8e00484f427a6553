package io.votechain.store;

import io.votechain.contract.StateKeys;
import io.votechain.crypto.hash.Hash32;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The validator's durable ledger: committed blocks (by height and by hash, with the certificate
 * that commits each), the transaction index, and the contracts' key-value state. Two
 * implementations pass one conformance suite: RocksDB (embedded, the default) and Cassandra.
 *
 * <p>Contract: {@link #commit} applies one {@link BlockCommit} all-or-nothing, only for height
 * {@code latestHeight() + 1}; re-committing the block already at the latest height is a no-op (a
 * restarted node may replay it); a different block at a committed height fails with {@code
 * CONFLICT}. Once the returned stage completes, the commit survives a crash of the process. Heights
 * start at 1; an empty store has latest height 0.
 *
 * <p>Threading: implementations are thread safe; the RocksDB one completes its stages on the
 * calling thread (blocking I/O, so call it from a worker), the Cassandra one on driver threads
 * (never block inside a callback). The consensus safety state is not here: it lives in a local
 * fsynced file ({@link SafetyStateFile}) whatever the store.
 */
public interface LedgerStore extends AutoCloseable {
  CompletionStage<Void> commit(BlockCommit commit);

  CompletionStage<Long> latestHeight();

  CompletionStage<Optional<StoredBlock>> blockAt(long height);

  CompletionStage<Optional<StoredBlock>> blockByHash(Hash32 hash);

  CompletionStage<Optional<TxLocation>> transaction(Hash32 transactionId);

  /** The current value of a state key, as of the latest committed block. */
  CompletionStage<Optional<byte[]>> state(byte[] key);

  /**
   * A hint that the state keys {@code keys} names are about to be read one after another: a store
   * whose reads are round trips may fetch them now, together, so that those reads are answered from
   * memory ({@link CachedLedgerStore}). Calls {@code keys} only if it does; the default, for a
   * store whose reads are local, does nothing. Completes when the fetch is over, failed reads
   * included (the reads that follow then go to the store and report the failure).
   */
  default CompletionStage<Void> prefetch(Supplier<List<byte[]>> keys) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * The entries directly inside a folder of the state: keys that are {@code folder} followed by one
   * more path segment (no further {@code '/'}), in ascending byte order. {@code folder} must end
   * with {@code '/'} and be {@link #listable}, else the stage fails with {@link
   * IllegalArgumentException}. Whole listings are of small sets (trustees, decryptions, proposals),
   * so at most {@link #MAX_FOLDER_ENTRIES} are returned; a larger folder fails with {@link
   * StoreException.Reason#TOO_LARGE} rather than be truncated. A folder that can grow past that
   * (stations' turnout, devices) is read with {@link #stateFolderPage}.
   */
  CompletionStage<java.util.List<StateEntry>> stateFolder(byte[] folder);

  int MAX_FOLDER_ENTRIES = 10_000;

  /**
   * One page of a folder of any size: at most {@code limit} (1 to {@link #MAX_FOLDER_ENTRIES}) of
   * the entries directly inside {@code folder} whose keys sort after {@code after} (bytewise,
   * unsigned; empty for the first page, else the last key of the previous page), in ascending
   * order. Pages are read at whatever height is committed when each is asked for, so a key added or
   * deleted between two pages may be seen or missed, but none is seen twice. {@code folder} must
   * end with {@code '/'} and be {@link #listable}, else the stage fails with {@link
   * IllegalArgumentException}, as it does for a limit out of range.
   */
  CompletionStage<java.util.List<StateEntry>> stateFolderPage(
      byte[] folder, byte[] after, int limit);

  /** Refuses a page size outside 1 to {@link #MAX_FOLDER_ENTRIES}. */
  static void requirePageLimit(int limit) {
    if (limit < 1 || limit > MAX_FOLDER_ENTRIES) {
      throw new IllegalArgumentException(
          "a page holds 1 to " + MAX_FOLDER_ENTRIES + " entries, not " + limit);
    }
  }

  /**
   * Evidence is kept until the operator deletes the store, so its amount is bounded: a Byzantine
   * validator can sign conflicting messages at every height, and each pair is new evidence. The
   * first {@value} pieces suffice to prove (and to punish) any offender; later ones are refused
   * with {@link EvidenceInsert#FULL}.
   */
  int MAX_EVIDENCE = 1_000;

  /** Two signed votes or two signed proposal headers are a few hundred bytes; this is ample. */
  int MAX_EVIDENCE_BYTES = 4_096;

  /**
   * Keeps verified equivocation evidence under its hash, durably once the stage completes
   * (docs/consensus.md §8). This is node-local data beside the ledger, not part of the state nor of
   * the state hash: validators learn of evidence at different times, so it must not make their
   * states differ. The store does not check the evidence; the caller verified it. Fails with {@link
   * IllegalArgumentException} for an encoding over {@link #MAX_EVIDENCE_BYTES}.
   */
  CompletionStage<EvidenceInsert> putEvidence(Hash32 hash, byte[] encoding);

  /** The evidence stored under {@code hash}, if any. */
  CompletionStage<Optional<StoredEvidence>> evidence(Hash32 hash);

  /** All stored evidence (at most {@link #MAX_EVIDENCE}), in ascending order of hash bytes. */
  CompletionStage<java.util.List<StoredEvidence>> evidenceList();

  /**
   * Whether a folder may be listed: all but the folders with one key per ballot, transaction, block
   * or voter ({@code StateKeys.listable}), which no one lists and which a store need not index.
   */
  static boolean listable(byte[] folder) {
    return StateKeys.listable(new String(folder, java.nio.charset.StandardCharsets.US_ASCII));
  }

  /**
   * Refuses what {@link #stateFolder} and {@link #stateFolderPage} cannot list: a folder that does
   * not end with {@code '/'}, or one that is not {@link #listable}. Both stores refuse the latter
   * alike, though RocksDB could list it, so that a node answers the same whatever its store.
   */
  static void requireListableFolder(byte[] folder) {
    if (folder.length == 0 || folder[folder.length - 1] != '/') {
      throw new IllegalArgumentException("a folder ends with '/'");
    }
    if (!listable(folder)) {
      throw new IllegalArgumentException("folder not listed");
    }
  }

  /** The folder of a state key: the bytes up to and including its last {@code '/'}. */
  static byte[] folderOf(byte[] key) {
    for (int i = key.length - 1; i >= 0; i--) {
      if (key[i] == '/') {
        return java.util.Arrays.copyOf(key, i + 1);
      }
    }
    return new byte[0];
  }

  @Override
  void close();
}

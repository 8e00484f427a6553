package io.votechain.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.EncodingException;
import io.votechain.store.BlockCommit;
import io.votechain.store.LedgerStore;
import io.votechain.store.StateWrite;
import io.votechain.store.StoreException;
import io.votechain.store.StoredBlock;
import io.votechain.store.TxLocation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The ledger on Apache Cassandra, through the Java driver's async API and prepared statements.
 *
 * <p>Cassandra has no multi-partition transactions, so a commit is made all-or-nothing with a redo
 * record (docs/storage.md §3): (1) the whole {@link BlockCommit}, canonically encoded, is written
 * in chunks to {@code redo_chunks} beside a {@code redo_head} row carrying the chunk count and
 * SHA-256, and counts only when whole; (2) the block, transaction index and state rows are written
 * — every write is an absolute value, so writing twice is harmless — together with {@code
 * meta.latest_height}, the commit point; (3) the redo record is deleted. On open, the committed
 * height's redo record, if still whole, is applied again (the commit point may have landed before
 * some rows), a whole record for the next height is applied and advances the commit point, and a
 * torn one is discarded, so a crash at any step leaves the store at height h or h+1, never between.
 *
 * <p>A block is its own partition (split into chunks of at most {@link #CHUNK_BYTES}), a
 * transaction id and a state key are theirs. A state folder's index ({@code state_folders}) is one
 * partition per folder, which grows with the folder; the folders with one key per ballot,
 * transaction or block are not indexed (docs/storage.md §3).
 *
 * <p>One writer per keyspace (the validator that owns it); reads are thread safe. Stages complete
 * on driver threads.
 */
public final class CassandraLedgerStore implements LedgerStore {
  /**
   * Below Cassandra's mutation size limit (half a 32 MiB commit-log segment) with room to spare.
   */
  static final int CHUNK_BYTES = 512 * 1024;

  /**
   * Statements in flight at once during a commit, or when a folder's values are read (a sliding
   * window, {@link RequestWindow}), well below the driver's per-connection limit.
   */
  private static final int REQUEST_WINDOW = 128;

  /**
   * A folder batch's bound ({@link FolderRuns}): below Cassandra's default 5 KiB batch warning, so
   * about 40 ballots' entries of one folder per statement.
   */
  static final int FOLDER_BATCH_BYTES = 4 * 1024;

  private final CqlSession session;
  private final DefaultConsistencyLevel writeLevel;
  private final DefaultConsistencyLevel readLevel;
  private final AtomicLong latest = new AtomicLong();
  private final Object commitLock = new Object();
  private CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);

  private final PreparedStatement insertRedoChunk;
  private final PreparedStatement insertRedoHead;
  private final PreparedStatement selectRedoHead;
  private final PreparedStatement selectRedoChunks;
  private final PreparedStatement deleteRedoChunks;
  private final PreparedStatement deleteRedoHead;
  private final PreparedStatement insertBlock;
  private final PreparedStatement insertBlockChunk;
  private final PreparedStatement selectBlock;
  private final PreparedStatement selectBlockChunks;
  private final PreparedStatement insertBlockHash;
  private final PreparedStatement selectBlockHash;
  private final PreparedStatement insertTransaction;
  private final PreparedStatement selectTransaction;
  private final PreparedStatement insertState;
  private final PreparedStatement deleteState;
  private final PreparedStatement selectState;
  private final PreparedStatement insertFolderEntry;
  private final PreparedStatement deleteFolderEntry;
  private final PreparedStatement selectFolder;
  private final PreparedStatement selectFolderPage;
  private final PreparedStatement updateLatest;
  private final PreparedStatement insertEvidence;
  private final PreparedStatement selectEvidence;
  private final PreparedStatement selectAllEvidence;
  private final PreparedStatement selectLatest;

  private CassandraLedgerStore(CqlSession session, CassandraStoreConfig config) {
    this.session = session;
    this.writeLevel = DefaultConsistencyLevel.valueOf(config.writeConsistency());
    this.readLevel = DefaultConsistencyLevel.valueOf(config.readConsistency());
    String ks = config.keyspace() + ".";
    insertRedoChunk =
        session.prepare("INSERT INTO " + ks + "redo_chunks (height, chunk, data) VALUES (?, ?, ?)");
    insertRedoHead =
        session.prepare(
            "INSERT INTO " + ks + "redo_head (height, chunks, digest) VALUES (?, ?, ?)");
    selectRedoHead =
        session.prepare("SELECT chunks, digest FROM " + ks + "redo_head WHERE height = ?");
    selectRedoChunks =
        session.prepare("SELECT chunk, data FROM " + ks + "redo_chunks WHERE height = ?");
    deleteRedoChunks = session.prepare("DELETE FROM " + ks + "redo_chunks WHERE height = ?");
    deleteRedoHead = session.prepare("DELETE FROM " + ks + "redo_head WHERE height = ?");
    insertBlock =
        session.prepare(
            "INSERT INTO "
                + ks
                + "blocks (height, hash, certificate, state_hash, chunks) VALUES (?, ?, ?, ?, ?)");
    insertBlockChunk =
        session.prepare(
            "INSERT INTO " + ks + "block_chunks (height, chunk, data) VALUES (?, ?, ?)");
    selectBlock =
        session.prepare(
            "SELECT hash, certificate, state_hash, chunks FROM " + ks + "blocks WHERE height = ?");
    selectBlockChunks =
        session.prepare("SELECT chunk, data FROM " + ks + "block_chunks WHERE height = ?");
    insertBlockHash =
        session.prepare("INSERT INTO " + ks + "block_hashes (hash, height) VALUES (?, ?)");
    selectBlockHash = session.prepare("SELECT height FROM " + ks + "block_hashes WHERE hash = ?");
    insertTransaction =
        session.prepare(
            "INSERT INTO " + ks + "transactions (id, height, position) VALUES (?, ?, ?)");
    selectTransaction =
        session.prepare("SELECT height, position FROM " + ks + "transactions WHERE id = ?");
    insertState = session.prepare("INSERT INTO " + ks + "state (key, value) VALUES (?, ?)");
    deleteState = session.prepare("DELETE FROM " + ks + "state WHERE key = ?");
    selectState = session.prepare("SELECT value FROM " + ks + "state WHERE key = ?");
    insertFolderEntry =
        session.prepare("INSERT INTO " + ks + "state_folders (folder, key) VALUES (?, ?)");
    deleteFolderEntry =
        session.prepare("DELETE FROM " + ks + "state_folders WHERE folder = ? AND key = ?");
    selectFolder =
        session.prepare(
            "SELECT key FROM "
                + ks
                + "state_folders WHERE folder = ? LIMIT "
                + (MAX_FOLDER_ENTRIES + 1));
    selectFolderPage =
        session.prepare(
            "SELECT key FROM " + ks + "state_folders WHERE folder = ? AND key > ? LIMIT ?");
    updateLatest =
        session.prepare("INSERT INTO " + ks + "meta (name, value) VALUES ('latest_height', ?)");
    selectLatest = session.prepare("SELECT value FROM " + ks + "meta WHERE name = 'latest_height'");
    insertEvidence =
        session.prepare("INSERT INTO " + ks + "evidence (bucket, hash, body) VALUES (0, ?, ?)");
    selectEvidence =
        session.prepare("SELECT body FROM " + ks + "evidence WHERE bucket = 0 AND hash = ?");
    selectAllEvidence =
        session.prepare(
            "SELECT hash, body FROM "
                + ks
                + "evidence WHERE bucket = 0 LIMIT "
                + (MAX_EVIDENCE + 1));
  }

  /**
   * Connects, creates the keyspace and tables if needed, and finishes a commit that a crash
   * interrupted. Blocking: call at start-up, not on an event loop.
   */
  public static CassandraLedgerStore open(CassandraStoreConfig config) {
    CqlSession session;
    try {
      session =
          CqlSession.builder()
              .addContactPoints(config.contactPoints())
              .withLocalDatacenter(config.localDatacenter())
              .build();
    } catch (RuntimeException e) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot connect to Cassandra", e);
    }
    try {
      createSchema(session, config);
      CassandraLedgerStore store = new CassandraLedgerStore(session, config);
      store.recover();
      return store;
    } catch (RuntimeException e) {
      session.close();
      throw e instanceof StoreException
          ? e
          : new StoreException(StoreException.Reason.UNAVAILABLE, "cannot open the store", e);
    }
  }

  private static void createSchema(CqlSession session, CassandraStoreConfig config) {
    String ks = config.keyspace();
    session.execute(
        schemaChange(
            "CREATE KEYSPACE IF NOT EXISTS "
                + ks
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': "
                + config.replicationFactor()
                + "}"));
    List<String> tables =
        List.of(
            "meta (name text PRIMARY KEY, value bigint)",
            "redo_head (height bigint PRIMARY KEY, chunks int, digest blob)",
            "redo_chunks (height bigint, chunk int, data blob, PRIMARY KEY ((height), chunk))",
            "blocks (height bigint PRIMARY KEY, hash blob, certificate blob, state_hash blob,"
                + " chunks int)",
            "block_chunks (height bigint, chunk int, data blob, PRIMARY KEY ((height), chunk))",
            "block_hashes (hash blob PRIMARY KEY, height bigint)",
            "transactions (id blob PRIMARY KEY, height bigint, position int)",
            "state (key blob PRIMARY KEY, value blob)",
            // The keys of each state folder, for stateFolder(); a folder is one partition.
            "state_folders (folder blob, key blob, PRIMARY KEY ((folder), key))",
            // Node-local equivocation evidence (docs/consensus.md §8): one partition, bounded by
            // MAX_EVIDENCE × MAX_EVIDENCE_BYTES (4 MB), clustered by hash so a list is in order.
            "evidence (bucket int, hash blob, body blob, PRIMARY KEY ((bucket), hash))");
    for (String table : tables) {
      session.execute(schemaChange("CREATE TABLE IF NOT EXISTS " + ks + "." + table));
    }
  }

  /**
   * A schema change waits for the server to write its schema tables, which on a loaded machine
   * takes longer than the driver's 2-second request timeout; a validator must not fail to start for
   * that.
   */
  private static SimpleStatement schemaChange(String cql) {
    return SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(60));
  }

  private void recover() {
    long committed = join(readLatest());
    latest.set(committed);
    // The commit point is written beside the block's rows (step 2), so a crash may leave some rows
    // of the committed height unwritten; its redo record, complete before step 2 began, is then
    // still there and is applied again (each row an absolute value). A crash during step 3 leaves
    // the record whole or torn (head and chunks are deleted at once): torn, the rows were all
    // written, and it is only deleted.
    if (committed > 0) {
      Optional<BlockCommit> last = join(readRedo(committed));
      if (last.isPresent()) {
        join(applyRows(last.get()));
      }
    }
    join(deleteRedo(committed));
    Optional<BlockCommit> pending = join(readRedo(committed + 1));
    if (pending.isPresent()) {
      join(applyAndSeal(pending.get()));
      latest.set(committed + 1);
    } else {
      join(deleteRedo(committed + 1));
    }
  }

  @Override
  public CompletionStage<Void> commit(BlockCommit c) {
    synchronized (commitLock) {
      // Commits are serialised: each starts when the previous one has finished, the deletion of
      // its redo record (step 3) included. The caller waits only for steps 1-2: once step 2 is
      // done the record is garbage, and recovery re-applies or deletes the committed height's
      // record anyway, so a crash during the deletion loses nothing (docs/storage.md).
      CompletableFuture<Void> committed =
          lastCommit.handle((x, e) -> null).thenCompose(x -> doCommit(c));
      lastCommit = committed.thenCompose(x -> deleteRedo(c.height()));
      return committed;
    }
  }

  private CompletableFuture<Void> doCommit(BlockCommit c) {
    long current = latest.get();
    if (c.height() == current) {
      return blockAt(current)
          .toCompletableFuture()
          .thenApply(
              existing -> {
                if (existing.isPresent() && existing.get().hash().equals(c.blockHash())) {
                  return null;
                }
                throw new StoreException(
                    StoreException.Reason.CONFLICT, "another block is committed at " + c.height());
              });
    }
    if (c.height() != current + 1) {
      return CompletableFuture.failedFuture(
          new StoreException(
              StoreException.Reason.OUT_OF_ORDER,
              "next height is " + (current + 1) + ", got " + c.height()));
    }
    return writeRedo(c).thenCompose(x -> apply(c)).thenRun(() -> latest.set(c.height()));
  }

  /**
   * Step 1: the redo record, its head row (chunk count and SHA-256 of the encoding) written beside
   * its chunks rather than after them, which saves a round of sequential writes per commit. The
   * record counts only when whole: a head whose chunks are missing or do not hash to its digest is
   * a record torn by a crash, which {@link #readRedo} takes as absent.
   */
  CompletableFuture<Void> writeRedo(BlockCommit c) {
    return writeRedo(c, true, true);
  }

  /** Step 1, or part of it: tests simulate a crash in the middle of it. */
  CompletableFuture<Void> writeRedo(BlockCommit c, boolean head, boolean chunks) {
    byte[] encoded = c.encode();
    List<byte[]> parts = split(encoded);
    List<Supplier<CompletionStage<?>>> writes = new ArrayList<>();
    if (head) {
      writes.add(
          write(
              insertRedoHead.bind(
                  c.height(), parts.size(), ByteBuffer.wrap(Sha256.hash(encoded).bytes()))));
    }
    for (int i = 0; chunks && i < parts.size(); i++) {
      writes.add(write(insertRedoChunk.bind(c.height(), i, ByteBuffer.wrap(parts.get(i)))));
    }
    return RequestWindow.run(writes, REQUEST_WINDOW);
  }

  /** The commit point alone (tests simulate a crash in the middle of step 2). */
  CompletableFuture<Void> writeLatest(long height) {
    return execute(updateLatest.bind(height)).thenApply(x -> null);
  }

  /** Steps 2 and 3 (recovery). */
  CompletableFuture<Void> applyAndSeal(BlockCommit c) {
    return apply(c).thenCompose(x -> deleteRedo(c.height()));
  }

  /**
   * Step 2: the rows and the commit point together. The commit point may land before some rows;
   * recovery then applies the committed height's redo record again ({@link #recover}). The caller
   * is answered only when all of it is written.
   */
  private CompletableFuture<Void> apply(BlockCommit c) {
    return CompletableFuture.allOf(applyRows(c), writeLatest(c.height()));
  }

  /** Step 2 alone: every row of the block, each an absolute value. */
  CompletableFuture<Void> applyRows(BlockCommit c) {
    List<Supplier<CompletionStage<?>>> writes = new ArrayList<>();
    List<byte[]> blockChunks = split(c.block());
    for (int i = 0; i < blockChunks.size(); i++) {
      writes.add(write(insertBlockChunk.bind(c.height(), i, ByteBuffer.wrap(blockChunks.get(i)))));
    }
    writes.add(
        write(
            insertBlock.bind(
                c.height(),
                ByteBuffer.wrap(c.blockHash().bytes()),
                ByteBuffer.wrap(c.commitCertificate()),
                ByteBuffer.wrap(c.stateHash().bytes()),
                blockChunks.size())));
    writes.add(write(insertBlockHash.bind(ByteBuffer.wrap(c.blockHash().bytes()), c.height())));
    List<Hash32> ids = c.transactionIds();
    for (int i = 0; i < ids.size(); i++) {
      writes.add(write(insertTransaction.bind(ByteBuffer.wrap(ids.get(i).bytes()), c.height(), i)));
    }
    for (StateWrite w : c.stateWrites()) {
      ByteBuffer key = ByteBuffer.wrap(w.key());
      writes.add(
          write(
              w.isDelete()
                  ? deleteState.bind(key)
                  : insertState.bind(key, ByteBuffer.wrap(w.value()))));
    }
    for (List<StateWrite> run : FolderRuns.of(c.stateWrites(), FOLDER_BATCH_BYTES)) {
      writes.add(write(folderBatch(run)));
    }
    return RequestWindow.run(writes, REQUEST_WINDOW);
  }

  /**
   * One run's folder entries as one statement: a single-partition unlogged batch, which Cassandra
   * applies as one mutation (atomic and isolated within the partition, no batch log).
   */
  private Statement<?> folderBatch(List<StateWrite> run) {
    ByteBuffer folder = folderPartition(LedgerStore.folderOf(run.get(0).key()));
    List<BatchableStatement<?>> entries = new ArrayList<>(run.size());
    for (StateWrite w : run) {
      ByteBuffer key = ByteBuffer.wrap(w.key());
      entries.add(
          w.isDelete() ? deleteFolderEntry.bind(folder, key) : insertFolderEntry.bind(folder, key));
    }
    return entries.size() == 1
        ? entries.get(0)
        : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, entries);
  }

  /**
   * Step 3, or the clean-up of a torn record. The head and the chunks go at once: a crash in the
   * middle leaves a torn record, which the next open takes as absent and deletes again.
   */
  private CompletableFuture<Void> deleteRedo(long height) {
    return CompletableFuture.allOf(
        execute(deleteRedoHead.bind(height)), execute(deleteRedoChunks.bind(height)));
  }

  private CompletableFuture<Optional<BlockCommit>> readRedo(long height) {
    return execute(selectRedoHead.bind(height))
        .thenCompose(
            head -> {
              Row row = head.one();
              if (row == null) {
                return CompletableFuture.completedFuture(Optional.<BlockCommit>empty());
              }
              int chunks = row.getInt("chunks");
              Hash32 digest = Hash32.of(bytes(row.getByteBuffer("digest")));
              return read(selectRedoChunks.bind(height))
                  .thenCompose(rs -> collectChunks(rs, new ArrayList<>(), false))
                  .thenApply(
                      parts -> {
                        byte[] encoded = concat(parts);
                        if (parts.size() != chunks || !Sha256.hash(encoded).equals(digest)) {
                          // Torn by a crash while it was written or deleted: never acknowledged,
                          // or already applied (docs/storage.md §3).
                          return Optional.<BlockCommit>empty();
                        }
                        try {
                          return Optional.of(BlockCommit.decode(encoded));
                        } catch (EncodingException | IllegalArgumentException e) {
                          throw new StoreException(
                              StoreException.Reason.CORRUPT, "redo record " + height, e);
                        }
                      });
            });
  }

  private CompletableFuture<Long> readLatest() {
    return read(selectLatest.bind())
        .thenApply(
            rs -> {
              Row row = rs.one();
              return row == null ? 0L : row.getLong("value");
            });
  }

  @Override
  public CompletionStage<Long> latestHeight() {
    return CompletableFuture.completedFuture(latest.get());
  }

  @Override
  public CompletionStage<Optional<StoredBlock>> blockAt(long height) {
    if (height < 1 || height > latest.get()) {
      // Rows of a height above the commit point may be half written: never show them.
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return read(selectBlock.bind(height))
        .thenCompose(
            rs -> {
              Row row = rs.one();
              if (row == null) {
                return CompletableFuture.completedFuture(Optional.<StoredBlock>empty());
              }
              Hash32 hash = Hash32.of(bytes(row.getByteBuffer("hash")));
              byte[] certificate = bytes(row.getByteBuffer("certificate"));
              Hash32 stateHash = Hash32.of(bytes(row.getByteBuffer("state_hash")));
              return readChunks(selectBlockChunks.bind(height), row.getInt("chunks"))
                  .thenApply(
                      block ->
                          Optional.of(
                              new StoredBlock(height, hash, block, certificate, stateHash)));
            });
  }

  @Override
  public CompletionStage<Optional<StoredBlock>> blockByHash(Hash32 hash) {
    return read(selectBlockHash.bind(ByteBuffer.wrap(hash.bytes())))
        .thenCompose(
            rs -> {
              Row row = rs.one();
              return row == null
                  ? CompletableFuture.completedFuture(Optional.<StoredBlock>empty())
                  : blockAt(row.getLong("height")).toCompletableFuture();
            });
  }

  @Override
  public CompletionStage<Optional<TxLocation>> transaction(Hash32 transactionId) {
    return read(selectTransaction.bind(ByteBuffer.wrap(transactionId.bytes())))
        .thenApply(
            rs -> {
              Row row = rs.one();
              if (row == null || row.getLong("height") > latest.get()) {
                return Optional.empty();
              }
              return Optional.of(
                  new TxLocation(transactionId, row.getLong("height"), row.getInt("position")));
            });
  }

  @Override
  public CompletionStage<Optional<byte[]>> state(byte[] key) {
    return read(selectState.bind(ByteBuffer.wrap(key)))
        .thenApply(
            rs -> {
              Row row = rs.one();
              return row == null
                  ? Optional.empty()
                  : Optional.of(bytes(row.getByteBuffer("value")));
            });
  }

  @Override
  public CompletionStage<List<io.votechain.store.StateEntry>> stateFolder(byte[] folder) {
    try {
      // An unlisted folder's entries are not indexed (FolderRuns): an empty answer would be wrong.
      LedgerStore.requireListableFolder(folder);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return read(selectFolder.bind(folderPartition(folder)))
        .thenCompose(rs -> collectKeys(rs, new ArrayList<>()))
        .thenCompose(
            keys -> {
              if (keys.size() > MAX_FOLDER_ENTRIES) {
                throw new StoreException(
                    StoreException.Reason.TOO_LARGE, "folder larger than " + MAX_FOLDER_ENTRIES);
              }
              return withValues(keys);
            });
  }

  @Override
  public CompletionStage<List<io.votechain.store.StateEntry>> stateFolderPage(
      byte[] folder, byte[] after, int limit) {
    try {
      LedgerStore.requireListableFolder(folder);
      LedgerStore.requirePageLimit(limit);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    // The partition's clustering order is blob order, bytewise unsigned, as RocksDB's.
    return read(selectFolderPage.bind(folderPartition(folder), ByteBuffer.wrap(after), limit))
        .thenCompose(rs -> collectKeys(rs, new ArrayList<>()))
        .thenCompose(this::withValues);
  }

  /**
   * The entries of {@code keys} with their values, read {@link #REQUEST_WINDOW} at a time (a page
   * may name 10 000 keys, beyond what one connection takes in flight); a key deleted meanwhile is
   * left out.
   */
  private CompletionStage<List<io.votechain.store.StateEntry>> withValues(List<byte[]> keys) {
    @SuppressWarnings("unchecked")
    Optional<byte[]>[] values = new Optional[keys.size()];
    List<Supplier<CompletionStage<?>>> reads = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      int slot = i;
      reads.add(() -> state(keys.get(slot)).thenAccept(v -> values[slot] = v));
    }
    return RequestWindow.run(reads, REQUEST_WINDOW)
        .thenApply(
            x -> {
              List<io.votechain.store.StateEntry> out = new ArrayList<>();
              for (int i = 0; i < keys.size(); i++) {
                if (values[i].isPresent()) {
                  out.add(new io.votechain.store.StateEntry(keys.get(i), values[i].get()));
                }
              }
              return out;
            });
  }

  @Override
  public CompletionStage<io.votechain.store.EvidenceInsert> putEvidence(
      Hash32 hash, byte[] encoding) {
    if (encoding.length == 0 || encoding.length > MAX_EVIDENCE_BYTES) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("evidence must be 1.." + MAX_EVIDENCE_BYTES + " bytes"));
    }
    // Check-then-insert is not atomic here (no lightweight transaction: a Paxos round per piece
    // of evidence buys nothing): two concurrent puts of the same hash could both answer ADDED and
    // near the bound both pass the count. The node serialises its puts (EvidenceKeeper), and the
    // insert is idempotent (same hash, same bytes), so neither can corrupt what is stored.
    return evidence(hash)
        .thenCompose(
            held -> {
              if (held.isPresent()) {
                return CompletableFuture.completedFuture(
                    io.votechain.store.EvidenceInsert.ALREADY_HELD);
              }
              return evidenceList()
                  .thenCompose(
                      all -> {
                        if (all.size() >= MAX_EVIDENCE) {
                          return CompletableFuture.completedFuture(
                              io.votechain.store.EvidenceInsert.FULL);
                        }
                        return execute(
                                insertEvidence.bind(
                                    ByteBuffer.wrap(hash.bytes()), ByteBuffer.wrap(encoding)))
                            .thenApply(rs -> io.votechain.store.EvidenceInsert.ADDED);
                      });
            });
  }

  @Override
  public CompletionStage<Optional<io.votechain.store.StoredEvidence>> evidence(Hash32 hash) {
    return read(selectEvidence.bind(ByteBuffer.wrap(hash.bytes())))
        .thenApply(
            rs -> {
              Row row = rs.one();
              return row == null
                  ? Optional.empty()
                  : Optional.of(
                      new io.votechain.store.StoredEvidence(
                          hash, bytes(row.getByteBuffer("body"))));
            });
  }

  @Override
  public CompletionStage<List<io.votechain.store.StoredEvidence>> evidenceList() {
    return read(selectAllEvidence.bind()).thenCompose(rs -> collectEvidence(rs, new ArrayList<>()));
  }

  private CompletableFuture<List<io.votechain.store.StoredEvidence>> collectEvidence(
      AsyncResultSet rs, List<io.votechain.store.StoredEvidence> into) {
    for (Row row : rs.currentPage()) {
      into.add(
          new io.votechain.store.StoredEvidence(
              Hash32.of(bytes(row.getByteBuffer("hash"))), bytes(row.getByteBuffer("body"))));
    }
    if (rs.hasMorePages()) {
      return rs.fetchNextPage()
          .toCompletableFuture()
          .thenCompose(next -> collectEvidence(next, into));
    }
    // Blobs cluster in unsigned byte order, as RocksDB's keys do.
    return CompletableFuture.completedFuture(List.copyOf(into));
  }

  /**
   * The partition key of a folder: a marker byte, then the folder. Cassandra refuses an empty
   * partition key, which the folder of a top-level key would otherwise be.
   */
  private static ByteBuffer folderPartition(byte[] folder) {
    return ByteBuffer.allocate(folder.length + 1).put((byte) 'F').put(folder).flip();
  }

  private CompletableFuture<List<byte[]>> collectKeys(AsyncResultSet rs, List<byte[]> into) {
    for (Row row : rs.currentPage()) {
      into.add(bytes(row.getByteBuffer("key")));
    }
    if (rs.hasMorePages()) {
      return rs.fetchNextPage().toCompletableFuture().thenCompose(next -> collectKeys(next, into));
    }
    return CompletableFuture.completedFuture(into);
  }

  @Override
  public void close() {
    session.close();
  }

  private CompletableFuture<byte[]> readChunks(BoundStatement select, int expected) {
    return read(select)
        .thenCompose(rs -> collectChunks(rs, new ArrayList<>()))
        .thenApply(
            chunks -> {
              if (chunks.size() != expected) {
                throw new StoreException(
                    StoreException.Reason.CORRUPT,
                    "expected " + expected + " chunks, found " + chunks.size());
              }
              return concat(chunks);
            });
  }

  private static byte[] concat(List<byte[]> chunks) {
    int total = chunks.stream().mapToInt(b -> b.length).sum();
    ByteBuffer out = ByteBuffer.allocate(total);
    chunks.forEach(out::put);
    return out.array();
  }

  private CompletableFuture<List<byte[]>> collectChunks(AsyncResultSet rs, List<byte[]> into) {
    return collectChunks(rs, into, true);
  }

  /**
   * The chunks of a partition in order. {@code strict}: a gap is corruption (a block's chunks); not
   * strict, the chunks are taken as found (a redo record, whose head's count and digest tell a torn
   * record from a whole one).
   */
  private CompletableFuture<List<byte[]>> collectChunks(
      AsyncResultSet rs, List<byte[]> into, boolean strict) {
    for (Row row : rs.currentPage()) {
      if (strict && row.getInt("chunk") != into.size()) {
        return CompletableFuture.failedFuture(
            new StoreException(StoreException.Reason.CORRUPT, "chunk sequence broken"));
      }
      into.add(bytes(row.getByteBuffer("data")));
    }
    if (rs.hasMorePages()) {
      return rs.fetchNextPage()
          .toCompletableFuture()
          .thenCompose(next -> collectChunks(next, into, strict));
    }
    return CompletableFuture.completedFuture(into);
  }

  private static List<byte[]> split(byte[] data) {
    List<byte[]> chunks = new ArrayList<>();
    for (int from = 0; from < data.length || chunks.isEmpty(); from += CHUNK_BYTES) {
      chunks.add(Arrays.copyOfRange(data, from, Math.min(data.length, from + CHUNK_BYTES)));
    }
    return chunks;
  }

  private Supplier<CompletionStage<?>> write(Statement<?> statement) {
    return () -> execute(statement);
  }

  private CompletableFuture<AsyncResultSet> execute(Statement<?> statement) {
    return run(statement.setConsistencyLevel(writeLevel));
  }

  private CompletableFuture<AsyncResultSet> read(BoundStatement statement) {
    return run(statement.setConsistencyLevel(readLevel));
  }

  private CompletableFuture<AsyncResultSet> run(Statement<?> statement) {
    return session
        .executeAsync(statement)
        .toCompletableFuture()
        .exceptionally(
            e -> {
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              throw new StoreException(StoreException.Reason.UNAVAILABLE, cause.toString(), cause);
            });
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static <T> T join(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}

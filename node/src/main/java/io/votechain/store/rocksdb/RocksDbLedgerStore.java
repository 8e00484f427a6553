package io.votechain.store.rocksdb;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.store.BlockCommit;
import io.votechain.store.LedgerStore;
import io.votechain.store.StateWrite;
import io.votechain.store.StoreException;
import io.votechain.store.StoredBlock;
import io.votechain.store.TxLocation;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The default, embedded store: one RocksDB database per validator, one column family per kind of
 * record. A block commit is one {@link WriteBatch} written with {@code sync = true}: RocksDB
 * applies a batch atomically through its write-ahead log, and the fsync makes it survive a crash of
 * the machine, not only of the process.
 *
 * <p>Thread safe. Every call blocks on disk I/O and completes its stage before returning: call it
 * from a worker thread, never from an event loop.
 */
public final class RocksDbLedgerStore implements LedgerStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final byte[] LATEST_HEIGHT = "latest-height".getBytes();

  private final NativeResources resources;
  private final RocksDB db;
  private final java.util.concurrent.locks.ReentrantReadWriteLock lifecycle =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  private volatile boolean closed;
  private final List<ColumnFamilyHandle> handles;
  private final ColumnFamilyHandle meta;
  private final ColumnFamilyHandle blocks;
  private final ColumnFamilyHandle blockHashes;
  private final ColumnFamilyHandle transactions;
  private final ColumnFamilyHandle state;
  private final ColumnFamilyHandle evidence;
  private final Object commitLock = new Object();

  private RocksDbLedgerStore(NativeResources resources, RocksDB db, List<ColumnFamilyHandle> h) {
    this.resources = resources;
    this.db = db;
    this.handles = h;
    this.meta = h.get(0);
    this.blocks = h.get(1);
    this.blockHashes = h.get(2);
    this.transactions = h.get(3);
    this.state = h.get(4);
    this.evidence = h.get(5);
  }

  /**
   * What RocksDB may hold on disk beside its tables and in native memory beside the JVM's heap.
   *
   * @param maxTotalWalBytes the most the write-ahead log may hold before RocksDB flushes the column
   *     families that keep its oldest file alive. A log file is deleted only once every column
   *     family with data in it has been flushed, and the small ones (the latest height, evidence)
   *     fill their 64 MB memtables in months, so without a bound the log grew until RocksDB's own,
   *     four times the memtables' total (3 GB here): a validator holding 300 000 ballots had 1.7 GB
   *     of log beside 1.2 GB of tables, all of it replayed at each start (docs/storage.md §2).
   * @param cacheBytes one cache shared by every column family for data blocks, index and filter
   *     blocks and (charged to it) the memtables: by default each table file keeps its index and
   *     filter in memory outside any cache, so native memory grew with the ledger (RSS 1.4 GB
   *     beside 192 MB of live heap at 633 591 ballots, docs/benchmarks.md session 16)
   * @param writeBufferBytes the memtables of all column families together, charged to the cache;
   *     past it RocksDB flushes the largest. Six families with RocksDB's default 2 × 64 MB each
   *     could hold 768 MB.
   */
  public record Limits(long maxTotalWalBytes, long cacheBytes, long writeBufferBytes) {
    public Limits {
      if (maxTotalWalBytes <= 0 || writeBufferBytes <= 0 || cacheBytes < writeBufferBytes) {
        throw new IllegalArgumentException(
            "limits must be positive and the cache at least the write buffers: " + this);
      }
    }
  }

  /** The limits {@link #open(Path)} uses (decided 2026-11-29; docs/storage.md §2). */
  public static final Limits DEFAULT_LIMITS =
      new Limits(256L * 1024 * 1024, 256L * 1024 * 1024, 128L * 1024 * 1024);

  /** Opens (creating if needed) the store in {@code directory}. */
  public static RocksDbLedgerStore open(Path directory) {
    return open(directory, DEFAULT_LIMITS);
  }

  /** {@link #open(Path)} with other limits (a validator's {@code rocksdb} settings, tests). */
  public static RocksDbLedgerStore open(Path directory, Limits limits) {
    NativeResources resources = NativeResources.create(limits);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, resources.columnOptions()));
    for (String name : List.of("blocks", "block-hashes", "transactions", "state", "evidence")) {
      descriptors.add(new ColumnFamilyDescriptor(name.getBytes(), resources.columnOptions()));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      java.nio.file.Files.createDirectories(directory);
      RocksDB db = RocksDB.open(resources.options(), directory.toString(), descriptors, handles);
      return new RocksDbLedgerStore(resources, db, handles);
    } catch (RocksDBException | java.io.IOException e) {
      resources.close();
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot open " + directory, e);
    }
  }

  /**
   * RocksDB's native memory now: the shared cache's usage (blocks, indexes, filters and the
   * memtables charged to it) and what the table readers hold outside it, in bytes.
   */
  public long nativeMemoryBytes() {
    // The cache is shared: every family reports the same usage.
    long total = property(handles.get(0), "rocksdb.block-cache-usage");
    for (ColumnFamilyHandle h : handles) {
      total += property(h, "rocksdb.estimate-table-readers-mem");
    }
    return total;
  }

  /** The memtables of all column families, in bytes. */
  public long memtableBytes() {
    long total = 0;
    for (ColumnFamilyHandle h : handles) {
      total += property(h, "rocksdb.cur-size-all-mem-tables");
    }
    return total;
  }

  private long property(ColumnFamilyHandle h, String name) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new StoreException(StoreException.Reason.UNAVAILABLE, "store closed");
      }
      return db.getLongProperty(h, name);
    } catch (RocksDBException e) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "property " + name, e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** The native objects a database is opened with, closed with it. */
  private record NativeResources(
      DBOptions options,
      ColumnFamilyOptions columnOptions,
      Cache cache,
      WriteBufferManager writeBuffers,
      BloomFilter filter) {
    static NativeResources create(Limits limits) {
      // The index and filter blocks (high priority) may take up to half the cache, and data blocks
      // are evicted before them: a scan of old blocks does not push out what every read needs.
      Cache cache = new LRUCache(limits.cacheBytes(), -1, false, 0.5);
      // No stall: with one database, writers stalled on the bound can wait forever for a flush
      // that only a write schedules (a commit hung so in RocksDbLedgerStoreTest). Past the bound
      // the largest memtable is flushed while writes go on.
      WriteBufferManager writeBuffers =
          new WriteBufferManager(limits.writeBufferBytes(), cache, false);
      BloomFilter filter = new BloomFilter(10);
      DBOptions options =
          new DBOptions()
              .setCreateIfMissing(true)
              .setCreateMissingColumnFamilies(true)
              .setMaxTotalWalSize(limits.maxTotalWalBytes())
              .setWriteBufferManager(writeBuffers);
      ColumnFamilyOptions columnOptions =
          new ColumnFamilyOptions()
              .setTableFormatConfig(
                  new BlockBasedTableConfig()
                      .setBlockCache(cache)
                      .setFilterPolicy(filter)
                      .setCacheIndexAndFilterBlocks(true)
                      .setCacheIndexAndFilterBlocksWithHighPriority(true)
                      .setPinL0FilterAndIndexBlocksInCache(true));
      return new NativeResources(options, columnOptions, cache, writeBuffers, filter);
    }

    void close() {
      options.close();
      columnOptions.close();
      writeBuffers.close();
      filter.close();
      cache.close();
    }
  }

  @Override
  public CompletionStage<Void> commit(BlockCommit c) {
    return run(
        () -> {
          synchronized (commitLock) {
            long latest = latest();
            if (c.height() == latest) {
              Optional<StoredBlock> existing = readBlock(latest);
              if (existing.isPresent() && existing.get().hash().equals(c.blockHash())) {
                return null;
              }
              throw new StoreException(
                  StoreException.Reason.CONFLICT, "another block is committed at " + c.height());
            }
            if (c.height() != latest + 1) {
              throw new StoreException(
                  StoreException.Reason.OUT_OF_ORDER,
                  "next height is " + (latest + 1) + ", got " + c.height());
            }
            try (WriteBatch batch = new WriteBatch();
                WriteOptions sync = new WriteOptions().setSync(true)) {
              byte[] height = heightKey(c.height());
              batch.put(blocks, height, encodeBlock(c.storedBlock()));
              batch.put(blockHashes, c.blockHash().bytes(), height);
              List<Hash32> ids = c.transactionIds();
              for (int i = 0; i < ids.size(); i++) {
                batch.put(
                    transactions,
                    ids.get(i).bytes(),
                    ByteBuffer.allocate(12).putLong(c.height()).putInt(i).array());
              }
              for (StateWrite w : c.stateWrites()) {
                if (w.isDelete()) {
                  batch.delete(state, w.key());
                } else {
                  batch.put(state, w.key(), w.value());
                }
              }
              batch.put(meta, LATEST_HEIGHT, height);
              db.write(sync, batch);
            } catch (RocksDBException e) {
              throw new StoreException(StoreException.Reason.UNAVAILABLE, "commit failed", e);
            }
            return null;
          }
        });
  }

  @Override
  public CompletionStage<Long> latestHeight() {
    return run(this::latest);
  }

  @Override
  public CompletionStage<Optional<StoredBlock>> blockAt(long height) {
    return run(() -> readBlock(height));
  }

  @Override
  public CompletionStage<Optional<StoredBlock>> blockByHash(Hash32 hash) {
    return run(
        () -> {
          byte[] height = get(blockHashes, hash.bytes());
          return height == null
              ? Optional.<StoredBlock>empty()
              : readBlock(ByteBuffer.wrap(height).getLong());
        });
  }

  @Override
  public CompletionStage<Optional<TxLocation>> transaction(Hash32 transactionId) {
    return run(
        () -> {
          byte[] raw = get(transactions, transactionId.bytes());
          if (raw == null) {
            return Optional.<TxLocation>empty();
          }
          if (raw.length != 12) {
            throw new StoreException(StoreException.Reason.CORRUPT, "bad transaction index entry");
          }
          ByteBuffer b = ByteBuffer.wrap(raw);
          return Optional.of(new TxLocation(transactionId, b.getLong(), b.getInt()));
        });
  }

  @Override
  public CompletionStage<Optional<byte[]>> state(byte[] key) {
    return run(() -> Optional.ofNullable(get(state, key)));
  }

  @Override
  public CompletionStage<List<io.votechain.store.StateEntry>> stateFolder(byte[] folder) {
    return run(
        () -> {
          LedgerStore.requireListableFolder(folder);
          // One more than the limit tells a folder that is too large from one that is just full.
          List<io.votechain.store.StateEntry> all =
              directEntries(folder, new byte[0], MAX_FOLDER_ENTRIES + 1);
          if (all.size() > MAX_FOLDER_ENTRIES) {
            throw new StoreException(
                StoreException.Reason.TOO_LARGE, "folder larger than " + MAX_FOLDER_ENTRIES);
          }
          return all;
        });
  }

  @Override
  public CompletionStage<List<io.votechain.store.StateEntry>> stateFolderPage(
      byte[] folder, byte[] after, int limit) {
    return run(
        () -> {
          LedgerStore.requireListableFolder(folder);
          LedgerStore.requirePageLimit(limit);
          return directEntries(folder, after, limit);
        });
  }

  /**
   * At most {@code limit} entries directly inside {@code folder} whose keys sort after {@code
   * after}.
   */
  private List<io.votechain.store.StateEntry> directEntries(
      byte[] folder, byte[] after, int limit) {
    List<io.votechain.store.StateEntry> out = new ArrayList<>();
    try (org.rocksdb.RocksIterator it = db.newIterator(state)) {
      boolean resume = Arrays.compareUnsigned(after, folder) > 0;
      it.seek(resume ? after : folder);
      while (it.isValid() && out.size() < limit) {
        byte[] key = it.key();
        if (!startsWith(key, folder)) {
          break;
        }
        if (skippedSubFolder(it, key, folder)) {
          continue;
        }
        if (Arrays.compareUnsigned(key, after) > 0) {
          out.add(new io.votechain.store.StateEntry(key, it.value()));
        }
        it.next();
      }
    }
    return List.copyOf(out);
  }

  @Override
  public CompletionStage<io.votechain.store.EvidenceInsert> putEvidence(
      Hash32 hash, byte[] encoding) {
    return run(
        () -> {
          requireEvidenceSize(encoding);
          // Under the commit lock so that two puts cannot both see room for one more.
          synchronized (commitLock) {
            if (get(evidence, hash.bytes()) != null) {
              return io.votechain.store.EvidenceInsert.ALREADY_HELD;
            }
            if (countEvidence() >= MAX_EVIDENCE) {
              return io.votechain.store.EvidenceInsert.FULL;
            }
            try (WriteOptions sync = new WriteOptions().setSync(true)) {
              db.put(evidence, sync, hash.bytes(), encoding);
            } catch (RocksDBException e) {
              throw new StoreException(StoreException.Reason.UNAVAILABLE, "evidence write", e);
            }
            return io.votechain.store.EvidenceInsert.ADDED;
          }
        });
  }

  @Override
  public CompletionStage<Optional<io.votechain.store.StoredEvidence>> evidence(Hash32 hash) {
    return run(
        () ->
            Optional.ofNullable(get(evidence, hash.bytes()))
                .map(e -> new io.votechain.store.StoredEvidence(hash, e)));
  }

  @Override
  public CompletionStage<List<io.votechain.store.StoredEvidence>> evidenceList() {
    return run(
        () -> {
          List<io.votechain.store.StoredEvidence> out = new ArrayList<>();
          try (org.rocksdb.RocksIterator it = db.newIterator(evidence)) {
            // RocksDB's default comparator is unsigned byte order: ascending hash bytes.
            for (it.seekToFirst(); it.isValid(); it.next()) {
              out.add(new io.votechain.store.StoredEvidence(Hash32.of(it.key()), it.value()));
            }
          }
          return List.copyOf(out);
        });
  }

  private int countEvidence() {
    int n = 0;
    try (org.rocksdb.RocksIterator it = db.newIterator(evidence)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        n++;
      }
    }
    return n;
  }

  static void requireEvidenceSize(byte[] encoding) {
    if (encoding.length == 0 || encoding.length > MAX_EVIDENCE_BYTES) {
      throw new IllegalArgumentException("evidence must be 1.." + MAX_EVIDENCE_BYTES + " bytes");
    }
  }

  /**
   * If {@code key} (inside {@code folder}) is in a sub-folder, moves {@code it} past every key of
   * that sub-folder in one seek and says so. Listing {@code election/E/} would otherwise walk each
   * of the election's ballots, votes and roll entries to find its few direct keys, on every request
   * of the raw state route. The sub-folder {@code folder + name + '/'} ends where keys begin with
   * {@code folder + name + '0'}, {@code '0'} being the byte after {@code '/'}.
   */
  private static boolean skippedSubFolder(org.rocksdb.RocksIterator it, byte[] key, byte[] folder) {
    for (int i = folder.length; i < key.length; i++) {
      if (key[i] == '/') {
        byte[] pastSubFolder = Arrays.copyOf(key, i + 1);
        pastSubFolder[i] = '/' + 1;
        it.seek(pastSubFolder);
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lifecycle.writeLock().unlock();
    }
    synchronized (commitLock) {
      for (ColumnFamilyHandle h : handles) {
        h.close();
      }
      db.close();
      resources.close();
    }
  }

  private long latest() {
    byte[] raw = get(meta, LATEST_HEIGHT);
    return raw == null ? 0 : ByteBuffer.wrap(raw).getLong();
  }

  private Optional<StoredBlock> readBlock(long height) {
    if (height < 1) {
      return Optional.empty();
    }
    byte[] raw = get(blocks, heightKey(height));
    return raw == null ? Optional.empty() : Optional.of(decodeBlock(height, raw));
  }

  private byte[] get(ColumnFamilyHandle family, byte[] key) {
    try {
      return db.get(family, key);
    } catch (RocksDBException e) {
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "read failed", e);
    }
  }

  /** Big-endian, so RocksDB's byte order is height order. */
  private static byte[] heightKey(long height) {
    return ByteBuffer.allocate(8).putLong(height).array();
  }

  private static byte[] encodeBlock(StoredBlock b) {
    return new CanonicalWriter()
        .fixed(b.hash().bytes())
        .bytes(b.block())
        .bytes(b.commitCertificate())
        .fixed(b.stateHash().bytes())
        .toByteArray();
  }

  private static StoredBlock decodeBlock(long height, byte[] raw) {
    try {
      CanonicalReader r = new CanonicalReader(raw);
      Hash32 hash = Hash32.of(r.fixed(Hash32.LENGTH));
      byte[] block = r.bytes(BlockCommit.MAX_BLOCK_BYTES);
      byte[] certificate = r.bytes(BlockCommit.MAX_CERTIFICATE_BYTES);
      Hash32 stateHash = Hash32.of(r.fixed(Hash32.LENGTH));
      r.finish();
      return new StoredBlock(height, hash, block, certificate, stateHash);
    } catch (EncodingException e) {
      throw new StoreException(StoreException.Reason.CORRUPT, "block " + height + ": " + e, e);
    }
  }

  /**
   * Runs a read or a commit unless the store is closed: RocksDB's native handles crash the JVM when
   * used after {@link #close} (a worker still answering a request while the validator stops did).
   */
  private <T> CompletionStage<T> run(Supplier<T> action) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new StoreException(StoreException.Reason.UNAVAILABLE, "the store is closed");
      }
      return CompletableFuture.completedFuture(action.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "RocksDbLedgerStore" + Arrays.toString(new Object[] {db.getName()});
  }
}

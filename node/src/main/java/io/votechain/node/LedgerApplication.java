package io.votechain.node;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.core.Application;
import io.votechain.consensus.core.BlockStore;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.store.BlockCommit;
import io.votechain.store.LedgerStore;
import io.votechain.store.StoreException;
import io.votechain.store.StoredBlock;
import io.votechain.util.BoundedLruCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Joins the consensus core's two ports, {@link BlockStore} and {@link Application}, over one {@link
 * LedgerStore}, so that a committed block and the state it produces are written in one atomic
 * commit: {@link #append} executes the block through the {@link StateMachine} and commits block,
 * certificate, transaction index, state writes and state hash together; {@link #apply}, which the
 * core calls right after, finds the work done. After a crash the store is therefore never at a
 * block whose state is missing, and the core has nothing to replay.
 *
 * <p>Called only from the consensus driver's thread; store calls block (it runs on a worker).
 */
public final class LedgerApplication implements BlockStore, Application {
  private static final Logger LOG = Logger.getLogger(LedgerApplication.class.getName());
  private static final int CACHE_BLOCKS = 64;

  private final LedgerStore store;
  private final StateMachine machine;
  private final Hash32 initialStateHash;
  private final StateMachine.StateReader reader;
  private final BoundedLruCache<Long, CommittedBlock> recent = new BoundedLruCache<>(CACHE_BLOCKS);
  private long height;
  private Hash32 stateHash;
  private Timings timings = (executeNanos, commitNanos) -> {};
  private final CommitRetry retry;
  private Runnable onCommitRetry = () -> {};

  /** Where the time of each block goes: execution (with ballot verification) and the store. */
  public interface Timings {
    void record(long executeNanos, long commitNanos);
  }

  public LedgerApplication(LedgerStore store, StateMachine machine, Hash32 initialStateHash) {
    this(store, machine, initialStateHash, CommitRetry.DEFAULT);
  }

  public LedgerApplication(
      LedgerStore store, StateMachine machine, Hash32 initialStateHash, CommitRetry retry) {
    this.store = store;
    this.retry = retry;
    this.machine = machine;
    this.initialStateHash = initialStateHash;
    this.reader = ContractsStateMachine.reader(store);
    this.height = store.latestHeight().toCompletableFuture().join();
    this.stateHash =
        height == 0
            ? initialStateHash
            : store.blockAt(height).toCompletableFuture().join().orElseThrow().stateHash();
  }

  /**
   * Refuses a store that holds another chain: block 1 of this chain follows the genesis (its parent
   * hash is the genesis hash). Two networks made one after the other on one Cassandra server use
   * the same keyspaces, and a validator of the second ran on the first one's state without a word.
   *
   * @throws IllegalStateException naming both hashes, when block 1 follows another genesis
   */
  public static void requireChain(LedgerStore store, Hash32 genesisHash) {
    Optional<StoredBlock> first = store.blockAt(1).toCompletableFuture().join();
    if (first.isEmpty()) {
      return;
    }
    Hash32 parent = Block.decode(first.get().block()).header().previousBlockHash();
    if (!parent.equals(genesisHash)) {
      throw new IllegalStateException(
          "the store holds another chain: its block 1 follows "
              + parent.hex()
              + ", this validator's genesis is "
              + genesisHash.hex()
              + " (use an empty store, or this chain's genesis)");
    }
  }

  @Override
  public long lastHeight() {
    return height;
  }

  @Override
  public Optional<CommittedBlock> get(long h) {
    if (h < 1 || h > height) {
      return Optional.empty();
    }
    CommittedBlock cached = recent.get(h);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<CommittedBlock> block =
        store.blockAt(h).toCompletableFuture().join().map(LedgerApplication::decode);
    block.ifPresent(b -> recent.put(h, b));
    return block;
  }

  @Override
  public void append(CommittedBlock committed) {
    Block block = committed.block();
    if (block.height() != height + 1) {
      throw new IllegalStateException("append " + block.height() + " after " + height);
    }
    long started = System.nanoTime();
    StateMachine.Execution execution = machine.execute(block, reader, stateHash);
    long executed = System.nanoTime();
    List<Hash32> ids = transactionIds(block);
    commitDurably(
        new BlockCommit(
            block.height(),
            block.hash(),
            block.encode(),
            committed.certificate().encode(),
            ids,
            execution.writes(),
            execution.stateHash()));
    timings.record(executed - started, System.nanoTime() - executed);
    height = block.height();
    stateHash = execution.stateHash();
    recent.put(height, committed);
  }

  public void onTimings(Timings timings) {
    this.timings = timings;
  }

  /** Told of every commit attempt that failed and is tried again (a metric). */
  public void onCommitRetry(Runnable listener) {
    this.onCommitRetry = listener;
  }

  /**
   * Commits, trying again while the store is unavailable (a timeout, a server restarting) within
   * {@link CommitRetry}'s budget: a commit is idempotent (the same block at the same height is
   * written again, or found there), so a failure whose write landed after all costs nothing. The
   * consensus thread waits meanwhile, so this validator neither votes nor decides; the others go on
   * without it. Past the budget, or for any other failure (a conflicting block, a corrupt store),
   * the exception reaches the driver, which stops the validator (fail-stop): it must not sign on
   * without a durable record, and a restart recovers from the store's redo record.
   */
  private void commitDurably(BlockCommit commit) {
    long waited = 0;
    long delay = retry.firstDelayMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        store.commit(commit).toCompletableFuture().join();
        return;
      } catch (CompletionException | StoreException e) {
        Throwable cause =
            e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        boolean unavailable =
            cause instanceof StoreException se && se.reason() == StoreException.Reason.UNAVAILABLE;
        if (!unavailable || waited + delay > retry.budgetMillis()) {
          throw cause instanceof RuntimeException r ? r : e;
        }
        LOG.log(
            Level.WARNING,
            "commit of block {0} failed (attempt {1}), trying again in {2} ms: {3}",
            new Object[] {commit.height(), attempt, delay, cause.getMessage()});
        onCommitRetry.run();
        try {
          Thread.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new StoreException(
              StoreException.Reason.UNAVAILABLE, "interrupted while retrying a commit", cause);
        }
        waited += delay;
        delay = Math.min(delay * 2, retry.maxDelayMillis());
      }
    }
  }

  /**
   * The consensus core's check (proposals, its own proposal's filter), also used for transactions
   * relayed by peers and the mempool's re-check: {@link StateMachine#recheck}.
   */
  @Override
  public TxCheck validateTx(byte[] transaction) {
    return machine.recheck(transaction, reader);
  }

  /** The full check of a transaction a client submitted to this validator. */
  public TxCheck validateSubmission(byte[] transaction) {
    return machine.check(transaction, reader);
  }

  /** {@link #validateTx} of several transactions relayed by peers, in order. */
  public List<TxCheck> validateRelayed(List<RelayedTransaction> transactions) {
    return machine.recheckAllRelayed(transactions, reader);
  }

  /** {@link #validateSubmission} of several transactions at once, in order. */
  public List<TxCheck> validateSubmissions(List<byte[]> transactions) {
    return machine.checkAll(transactions, reader);
  }

  @Override
  public void apply(Block block) {
    if (block.height() != height) {
      // The core applies exactly what it just appended; anything else is a wiring bug.
      throw new IllegalStateException("apply " + block.height() + " but stored " + height);
    }
  }

  @Override
  public long lastAppliedHeight() {
    return height;
  }

  @Override
  public Hash32 stateHash() {
    return stateHash;
  }

  public Hash32 initialStateHash() {
    return initialStateHash;
  }

  /** Transaction ids of a block, in block order (for the mempool and receipts). */
  public List<Hash32> transactionIds(Block block) {
    List<Hash32> ids = new ArrayList<>();
    for (byte[] tx : block.transactions()) {
      ids.add(machine.transactionId(tx));
    }
    return ids;
  }

  private static CommittedBlock decode(StoredBlock stored) {
    Block block = Block.decode(stored.block());
    CanonicalReader r = new CanonicalReader(stored.commitCertificate());
    CommitCertificate certificate = CommitCertificate.readFrom(r);
    r.finish();
    return new CommittedBlock(block, certificate);
  }
}

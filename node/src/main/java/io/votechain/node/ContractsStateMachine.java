package io.votechain.node;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.core.Application;
import io.votechain.contract.BlockContext;
import io.votechain.contract.BlockResult;
import io.votechain.contract.ContractExecutor;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.ProofVerdicts;
import io.votechain.contract.StateKeys;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.group.PointHints;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.EncodingException;
import io.votechain.state.InMemoryState;
import io.votechain.state.OverlayState;
import io.votechain.state.StateEntry;
import io.votechain.state.StateKey;
import io.votechain.state.StateView;
import io.votechain.state.StateWrite;
import io.votechain.store.LedgerStore;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Validation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The voting contracts as the chain's state machine: every committed block runs through {@link
 * ContractExecutor#executeBlock} over the store's state, and its writes become the block's state
 * writes. The contracts' genesis (block 0: chain id, authority, parameters) is written together
 * with block 1, and its state hash is the consensus genesis's initial state hash ({@link
 * #genesisStateHash}).
 *
 * <p>{@link ContractExecutor} is not thread safe, so block execution and transaction checks each
 * have their own instance, each used under its own lock: the consensus driver executes blocks while
 * the API checks submissions.
 */
public final class ContractsStateMachine implements StateMachine {
  private final GenesisConfig genesis;
  private final ContractExecutor executing;
  private final ContractExecutor checking;
  private final Hash32 genesisStateHash;

  /**
   * Sixteen full blocks' worth: a pooled transaction is decoded when it arrives and found again by
   * the re-checks, the proposal's check and execution. Bounded by memory, not by the mempool (a
   * decoded 5-selection ballot holds about 13 KB; 8 192 of them about 100 MB); a transaction that
   * waited longer is decoded again.
   */
  private final DecodedTransactions decoded =
      new DecodedTransactions(DecodedTransactions.DEFAULT_CAPACITY_BYTES);

  private volatile Consumer<List<TxReceipt>> receipts = r -> {};

  public ContractsStateMachine(GenesisConfig genesis) {
    this.genesis = genesis;
    // Remembers verdicts for more transactions than a full mempool holds, so that the re-check
    // after each block verifies nothing twice.
    this.checking =
        ContractExecutor.forChecking(
            genesis, 2 * io.votechain.mempool.MempoolLimits.defaults().maxTransactions());
    // A block's ballots are verified on all cores (on a validator with a machine of its own this
    // divides the block's execution time by the cores), and the signatures the checks verified
    // when the transactions arrived are not verified again (docs/contracts.md §5.1).
    this.executing =
        ContractExecutor.forExecution(
            genesis,
            java.util.concurrent.ForkJoinPool.commonPool(),
            Runtime.getRuntime().availableProcessors(),
            checking);
    this.genesisStateHash = genesisStateHash(genesis);
  }

  /** The state hash of block 0: what the consensus genesis must carry as initial state hash. */
  public static Hash32 genesisStateHash(GenesisConfig genesis) {
    return new ContractExecutor(genesis).initialize(new InMemoryState());
  }

  /** Receives the receipts of each executed block (on the consensus thread). */
  public void onReceipts(Consumer<List<TxReceipt>> listener) {
    this.receipts = listener;
  }

  @Override
  public Application.TxCheck check(byte[] transaction, StateReader state) {
    return check(transaction, state, false);
  }

  /** Leaves a cast ballot's proofs to block execution's batch verification. */
  @Override
  public Application.TxCheck recheck(byte[] transaction, StateReader state) {
    return check(transaction, state, true);
  }

  /**
   * Checks a batch of submissions: the proofs of the cast ballots the state accepts are verified
   * together, in one batch per election and outside the checking lock, then each of those
   * transactions is checked as by {@link #check}, finding its ballot's verdict remembered. Batch
   * verification costs a fraction of one-by-one verification per ballot (docs/benchmarks.md), and a
   * submission's client still hears {@code BALLOT_INVALID} at once: the batch verifier names each
   * invalid ballot.
   */
  @Override
  public List<Application.TxCheck> checkAll(List<byte[]> transactions, StateReader state) {
    List<Application.TxCheck> deferring = verifyAhead(transactions, null, state);
    List<Application.TxCheck> checks = new ArrayList<>(transactions.size());
    for (int i = 0; i < transactions.size(); i++) {
      // One the state refuses is refused with the same code whatever its proofs (they are checked
      // last), so its check is already done.
      Application.TxCheck deferred = deferring.get(i);
      checks.add(deferred.ok() ? check(transactions.get(i), state, false) : deferred);
    }
    return checks;
  }

  /**
   * Re-checks a batch of relayed transactions, leaving proofs to execution as {@link #recheck}
   * does, but also verifies the proofs of the cast ballots it accepts in a batch (a lone ballot as
   * a batch of one) and remembers the verdicts, which block execution then looks up ({@link
   * ContractExecutor#forExecution}). Every validator verifies every ballot once either way; done
   * here, as the ballots arrive, it is off the consensus critical path: the block that carries them
   * executes without verifying them again.
   */
  @Override
  public List<Application.TxCheck> recheckAll(List<byte[]> transactions, StateReader state) {
    return recheckAllRelayed(transactions.stream().map(RelayedTransaction::of).toList(), state);
  }

  /**
   * {@link #recheckAll}, each transaction's points decoded from the y-coordinates its sender sent
   * along where they check out ({@link PointHints}): the square roots of point decompression cost a
   * validator about as much as the batch verification of the ballot (docs/benchmarks.md).
   */
  @Override
  public List<Application.TxCheck> recheckAllRelayed(
      List<RelayedTransaction> relayed, StateReader state) {
    List<byte[]> transactions = new ArrayList<>(relayed.size());
    List<byte[]> hints = new ArrayList<>(relayed.size());
    for (RelayedTransaction r : relayed) {
      transactions.add(r.bytes());
      hints.add(r.decodingAid());
    }
    return verifyAhead(transactions, hints, state);
  }

  /**
   * Keeps the relayed transaction's point hints until it is decoded: when this validator's queue of
   * relayed transactions lags behind the blocks, a proposal carries the transaction first, and its
   * check decodes it with them instead of square roots (docs/benchmarks.md, session 18).
   */
  @Override
  public void relayedWithAid(RelayedTransaction relayed) {
    decoded.keepHints(relayed.bytes(), relayed.decodingAid());
  }

  /** Points of relayed transactions decoded from their sender's hints, since start. */
  public long pointsDecodedFromHints() {
    return decoded.pointsFromHints();
  }

  /** Relayed point hints that failed a check, since start (a correct peer sends none). */
  public long pointHintsIgnored() {
    return decoded.hintsIgnored();
  }

  /**
   * The y-coordinates of the points of {@code transaction} as this validator decompressed them
   * ({@link PointHints}), sent along when it relays the transaction; empty if it was not decoded
   * from its bytes alone.
   */
  @Override
  public byte[] decodingAid(byte[] transaction) {
    try {
      return decoded.decode(transaction).pointHints().clone();
    } catch (EncodingException e) {
      return new byte[0];
    }
  }

  /**
   * Checks {@code transactions} as {@link #recheck} does, and batch-verifies the proofs of the
   * ballots among those it accepts into the checking executor's memory; their signatures are
   * verified first, outside the checking lock, into its thread-safe memory. {@code pointHints}
   * holds, for each transaction, the y-coordinates its sender sent along, or is null for a client's
   * submissions (decoded from their bytes alone).
   *
   * <p>A ballot the state refuses is not verified: its check has the same outcome whatever its
   * proofs. Under load that is most of the waste there was: when a validator's queue of relayed
   * transactions lags behind the blocks, the ballots it reaches have been committed already — their
   * proofs verified by the block's execution — and verifying them again slowed the queue further
   * (docs/benchmarks.md, session 18).
   *
   * @return the checks deferring proofs, in order
   */
  private List<Application.TxCheck> verifyAhead(
      List<byte[]> transactions, List<byte[]> pointHints, StateReader state) {
    List<Application.TxCheck> checks = new ArrayList<>(transactions.size());
    List<SignedTransaction> txs = new ArrayList<>(transactions.size());
    for (int i = 0; i < transactions.size(); i++) {
      byte[] bytes = transactions.get(i);
      try {
        txs.add(
            (pointHints == null ? decoded.decode(bytes) : decoded.decode(bytes, pointHints.get(i)))
                .tx());
        checks.add(null);
      } catch (EncodingException e) {
        txs.add(null);
        checks.add(Application.TxCheck.reject(SignedTransaction.rejection(e).code().name()));
      }
    }
    List<SignedTransaction> decodedTxs = txs.stream().filter(Objects::nonNull).toList();
    // Each check reads a few keys of its transaction's own, one after another and under the
    // checking lock; where a read is a round trip (Cassandra), fetch them all together first.
    state.prefetch(
        () -> {
          StateView view = view(state);
          List<byte[]> keys = new ArrayList<>();
          for (SignedTransaction tx : decodedTxs) {
            for (StateKey key : ContractExecutor.keysRead(tx, view)) {
              keys.add(key.bytes());
            }
          }
          return keys;
        });
    // Outside the lock: it only fills the executor's thread-safe signature memory.
    checking.verifySignaturesAhead(decodedTxs);
    List<SignedTransaction> accepted = new ArrayList<>();
    synchronized (checking) {
      StateView view = initialized(view(state), checking);
      for (int i = 0; i < txs.size(); i++) {
        SignedTransaction tx = txs.get(i);
        if (tx != null) {
          Validation v = checking.validateDeferringProofs(tx, view);
          checks.set(
              i, v.isOk() ? Application.TxCheck.OK : Application.TxCheck.reject(v.code().name()));
          if (v.isOk()) {
            accepted.add(tx);
          }
        }
      }
    }
    ProofVerdicts verdicts = ContractExecutor.verifyProofs(accepted, view(state));
    synchronized (checking) {
      checking.rememberProofVerdicts(verdicts);
    }
    return checks;
  }

  private Application.TxCheck check(byte[] transaction, StateReader state, boolean deferProofs) {
    SignedTransaction tx;
    try {
      tx = decoded.decode(transaction).tx();
    } catch (EncodingException e) {
      Validation v = SignedTransaction.rejection(e);
      return Application.TxCheck.reject(v.code().name());
    }
    synchronized (checking) {
      StateView view = initialized(view(state), checking);
      Validation v =
          deferProofs ? checking.validateDeferringProofs(tx, view) : checking.validate(tx, view);
      return v.isOk() ? Application.TxCheck.OK : Application.TxCheck.reject(v.code().name());
    }
  }

  @Override
  public Execution execute(Block block, StateReader state, Hash32 previous) {
    List<SignedTransaction> txs = new ArrayList<>();
    for (byte[] bytes : block.transactions()) {
      try {
        txs.add(decoded.decode(bytes).tx());
      } catch (EncodingException e) {
        // Consensus only lets checked transactions into a block; every validator skips alike.
      }
    }
    BlockResult result;
    OverlayState overlay;
    synchronized (executing) {
      overlay = initialized(view(state), executing);
      result =
          executing.executeBlock(
              new BlockContext(
                  block.height(), block.header().timestamp(), block.header().previousBlockHash()),
              txs,
              overlay,
              previous);
    }
    receipts.accept(result.receipts());
    List<io.votechain.store.StateWrite> writes = new ArrayList<>();
    for (StateWrite w : overlay.writes()) {
      byte[] key = w.key().bytes();
      writes.add(
          w.isDeletion()
              ? io.votechain.store.StateWrite.delete(key)
              : io.votechain.store.StateWrite.put(key, w.value().orElseThrow()));
    }
    writes.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
    return new Execution(writes, result.stateHash());
  }

  @Override
  public Hash32 transactionId(byte[] transaction) {
    try {
      return decoded.decode(transaction).id();
    } catch (EncodingException e) {
      return Sha256.hash(transaction);
    }
  }

  @Override
  public byte[] sender(byte[] transaction) {
    try {
      return decoded.decode(transaction).tx().signer().encoded();
    } catch (EncodingException e) {
      return Sha256.hash(transaction).bytes();
    }
  }

  /** The decoding of {@code transaction}, from the cache when it was decoded before. */
  public SignedTransaction decode(byte[] transaction) {
    return decoded.decode(transaction).tx();
  }

  /** How many ballot-proof verdicts the checks remember for block execution (tests, metrics). */
  public int rememberedProofVerdicts() {
    // Without the checking lock: the memory is thread safe, and a metrics scrape on an event loop
    // must not wait for a batch of checks.
    return checking.rememberedProofVerdicts();
  }

  public Hash32 genesisStateHash() {
    return genesisStateHash;
  }

  public GenesisConfig genesis() {
    return genesis;
  }

  /** The committed state, with block 0's writes overlaid until block 1 has made them durable. */
  private static OverlayState initialized(StateView committed, ContractExecutor executor) {
    OverlayState overlay = new OverlayState(committed);
    if (committed.get(StateKeys.CHAIN_ID).isEmpty()) {
      executor.initialize(overlay);
    }
    return overlay;
  }

  /** The store's state as the contracts' read-only {@link StateView}. */
  static StateView view(StateReader reader) {
    return new StateView() {
      @Override
      public Optional<byte[]> get(StateKey key) {
        return reader.get(key.bytes());
      }

      @Override
      public void put(StateKey key, byte[] value) {
        throw new UnsupportedOperationException("the committed state is written only by commits");
      }

      @Override
      public void delete(StateKey key) {
        throw new UnsupportedOperationException("the committed state is written only by commits");
      }

      @Override
      public List<StateEntry> scan(String prefix) {
        List<StateEntry> out = new ArrayList<>();
        for (io.votechain.store.StateEntry e :
            reader.folder(prefix.getBytes(StandardCharsets.UTF_8))) {
          out.add(
              new StateEntry(new StateKey(new String(e.key(), StandardCharsets.UTF_8)), e.value()));
        }
        return out;
      }
    };
  }

  /** For wiring: a reader over a ledger store. */
  static StateReader reader(LedgerStore store) {
    return new StateReader() {
      @Override
      public Optional<byte[]> get(byte[] key) {
        return store.state(key).toCompletableFuture().join();
      }

      @Override
      public List<io.votechain.store.StateEntry> folder(byte[] folder) {
        return store.stateFolder(folder).toCompletableFuture().join();
      }

      @Override
      public void prefetch(java.util.function.Supplier<List<byte[]>> keys) {
        store.prefetch(keys).toCompletableFuture().join();
      }
    };
  }
}

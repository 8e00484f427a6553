package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.core.BlockBuilder;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.store.BlockCommit;
import io.votechain.store.ForwardingLedgerStore;
import io.votechain.store.StoreException;
import io.votechain.store.rocksdb.RocksDbLedgerStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decided block's commit is tried again while the store is unavailable, within a budget, and
 * never for a failure that retrying cannot mend (docs/storage.md §1, "When a commit fails").
 */
class LedgerApplicationTest {
  private static final Hash32 CHAIN = Sha256.hash("ledger-application-test".getBytes());
  private static final CommitRetry FAST = new CommitRetry(1, 4, 40);

  @TempDir Path dir;
  private RocksDbLedgerStore rocks;
  private FailingCommits store;

  @BeforeEach
  void open() {
    rocks = RocksDbLedgerStore.open(dir.resolve("ledger"));
    store = new FailingCommits(rocks);
  }

  @AfterEach
  void close() {
    rocks.close();
  }

  private static CommittedBlock block(long height, String... txs) {
    List<byte[]> list = new java.util.ArrayList<>();
    for (String t : txs) {
      list.add(t.getBytes(StandardCharsets.UTF_8));
    }
    Block b =
        BlockBuilder.build(CHAIN, height, 0, 5, CHAIN, Hash32.ZERO, Optional.empty(), 0, list);
    Ed25519Signer key = Ed25519Signer.generate(new SecureRandom());
    Vote v = new Vote(VoteType.PRECOMMIT, height, 0, Optional.of(b.hash()), 0);
    return new CommittedBlock(
        b, CommitCertificate.of(List.of(new SignedVote(v, key.sign(v.signBytes(CHAIN))))));
  }

  private LedgerApplication ledger(CommitRetry retry) {
    return new LedgerApplication(store, new NotaryStateMachine(), Hash32.ZERO, retry);
  }

  private static StoreException unavailable() {
    return new StoreException(StoreException.Reason.UNAVAILABLE, "timed out (injected)");
  }

  @Test
  void aCommitIsTriedAgainWhileTheStoreIsUnavailableAndLandsOnce() {
    LedgerApplication ledger = ledger(FAST);
    AtomicInteger retries = new AtomicInteger();
    ledger.onCommitRetry(retries::incrementAndGet);
    store.failures.add(Failure.BEFORE_WRITING);
    store.failures.add(Failure.BEFORE_WRITING);
    // The write lands but its answer is lost (a timeout after the fact): the retry finds it there.
    store.failures.add(Failure.AFTER_WRITING);

    ledger.append(block(1, "a", "b"));

    assertEquals(4, store.attempts.get());
    assertEquals(3, retries.get());
    assertEquals(1, ledger.lastHeight());
    assertEquals(1L, rocks.latestHeight().toCompletableFuture().join());
    assertEquals(
        ledger.stateHash(),
        rocks.blockAt(1).toCompletableFuture().join().orElseThrow().stateHash());
    ledger.append(block(2, "c"));
    assertEquals(2, ledger.lastHeight());
  }

  @Test
  void aStoreStillUnavailableAfterTheBudgetStopsTheValidatorAndARestartGoesOn() {
    LedgerApplication ledger = ledger(FAST);
    for (int i = 0; i < 100; i++) {
      store.failures.add(Failure.BEFORE_WRITING);
    }
    StoreException e = assertThrows(StoreException.class, () -> ledger.append(block(1, "a")));
    assertEquals(StoreException.Reason.UNAVAILABLE, e.reason());
    // Waits of 1, 2, 4, 4, … ms fit a budget of 40 ms eleven times: the twelfth attempt fails last.
    assertEquals(12, store.attempts.get());
    assertEquals(0, ledger.lastHeight(), "nothing is taken as committed");

    store.failures.clear();
    LedgerApplication restarted = ledger(FAST);
    assertEquals(0, restarted.lastHeight());
    restarted.append(block(1, "a"));
    assertEquals(1, restarted.lastHeight());
  }

  @Test
  void aFailureThatRetryingCannotMendIsNotRetried() {
    LedgerApplication ledger = ledger(FAST);
    store.failures.add(Failure.CONFLICT);
    StoreException e = assertThrows(StoreException.class, () -> ledger.append(block(1, "a")));
    assertEquals(StoreException.Reason.CONFLICT, e.reason());
    assertEquals(1, store.attempts.get());
    assertEquals(0, ledger.lastHeight());
  }

  @Test
  void withNoBudgetTheFirstFailureStops() {
    LedgerApplication ledger = ledger(new CommitRetry(1, 1, 0));
    store.failures.add(Failure.BEFORE_WRITING);
    assertThrows(StoreException.class, () -> ledger.append(block(1, "a")));
    assertEquals(1, store.attempts.get());
    assertTrue(rocks.blockAt(1).toCompletableFuture().join().isEmpty());
  }

  private enum Failure {
    BEFORE_WRITING,
    AFTER_WRITING,
    CONFLICT
  }

  /** A real store whose next commits fail as told: a store cannot be made to time out at will. */
  private static final class FailingCommits extends ForwardingLedgerStore {
    final Deque<Failure> failures = new ArrayDeque<>();
    final AtomicInteger attempts = new AtomicInteger();

    FailingCommits(RocksDbLedgerStore store) {
      super(store);
    }

    @Override
    public CompletionStage<Void> commit(BlockCommit commit) {
      attempts.incrementAndGet();
      Failure next = failures.poll();
      if (next == null) {
        return store.commit(commit);
      }
      return switch (next) {
        case BEFORE_WRITING -> CompletableFuture.failedFuture(unavailable());
        case AFTER_WRITING ->
            store.commit(commit).thenCompose(x -> CompletableFuture.failedFuture(unavailable()));
        case CONFLICT ->
            CompletableFuture.failedFuture(
                new StoreException(StoreException.Reason.CONFLICT, "injected"));
      };
    }

    @Override
    public void close() {
      // The test closes the store it opened.
    }
  }
}

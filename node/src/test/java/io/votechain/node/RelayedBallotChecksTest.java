package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.core.Application.TxCheck;
import io.votechain.contract.BlockContext;
import io.votechain.contract.ContractExecutor;
import io.votechain.crypto.group.PointHints;
import io.votechain.crypto.hash.Hash32;
import io.votechain.record.chain.LedgerBlock;
import io.votechain.state.InMemoryState;
import io.votechain.state.StateKey;
import io.votechain.tx.CastBallot;
import io.votechain.tx.SignedTransaction;
import io.votechain.verifier.RecordedElection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Relayed transactions are re-checked in batches, and the proofs of their ballots are verified in
 * that batch, ahead of the block that will carry them (docs/contracts.md §5.1).
 */
class RelayedBallotChecksTest {
  private static final RecordedElection ELECTION = RecordedElection.shared();

  /** The recorded election's committed state as the node's state reader. */
  private static final StateMachine.StateReader STATE = reader(ELECTION::state);

  private static StateMachine.StateReader reader(
      java.util.function.Function<StateKey, Optional<byte[]>> state) {
    return new StateMachine.StateReader() {
      @Override
      public Optional<byte[]> get(byte[] key) {
        return state.apply(new StateKey(new String(key, StandardCharsets.UTF_8)));
      }

      @Override
      public List<io.votechain.store.StateEntry> folder(byte[] folder) {
        throw new UnsupportedOperationException("not needed by these checks");
      }
    };
  }

  /** The state after block {@code height} of the recorded election, its blocks executed again. */
  private static StateMachine.StateReader stateAfter(long height) {
    InMemoryState state = new InMemoryState();
    ContractExecutor executor = new ContractExecutor(ELECTION.genesis());
    Hash32 stateHash = executor.initialize(state);
    for (long h = 1; h <= height; h++) {
      LedgerBlock block = ELECTION.block(h);
      stateHash =
          executor
              .executeBlock(
                  new BlockContext(
                      h, block.header().timestamp(), block.header().previousBlockHash()),
                  block.transactions().stream().map(SignedTransaction::decode).toList(),
                  state,
                  stateHash)
              .stateHash();
    }
    return reader(state::get);
  }

  /** The height of the first block that holds a cast ballot. */
  private static long firstBallotHeight() {
    for (long h = 1; h <= ELECTION.latestHeight(); h++) {
      for (byte[] tx : ELECTION.block(h).transactions()) {
        if (SignedTransaction.decode(tx).body() instanceof CastBallot) {
          return h;
        }
      }
    }
    throw new IllegalStateException("the recorded election has no ballots");
  }

  private static List<byte[]> castBallots() {
    List<byte[]> casts = new ArrayList<>();
    for (long h = 1; h <= ELECTION.latestHeight(); h++) {
      LedgerBlock block = ELECTION.block(h);
      for (byte[] tx : block.transactions()) {
        if (SignedTransaction.decode(tx).body() instanceof CastBallot) {
          casts.add(tx);
        }
      }
    }
    return casts;
  }

  @Test
  void relayedBallotsAreVerifiedAheadALoneOneAsABatchOfOne() {
    List<byte[]> casts = castBallots();
    assertTrue(casts.size() >= 3, "the recorded election has ballots");
    // While the election is open, before its first ballot is committed.
    StateMachine.StateReader open = stateAfter(firstBallotHeight() - 1);
    ContractsStateMachine machine = new ContractsStateMachine(ELECTION.genesis());

    List<TxCheck> lone = machine.recheckAll(casts.subList(0, 1), open);
    assertEquals(List.of(TxCheck.OK), lone);
    assertEquals(1, machine.rememberedProofVerdicts(), "a lone ballot is a batch of one");

    List<TxCheck> batch = machine.recheckAll(casts, open);
    assertEquals(casts.size(), batch.size());
    assertEquals(accepted(casts, open), machine.rememberedProofVerdicts());
  }

  /**
   * How many of {@code casts} the state accepts; the others (a kiosk's ballot before its voter's
   * check-in) are not verified ahead.
   */
  private static int accepted(List<byte[]> casts, StateMachine.StateReader state) {
    ContractsStateMachine alone = new ContractsStateMachine(ELECTION.genesis());
    int accepted = 0;
    for (byte[] tx : casts) {
      accepted += alone.recheck(tx, state).ok() ? 1 : 0;
    }
    return accepted;
  }

  @Test
  void onlyTheBallotsTheStateAcceptsAreVerifiedAhead() {
    List<byte[]> casts = castBallots();
    ContractsStateMachine alone = new ContractsStateMachine(ELECTION.genesis());
    // After the first ballot's block: that ballot is committed (as a relayed one is when its
    // validator's queue lags behind the blocks), the others are still to come.
    StateMachine.StateReader voting = stateAfter(firstBallotHeight());
    int acceptedThen = accepted(casts, voting);
    assertFalse(alone.recheck(casts.get(0), voting).ok(), "the first ballot is committed");
    assertTrue(acceptedThen > 0 && acceptedThen < casts.size(), "some accepted, some refused");

    ContractsStateMachine relayedTo = new ContractsStateMachine(ELECTION.genesis());
    List<TxCheck> relayed = relayedTo.recheckAll(casts, voting);
    assertEquals(acceptedThen, relayedTo.rememberedProofVerdicts(), "the refused not verified");
    ContractsStateMachine submittedTo = new ContractsStateMachine(ELECTION.genesis());
    List<TxCheck> submitted = submittedTo.checkAll(casts, voting);
    assertEquals(acceptedThen, submittedTo.rememberedProofVerdicts(), "the refused not verified");
    for (int i = 0; i < casts.size(); i++) {
      assertEquals(alone.recheck(casts.get(i), voting), relayed.get(i), "relayed " + i);
      assertEquals(alone.check(casts.get(i), voting), submitted.get(i), "submitted " + i);
    }

    // After the election's close every ballot is refused, and none is verified.
    ContractsStateMachine late = new ContractsStateMachine(ELECTION.genesis());
    late.recheckAll(casts, STATE);
    late.checkAll(casts, STATE);
    assertEquals(0, late.rememberedProofVerdicts());
  }

  @Test
  void aRelayedTransactionIsJudgedAsTheOneByOneRecheckJudgesIt() {
    List<byte[]> casts = castBallots();
    ContractsStateMachine batched = new ContractsStateMachine(ELECTION.genesis());
    ContractsStateMachine alone = new ContractsStateMachine(ELECTION.genesis());
    List<byte[]> mixed = new ArrayList<>(casts);
    mixed.add(new byte[] {1, 2, 3});
    List<TxCheck> checks = batched.recheckAll(mixed, STATE);
    for (int i = 0; i < mixed.size(); i++) {
      assertEquals(alone.recheck(mixed.get(i), STATE), checks.get(i), "transaction " + i);
    }
  }

  @Test
  void aBallotRelayedWithItsPointsYCoordinatesDecodesWithoutSquareRootsAndIsJudgedTheSame() {
    List<byte[]> casts = castBallots();
    StateMachine.StateReader open = stateAfter(firstBallotHeight() - 1);
    // The validator its client submitted to decompresses the points and keeps their y.
    ContractsStateMachine sender = new ContractsStateMachine(ELECTION.genesis());
    sender.checkAll(casts, open);
    List<RelayedTransaction> relayed = new ArrayList<>();
    long points = 0;
    for (byte[] tx : casts) {
      byte[] aid = sender.decodingAid(tx);
      assertTrue(aid.length > 0 && aid.length % PointHints.HINT_LENGTH == 0, "hints of a ballot");
      points += aid.length / PointHints.HINT_LENGTH;
      relayed.add(new RelayedTransaction(tx, aid));
    }

    ContractsStateMachine receiver = new ContractsStateMachine(ELECTION.genesis());
    ContractsStateMachine alone = new ContractsStateMachine(ELECTION.genesis());
    List<TxCheck> checks = receiver.recheckAllRelayed(relayed, open);
    assertEquals(points, receiver.pointsDecodedFromHints(), "every point from its hint");
    assertEquals(0, receiver.pointHintsIgnored());
    assertEquals(accepted(casts, open), receiver.rememberedProofVerdicts());
    for (int i = 0; i < casts.size(); i++) {
      assertEquals(alone.recheck(casts.get(i), open), checks.get(i), "transaction " + i);
      assertEquals(
          SignedTransaction.decode(casts.get(i)).id(),
          receiver.transactionId(casts.get(i)),
          "the same transaction, canonical bytes unchanged");
    }

    // Hints are trusted for nothing: corrupted ones are ignored and change no verdict.
    ContractsStateMachine misled = new ContractsStateMachine(ELECTION.genesis());
    List<RelayedTransaction> corrupted = new ArrayList<>();
    for (RelayedTransaction r : relayed) {
      byte[] aid = r.decodingAid().clone();
      for (int at = 31; at < aid.length; at += 2 * PointHints.HINT_LENGTH) {
        aid[at] ^= 1; // every other hint's parity flipped
      }
      corrupted.add(new RelayedTransaction(r.bytes(), aid));
    }
    List<TxCheck> misledChecks = misled.recheckAllRelayed(corrupted, open);
    assertEquals(checks, misledChecks);
    assertTrue(misled.pointHintsIgnored() > 0);
    assertEquals(points, misled.pointsDecodedFromHints() + misled.pointHintsIgnored());
  }

  @Test
  void aProposalCarryingRelayedBallotsBeforeTheirCheckDecodesThemWithTheHintsTheyCameWith() {
    List<byte[]> casts = castBallots();
    StateMachine.StateReader open = stateAfter(firstBallotHeight() - 1);
    ContractsStateMachine sender = new ContractsStateMachine(ELECTION.genesis());
    sender.checkAll(casts, open);
    ContractsStateMachine receiver = new ContractsStateMachine(ELECTION.genesis());
    long points = 0;
    for (byte[] tx : casts) {
      byte[] aid = sender.decodingAid(tx);
      points += aid.length / PointHints.HINT_LENGTH;
      receiver.relayedWithAid(new RelayedTransaction(tx, aid));
    }
    // The proposal's check, one transaction at a time, before the relayed ones' batch check.
    ContractsStateMachine alone = new ContractsStateMachine(ELECTION.genesis());
    for (byte[] tx : casts) {
      assertEquals(alone.recheck(tx, open), receiver.recheck(tx, open));
    }
    assertEquals(points, receiver.pointsDecodedFromHints(), "every point from its hint");
    assertEquals(0, receiver.pointHintsIgnored());
  }
}

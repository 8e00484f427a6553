package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.core.Application.TxCheck;
import io.votechain.crypto.group.PointHints;
import io.votechain.record.chain.LedgerBlock;
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
  private static final StateMachine.StateReader STATE =
      new StateMachine.StateReader() {
        @Override
        public Optional<byte[]> get(byte[] key) {
          return ELECTION.state(new StateKey(new String(key, StandardCharsets.UTF_8)));
        }

        @Override
        public List<io.votechain.store.StateEntry> folder(byte[] folder) {
          throw new UnsupportedOperationException("not needed by these checks");
        }
      };

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
    ContractsStateMachine machine = new ContractsStateMachine(ELECTION.genesis());

    // The election is closed by now, so every check refuses; what matters is what was verified.
    List<TxCheck> lone = machine.recheckAll(casts.subList(0, 1), STATE);
    assertEquals(1, lone.size());
    assertEquals(1, machine.rememberedProofVerdicts(), "a lone ballot is a batch of one");

    List<TxCheck> batch = machine.recheckAll(casts, STATE);
    assertEquals(casts.size(), batch.size());
    assertEquals(casts.size(), machine.rememberedProofVerdicts());
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
    // The validator its client submitted to decompresses the points and keeps their y.
    ContractsStateMachine sender = new ContractsStateMachine(ELECTION.genesis());
    sender.checkAll(casts, STATE);
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
    List<TxCheck> checks = receiver.recheckAllRelayed(relayed, STATE);
    assertEquals(points, receiver.pointsDecodedFromHints(), "every point from its hint");
    assertEquals(0, receiver.pointHintsIgnored());
    assertEquals(casts.size(), receiver.rememberedProofVerdicts());
    for (int i = 0; i < casts.size(); i++) {
      assertEquals(alone.recheck(casts.get(i), STATE), checks.get(i), "transaction " + i);
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
    List<TxCheck> misledChecks = misled.recheckAllRelayed(corrupted, STATE);
    assertEquals(checks, misledChecks);
    assertTrue(misled.pointHintsIgnored() > 0);
    assertEquals(points, misled.pointsDecodedFromHints() + misled.pointHintsIgnored());
  }
}

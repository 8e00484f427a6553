package io.votechain.ballot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.proof.RangeProofResult;
import io.votechain.encoding.EncodingException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BallotBatchVerifierTest {
  private static final BallotFixtures F = new BallotFixtures(2);
  private static final BallotStyle STYLE = BallotFixtures.TWO_CONTESTS;
  private static final Map<String, BallotStyle> STYLES =
      Map.of(STYLE.styleId(), STYLE, "approval-5", BallotFixtures.FIVE_OF_FIVE);
  private static final List<EncryptedBallot> VALID = validBallots(12);

  private static List<EncryptedBallot> validBallots(int n) {
    List<EncryptedBallot> ballots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BallotStyle style = i % 3 == 2 ? BallotFixtures.FIVE_OF_FIVE : STYLE;
      ballots.add(F.encryptRandom(style, "ballot-" + i));
    }
    return List.copyOf(ballots);
  }

  private static EncryptedBallot overTheLimit(String id) {
    return F.encryptor.encryptUnchecked(
        STYLE,
        new PlaintextBallot(id, STYLE.styleId(), List.of(List.of(1, 1, 0), List.of(0, 0, 0, 0))),
        new BallotNonces(id, F.nonce()));
  }

  private static EncryptedBallot valueTwo(String id) {
    return F.encryptor.encryptUnchecked(
        STYLE,
        new PlaintextBallot(id, STYLE.styleId(), List.of(List.of(0, 0, 0), List.of(0, 0, 2, 0))),
        new BallotNonces(id, F.nonce()));
  }

  private static List<EncryptedBallot> replace(
      List<EncryptedBallot> ballots, int index, EncryptedBallot bad) {
    List<EncryptedBallot> copy = new ArrayList<>(ballots);
    copy.set(index, bad);
    return copy;
  }

  private static BatchVerification oneByOne(List<EncryptedBallot> ballots) {
    List<BatchVerification.InvalidBallot> invalid = new ArrayList<>();
    for (int i = 0; i < ballots.size(); i++) {
      EncryptedBallot b = ballots.get(i);
      BallotStyle style = STYLES.get(b.styleId());
      BallotVerification v =
          style == null
              ? new BallotVerification(
                  BallotVerification.Reason.UNKNOWN_STYLE, -1, -1, RangeProofResult.VALID)
              : BallotVerifier.verify(F.context, style, b);
      if (!v.isValid()) {
        invalid.add(new BatchVerification.InvalidBallot(i, b.ballotId(), v));
      }
    }
    return new BatchVerification(ballots.size(), invalid);
  }

  private final BallotBatchVerifier verifier = new BallotBatchVerifier(F.context);

  @Nested
  class Verify {
    @Test
    void acceptsAnAllValidBatch() {
      BatchVerification result = verifier.verify(STYLES, VALID);
      assertTrue(result.allValid());
      assertEquals(VALID.size(), result.size());
    }

    @Test
    void acceptsAnEmptyBatch() {
      assertTrue(verifier.verify(STYLES, List.of()).allValid());
    }

    @Test
    void namesExactlyTheOneBadBallot() {
      List<EncryptedBallot> batch = replace(VALID, 7, overTheLimit("bad-7"));
      BatchVerification result = verifier.verify(STYLES, batch);
      assertEquals(1, result.invalid().size());
      BatchVerification.InvalidBallot bad = result.invalid().get(0);
      assertEquals(7, bad.index());
      assertEquals("bad-7", bad.ballotId());
      assertEquals(BallotVerification.Reason.CONTEST_PROOF_INVALID, bad.reason().reason());
      assertEquals(oneByOne(batch), result);
    }

    @Test
    void namesBothBadBallotsWithTheirReasons() {
      List<EncryptedBallot> batch =
          replace(replace(VALID, 0, valueTwo("bad-0")), 10, overTheLimit("bad-10"));
      BatchVerification result = verifier.verify(STYLES, batch);
      assertEquals(List.of(0, 10), result.invalid().stream().map(b -> b.index()).toList());
      assertEquals(
          new BallotVerification(
              BallotVerification.Reason.SELECTION_PROOF_INVALID,
              1,
              2,
              new RangeProofResult(RangeProofResult.Reason.COMMITMENT_B_MISMATCH, 0)),
          result.invalid().get(0).reason());
      assertEquals(oneByOne(batch), result);
    }

    @Test
    void reportsTheFirstFailureInBallotOrderLikeTheOneByOneVerifier() {
      // Contest 0 fails a group equation (a mark of 2); contest 1 fails its challenge (an altered
      // ciphertext). The batch checks challenges first, but must name contest 0 as §6.6 does.
      String id = "two-faults";
      EncryptedBallot b =
          F.encryptor.encryptUnchecked(
              STYLE,
              new PlaintextBallot(
                  id, STYLE.styleId(), List.of(List.of(0, 2, 0), List.of(0, 0, 0, 0))),
              new BallotNonces(id, F.nonce()));
      EncryptedContest board = b.contests().get(1);
      List<EncryptedSelection> selections = new ArrayList<>(board.selections());
      EncryptedSelection s0 = selections.get(0);
      selections.set(
          0,
          new EncryptedSelection(
              new io.votechain.crypto.elgamal.Ciphertext(
                  s0.ciphertext().alpha(),
                  s0.ciphertext().beta().add(io.votechain.crypto.group.P256.G)),
              s0.proof()));
      EncryptedBallot faulty =
          new EncryptedBallot(
              id,
              b.styleId(),
              List.of(
                  b.contests().get(0),
                  new EncryptedContest("board", selections, board.sumProof())));
      BatchVerification result = verifier.verify(STYLES, replace(VALID, 5, faulty));
      assertEquals(1, result.invalid().size());
      BallotVerification reason = result.invalid().get(0).reason();
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, reason.reason());
      assertEquals(0, reason.contest());
      assertEquals(1, reason.selection());
      assertEquals(BallotVerifier.verify(F.context, STYLE, faulty), reason);
    }

    @Test
    void namesABallotOfAnUnknownStyleWithoutCheckingItsProofs() {
      EncryptedBallot b = VALID.get(1);
      List<EncryptedBallot> batch =
          replace(VALID, 1, new EncryptedBallot(b.ballotId(), "unknown", b.contests()));
      BatchVerification result = verifier.verify(STYLES, batch);
      assertEquals(1, result.invalid().size());
      assertEquals(
          BallotVerification.Reason.UNKNOWN_STYLE, result.invalid().get(0).reason().reason());
    }

    @Test
    void theWeightSeedDependsOnEveryBallotAndTheirOrder() {
      io.votechain.crypto.hash.Hash32[] hashes = new io.votechain.crypto.hash.Hash32[3];
      for (int i = 0; i < 3; i++) {
        hashes[i] = VALID.get(i).hash(F.context.extendedBaseHash());
      }
      io.votechain.crypto.hash.Hash32 seed = verifier.seed(hashes);
      io.votechain.crypto.hash.Hash32[] swapped = {hashes[1], hashes[0], hashes[2]};
      io.votechain.crypto.hash.Hash32[] changed = {
        hashes[0], hashes[1], VALID.get(3).hash(F.context.extendedBaseHash())
      };
      assertTrue(!seed.equals(verifier.seed(swapped)) && !seed.equals(verifier.seed(changed)));
      assertEquals(seed, verifier.seed(hashes.clone()));
    }

    @Test
    void givesTheSameVerdictOnTwoThreadsAndInAnyNumberOfParts() {
      List<EncryptedBallot> batch =
          replace(replace(VALID, 3, valueTwo("bad-3")), 4, overTheLimit("bad-4"));
      BatchVerification expected = verifier.verify(STYLES, batch);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int parts : new int[] {1, 2, 5, 40}) {
          assertEquals(expected, verifier.verify(STYLES, batch, pool, parts));
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Nested
  class AgreesWithOneByOne {
    /**
     * Flips one random byte of one random ballot of a batch (or two ballots), re-decodes and
     * compares the batch verdict with the one-by-one verdicts. Mutations that make the encoding
     * undecodable are what the decoder is for; they are counted and skipped.
     */
    @Test
    void onRandomMutations() {
      SecureRandom random = BallotFixtures.seeded(99);
      List<EncryptedBallot> base = VALID.subList(0, 6);
      int decodable = 0;
      int rejected = 0;
      for (int round = 0; round < 40; round++) {
        List<EncryptedBallot> batch = new ArrayList<>(base);
        int mutations = 1 + random.nextInt(2);
        for (int m = 0; m < mutations; m++) {
          int index = random.nextInt(batch.size());
          byte[] bytes = batch.get(index).encode();
          int at = random.nextInt(bytes.length);
          bytes[at] ^= (byte) (1 << random.nextInt(8));
          try {
            batch.set(index, EncryptedBallot.decode(bytes));
            decodable++;
          } catch (EncodingException e) {
            continue;
          }
        }
        BatchVerification batchVerdict = verifier.verify(STYLES, batch);
        assertEquals(oneByOne(batch), batchVerdict, "round " + round);
        if (!batchVerdict.allValid()) {
          rejected++;
        }
      }
      assertTrue(decodable > 10, "enough mutations survive decoding: " + decodable);
      assertTrue(rejected > 10, "enough batches are rejected: " + rejected);
    }
  }
}

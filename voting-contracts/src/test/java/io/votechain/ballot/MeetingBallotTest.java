package io.votechain.ballot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.proof.RangeProofResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The weighted meeting ballot (docs/crypto.md §11): three selections per resolution, each 0 or the
 * holder's weight, each resolution summing to exactly the weight.
 */
class MeetingBallotTest {
  private static final BallotFixtures F = new BallotFixtures(11);

  /** Two resolutions of three choices (for, against, abstain), limit 1. */
  private static final BallotStyle MEETING =
      new BallotStyle(
          "agm-2026",
          List.of(ContestDescription.of("accounts", 3, 1), ContestDescription.of("auditor", 3, 1)));

  private static final long WEIGHT = 1_250;
  private static final BallotStyle HOLDER = MEETING.withWeight(WEIGHT);
  private static final MeetingBallotEncryptor ENCRYPTOR = new MeetingBallotEncryptor(F.context);

  private static PlaintextBallot plaintext(String id, List<Integer> first, List<Integer> second) {
    return new PlaintextBallot(id, MEETING.styleId(), List.of(first, second));
  }

  private static EncryptedBallot encrypt(PlaintextBallot p) {
    return ENCRYPTOR.encrypt(HOLDER, p, F.random).ballot();
  }

  private static EncryptedBallot encryptUnchecked(PlaintextBallot p) {
    return ENCRYPTOR.encryptUnchecked(HOLDER, p, new BallotNonces(p.ballotId(), F.nonce()));
  }

  @Nested
  class Encrypt {
    @Test
    void theMarkedChoiceEncryptsTheHoldersWeightAndEachResolutionSumsToIt() {
      EncryptedBallot b = encrypt(plaintext("m1", List.of(1, 0, 0), List.of(0, 0, 1)));
      List<List<Long>> expected = List.of(List.of(WEIGHT, 0L, 0L), List.of(0L, 0L, WEIGHT));
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          assertEquals(
              P256.G.multiply(Scalar.of(expected.get(i).get(j))),
              F.secretKey.decryptToPoint(b.contests().get(i).selections().get(j).ciphertext()));
        }
        assertEquals(
            P256.G.multiply(Scalar.of(WEIGHT)),
            F.secretKey.decryptToPoint(b.contests().get(i).sum()));
      }
    }

    @Test
    void aResolutionWithoutAMarkOrWithTwoIsRefused() {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              ENCRYPTOR.encrypt(
                  HOLDER, plaintext("m2", List.of(0, 0, 0), List.of(1, 0, 0)), F.random));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              ENCRYPTOR.encrypt(
                  HOLDER, plaintext("m3", List.of(1, 1, 0), List.of(1, 0, 0)), F.random));
    }

    @Test
    void aDisclosedNonceReproducesTheBallotForTheBenalohCheck() {
      PlaintextBallot p = plaintext("m4", List.of(0, 1, 0), List.of(1, 0, 0));
      BallotEncryptor.Encrypted e = ENCRYPTOR.encrypt(HOLDER, p, F.random);
      assertTrue(SpoiledBallotCheck.check(F.context, HOLDER, e.ballot(), e.nonces(), p).matches());
      PlaintextBallot other = plaintext("m4", List.of(1, 0, 0), List.of(1, 0, 0));
      assertEquals(
          SpoiledBallotCheck.Reason.SELECTION_MISMATCH,
          SpoiledBallotCheck.check(F.context, HOLDER, e.ballot(), e.nonces(), other).reason());
    }
  }

  @Nested
  class Verify {
    @Test
    void anHonestBallotVerifiesForTheHoldersWeight() {
      EncryptedBallot b = encrypt(plaintext("v1", List.of(0, 0, 1), List.of(0, 1, 0)));
      assertEquals(BallotVerification.VALID, MeetingBallotVerifier.verify(F.context, HOLDER, b));
    }

    @Test
    void proofFailsForAnotherWeight() {
      EncryptedBallot b = encrypt(plaintext("v2", List.of(1, 0, 0), List.of(1, 0, 0)));
      for (long wrong : new long[] {WEIGHT - 1, WEIGHT + 1, 1}) {
        BallotVerification v =
            MeetingBallotVerifier.verify(F.context, MEETING.withWeight(wrong), b);
        assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, v.reason());
        assertEquals(0, v.contest());
        assertEquals(0, v.selection());
        assertEquals(RangeProofResult.Reason.CHALLENGE_MISMATCH, v.proof().reason());
      }
    }

    @Test
    void proofFailsForAChangedCiphertext() {
      EncryptedBallot b = encrypt(plaintext("v3", List.of(1, 0, 0), List.of(0, 1, 0)));
      EncryptedSelection first = b.contests().get(1).selections().get(0);
      EncryptedSelection second = b.contests().get(1).selections().get(1);
      // the "for" and "against" ciphertexts swapped, each keeping its own proof
      EncryptedSelection swappedFirst = new EncryptedSelection(second.ciphertext(), first.proof());
      EncryptedSelection swappedSecond = new EncryptedSelection(first.ciphertext(), second.proof());
      EncryptedContest changed =
          new EncryptedContest(
              "auditor",
              List.of(swappedFirst, swappedSecond, b.contests().get(1).selections().get(2)),
              b.contests().get(1).sumProof());
      EncryptedBallot tampered =
          new EncryptedBallot("v3", b.styleId(), List.of(b.contests().get(0), changed));
      BallotVerification v = MeetingBallotVerifier.verify(F.context, HOLDER, tampered);
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, v.reason());
      assertEquals(1, v.contest());
      assertEquals(0, v.selection());
    }

    @Test
    void proofFailsForAResolutionWithTwoMarks() {
      EncryptedBallot b = encryptUnchecked(plaintext("v4", List.of(1, 1, 0), List.of(1, 0, 0)));
      BallotVerification v = MeetingBallotVerifier.verify(F.context, HOLDER, b);
      assertEquals(BallotVerification.Reason.CONTEST_PROOF_INVALID, v.reason());
      assertEquals(0, v.contest());
      assertEquals(-1, v.selection());
    }

    @Test
    void proofFailsForAResolutionLeftBlank() {
      EncryptedBallot b = encryptUnchecked(plaintext("v5", List.of(1, 0, 0), List.of(0, 0, 0)));
      BallotVerification v = MeetingBallotVerifier.verify(F.context, HOLDER, b);
      assertEquals(BallotVerification.Reason.CONTEST_PROOF_INVALID, v.reason());
      assertEquals(1, v.contest());
    }

    @Test
    void proofFailsForASelectionWorthTwiceTheWeight() {
      EncryptedBallot b = encryptUnchecked(plaintext("v6", List.of(2, 0, 0), List.of(1, 0, 0)));
      BallotVerification v = MeetingBallotVerifier.verify(F.context, HOLDER, b);
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, v.reason());
      assertEquals(0, v.contest());
      assertEquals(0, v.selection());
    }

    @Test
    void aMeetingBallotIsNotAnElectionBallotAndViceVersa() {
      EncryptedBallot meeting = encrypt(plaintext("v7", List.of(1, 0, 0), List.of(0, 1, 0)));
      BallotVerification asElection = BallotVerifier.verify(F.context, HOLDER, meeting);
      assertEquals(BallotVerification.Reason.CONTEST_PROOF_INVALID, asElection.reason());
      assertEquals(RangeProofResult.Reason.WRONG_BRANCH_COUNT, asElection.proof().reason());

      EncryptedBallot election =
          F.encryptor
              .encrypt(HOLDER, plaintext("v8", List.of(1, 0, 0), List.of(0, 1, 0)), F.random)
              .ballot();
      BallotVerification asMeeting = MeetingBallotVerifier.verify(F.context, HOLDER, election);
      assertEquals(BallotVerification.Reason.CONTEST_PROOF_INVALID, asMeeting.reason());
      assertEquals(RangeProofResult.Reason.WRONG_BRANCH_COUNT, asMeeting.proof().reason());
    }

    @Test
    void aProofMovedToAnotherBallotIdFails() {
      EncryptedBallot b = encrypt(plaintext("v9", List.of(1, 0, 0), List.of(0, 1, 0)));
      EncryptedBallot renamed = new EncryptedBallot("v9-copy", b.styleId(), b.contests());
      BallotVerification v = MeetingBallotVerifier.verify(F.context, HOLDER, renamed);
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, v.reason());
      assertEquals(RangeProofResult.Reason.CHALLENGE_MISMATCH, v.proof().reason());
    }

    @Test
    void aBallotForAnotherMeetingStyleIsStructurallyRefused() {
      EncryptedBallot b = encrypt(plaintext("v10", List.of(1, 0, 0), List.of(0, 1, 0)));
      List<EncryptedContest> one = new ArrayList<>(b.contests().subList(0, 1));
      EncryptedBallot shorter = new EncryptedBallot("v10", b.styleId(), one);
      assertEquals(
          BallotVerification.Reason.WRONG_CONTEST_COUNT,
          MeetingBallotVerifier.verify(F.context, HOLDER, shorter).reason());
    }
  }
}

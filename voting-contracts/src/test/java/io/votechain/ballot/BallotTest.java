package io.votechain.ballot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.proof.RangeProofResult;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BallotTest {
  private static final BallotFixtures F = new BallotFixtures(1);
  private static final BallotStyle STYLE = BallotFixtures.TWO_CONTESTS;

  private static PlaintextBallot plaintext(String id, List<Integer> mayor, List<Integer> board) {
    return new PlaintextBallot(id, STYLE.styleId(), List.of(mayor, board));
  }

  private static EncryptedBallot encrypt(PlaintextBallot p) {
    return F.encryptor.encrypt(STYLE, p, F.random).ballot();
  }

  private static EncryptedBallot encryptUnchecked(BallotStyle style, PlaintextBallot p) {
    return F.encryptor.encryptUnchecked(style, p, new BallotNonces(p.ballotId(), F.nonce()));
  }

  @Nested
  class Encrypt {
    @Test
    void eachSelectionDecryptsToItsMarkAndContestsCarryTheirIds() {
      EncryptedBallot b = encrypt(plaintext("b1", List.of(0, 1, 0), List.of(1, 0, 0, 1)));
      assertEquals(
          List.of("mayor", "board"),
          b.contests().stream().map(EncryptedContest::contestId).toList());
      List<List<Integer>> marks = List.of(List.of(0, 1, 0), List.of(1, 0, 0, 1));
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < marks.get(i).size(); j++) {
          assertEquals(
              P256.G.multiply(Scalar.of(marks.get(i).get(j))),
              F.secretKey.decryptToPoint(b.contests().get(i).selections().get(j).ciphertext()));
        }
      }
      assertEquals(
          P256.G.multiply(Scalar.of(2)), F.secretKey.decryptToPoint(b.contests().get(1).sum()));
    }

    @Test
    void aShareholderMarkEncryptsTheWeight() {
      BallotStyle weighted = STYLE.withWeight(1_000);
      PlaintextBallot p = plaintext("holder", List.of(1, 0, 0), List.of(0, 0, 1, 1));
      EncryptedBallot b = F.encryptor.encrypt(weighted, p, F.random).ballot();
      assertEquals(
          P256.G.multiply(Scalar.of(1_000)),
          F.secretKey.decryptToPoint(b.contests().get(0).selections().get(0).ciphertext()));
      assertEquals(BallotVerification.VALID, BallotVerifier.verify(F.context, weighted, b));
    }

    @Test
    void encryptionIsADeterministicFunctionOfThePrimaryNonce() {
      PlaintextBallot p = plaintext("b2", List.of(1, 0, 0), List.of(0, 0, 0, 0));
      BallotNonces nonces = new BallotNonces("b2", F.nonce());
      assertArrayEquals(
          F.encryptor.encrypt(STYLE, p, nonces).encode(),
          F.encryptor.encrypt(STYLE, p, nonces).encode());
      assertFalse(
          java.util.Arrays.equals(
              F.encryptor.encrypt(STYLE, p, nonces).encode(),
              F.encryptor.encrypt(STYLE, p, new BallotNonces("b2", F.nonce())).encode()));
    }

    @Test
    void plaintextsThatDoNotFitTheStyleAreRefused() {
      for (PlaintextBallot bad :
          List.of(
              plaintext("x", List.of(2, 0, 0), List.of(0, 0, 0, 0)),
              plaintext("x", List.of(1, 1, 0), List.of(0, 0, 0, 0)),
              plaintext("x", List.of(1, 0), List.of(0, 0, 0, 0)),
              new PlaintextBallot("x", "other", List.of(List.of(0, 0, 0), List.of(0, 0, 0, 0))))) {
        assertThrows(
            IllegalArgumentException.class, () -> F.encryptor.encrypt(STYLE, bad, F.random));
      }
    }

    @Test
    void secretsAreNotInToString() {
      BallotNonces n = new BallotNonces("b", F.nonce());
      assertFalse(n.toString().contains(n.primaryNonce().hex()));
      assertFalse(plaintext("b", List.of(1, 0, 0), List.of(0, 0, 0, 0)).toString().contains("1"));
    }
  }

  @Nested
  class Verify {
    @Test
    void honestBallotsVerify() {
      for (int i = 0; i < 3; i++) {
        EncryptedBallot b = F.encryptRandom(STYLE, "honest-" + i);
        assertEquals(BallotVerification.VALID, BallotVerifier.verify(F.context, STYLE, b));
      }
    }

    @Test
    void aSelectionValueOfTwoFailsAndIsNamed() {
      EncryptedBallot b =
          encryptUnchecked(STYLE, plaintext("two", List.of(0, 0, 0), List.of(0, 2, 0, 0)));
      BallotVerification v = BallotVerifier.verify(F.context, STYLE, b);
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, v.reason());
      assertEquals(1, v.contest());
      assertEquals(1, v.selection());
      assertEquals(RangeProofResult.Reason.COMMITMENT_B_MISMATCH, v.proof().reason());
    }

    @Test
    void aSumOverTheLimitFailsTheContestProof() {
      EncryptedBallot b =
          encryptUnchecked(STYLE, plaintext("over", List.of(1, 1, 0), List.of(0, 0, 0, 0)));
      BallotVerification v = BallotVerifier.verify(F.context, STYLE, b);
      assertEquals(BallotVerification.Reason.CONTEST_PROOF_INVALID, v.reason());
      assertEquals(0, v.contest());
      assertEquals(EncryptionContext.CONTEST_SUM_INDEX, v.selection());
    }

    @Test
    void aBallotFailsUnderAnotherElection() {
      EncryptedBallot b = F.encryptRandom(STYLE, "moved");
      EncryptionContext other =
          new EncryptionContext(Sha256.hash(new byte[] {42}), F.context.electionKey());
      BallotVerification v = BallotVerifier.verify(other, STYLE, b);
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, v.reason());
      assertEquals(RangeProofResult.Reason.CHALLENGE_MISMATCH, v.proof().reason());
    }

    @Test
    void aBallotFailsForAWrongWeight() {
      PlaintextBallot p = plaintext("w", List.of(1, 0, 0), List.of(0, 0, 0, 1));
      EncryptedBallot b = F.encryptor.encrypt(STYLE.withWeight(10), p, F.random).ballot();
      BallotVerification v = BallotVerifier.verify(F.context, STYLE.withWeight(11), b);
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, v.reason());
      assertEquals(0, v.contest());
      assertEquals(0, v.selection());
    }

    @Test
    void aProofCopiedToAnotherBallotIdOrPositionFails() {
      EncryptedBallot b = F.encryptRandom(STYLE, "original");
      EncryptedBallot renamed = new EncryptedBallot("copy", b.styleId(), b.contests());
      assertEquals(
          BallotVerification.Reason.SELECTION_PROOF_INVALID,
          BallotVerifier.verify(F.context, STYLE, renamed).reason());
      List<EncryptedSelection> swapped = new ArrayList<>(b.contests().get(1).selections());
      java.util.Collections.swap(swapped, 0, 1);
      EncryptedContest board =
          new EncryptedContest("board", swapped, b.contests().get(1).sumProof());
      EncryptedBallot reordered =
          new EncryptedBallot(b.ballotId(), b.styleId(), List.of(b.contests().get(0), board));
      BallotVerification v = BallotVerifier.verify(F.context, STYLE, reordered);
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, v.reason());
      assertEquals(1, v.contest());
      assertEquals(0, v.selection());
    }

    @Test
    void structuralMismatchesAreNamed() {
      EncryptedBallot b = F.encryptRandom(STYLE, "s");
      EncryptedContest mayor = b.contests().get(0);
      EncryptedContest board = b.contests().get(1);
      assertEquals(
          BallotVerification.Reason.UNKNOWN_STYLE,
          BallotVerifier.verify(F.context, BallotFixtures.FIVE_OF_FIVE, b).reason());
      assertEquals(
          BallotVerification.Reason.WRONG_CONTEST_COUNT,
          BallotVerifier.verify(
                  F.context, STYLE, new EncryptedBallot("s", "general", List.of(mayor)))
              .reason());
      assertEquals(
          BallotVerification.Reason.CONTEST_ID_MISMATCH,
          BallotVerifier.verify(
                  F.context, STYLE, new EncryptedBallot("s", "general", List.of(board, mayor)))
              .reason());
      EncryptedContest shortBoard =
          new EncryptedContest("board", board.selections().subList(0, 3), board.sumProof());
      BallotVerification v =
          BallotVerifier.verify(
              F.context, STYLE, new EncryptedBallot("s", "general", List.of(mayor, shortBoard)));
      assertEquals(BallotVerification.Reason.WRONG_SELECTION_COUNT, v.reason());
      assertEquals(1, v.contest());
    }

    @Test
    void aChangedCiphertextFails() {
      EncryptedBallot b = F.encryptRandom(STYLE, "c");
      EncryptedContest mayor = b.contests().get(0);
      List<EncryptedSelection> selections = new ArrayList<>(mayor.selections());
      EncryptedSelection s = selections.get(2);
      Ciphertext c = s.ciphertext();
      selections.set(
          2, new EncryptedSelection(new Ciphertext(c.alpha(), c.beta().add(P256.G)), s.proof()));
      EncryptedBallot changed =
          new EncryptedBallot(
              "c",
              "general",
              List.of(
                  new EncryptedContest("mayor", selections, mayor.sumProof()),
                  b.contests().get(1)));
      BallotVerification v = BallotVerifier.verify(F.context, STYLE, changed);
      assertEquals(BallotVerification.Reason.SELECTION_PROOF_INVALID, v.reason());
      assertEquals(2, v.selection());
      assertEquals(RangeProofResult.Reason.CHALLENGE_MISMATCH, v.proof().reason());
    }
  }

  @Nested
  class Encoding {
    @Test
    void roundTripsAndHashesTheEncoding() {
      EncryptedBallot b = F.encryptRandom(STYLE, "enc");
      byte[] bytes = b.encode();
      EncryptedBallot back = EncryptedBallot.decode(bytes);
      assertEquals(b, back);
      assertArrayEquals(bytes, back.encode());
      assertEquals(b.hash(F.context.extendedBaseHash()), back.hash(F.context.extendedBaseHash()));
      assertNotEquals(b.hash(F.context.extendedBaseHash()), b.hash(Sha256.hash(new byte[] {1})));
    }

    @Test
    void sizeIsAsSpecified() {
      EncryptedBallot b = F.encryptRandom(BallotFixtures.FIVE_OF_FIVE, "size");
      int selection = Ciphertext.ENCODED_LENGTH + 1 + 2 * 130;
      int expected = (1 + 4) + (1 + 10) + 1 + (1 + 7) + 1 + 5 * selection + 1 + 6 * 130;
      assertEquals(expected, b.encode().length);
    }

    @Test
    void decoderRefusesTrailingBytes() {
      byte[] bytes = F.encryptRandom(STYLE, "t").encode();
      byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
      assertEquals(
          EncodingException.Reason.TRAILING_BYTES,
          assertThrows(EncodingException.class, () -> EncryptedBallot.decode(longer)).reason());
    }

    @Test
    void decoderRefusesTruncation() {
      byte[] bytes = F.encryptRandom(STYLE, "t").encode();
      byte[] shorter = java.util.Arrays.copyOf(bytes, bytes.length - 1);
      assertEquals(
          EncodingException.Reason.TRUNCATED,
          assertThrows(EncodingException.class, () -> EncryptedBallot.decode(shorter)).reason());
    }

    @Test
    void decoderRefusesTooManyContestsBeforeReadingThem() {
      byte[] bytes =
          new CanonicalWriter()
              .text("b")
              .text("s")
              .varint(BallotStyle.MAX_CONTESTS + 1)
              .toByteArray();
      assertEquals(
          EncodingException.Reason.TOO_LARGE,
          assertThrows(EncodingException.class, () -> EncryptedBallot.decode(bytes)).reason());
    }

    @Test
    void decoderRefusesTooManySelections() {
      byte[] bytes =
          new CanonicalWriter()
              .text("b")
              .text("s")
              .varint(1)
              .text("c")
              .varint(ContestDescription.MAX_SELECTIONS + 1)
              .toByteArray();
      assertEquals(
          EncodingException.Reason.TOO_LARGE,
          assertThrows(EncodingException.class, () -> EncryptedBallot.decode(bytes)).reason());
    }

    @Test
    void decoderRefusesAnIdentityCiphertextAndABadPointPrefix() {
      EncryptedBallot b = F.encryptRandom(STYLE, "p");
      byte[] bytes = b.encode();
      // The first selection's alpha starts after: text "p", text "general", count, text "mayor",
      // count.
      int alphaAt = 2 + 8 + 1 + 6 + 1;
      assertEquals(
          b.contests().get(0).selections().get(0).ciphertext().alpha().encode()[0], bytes[alphaAt]);
      byte[] identity = bytes.clone();
      java.util.Arrays.fill(identity, alphaAt, alphaAt + 33, (byte) 0);
      assertEquals(
          EncodingException.Reason.INVALID_VALUE,
          assertThrows(EncodingException.class, () -> EncryptedBallot.decode(identity)).reason());
      byte[] uncompressed = bytes.clone();
      uncompressed[alphaAt] = 0x04;
      assertEquals(
          EncodingException.Reason.NON_CANONICAL,
          assertThrows(EncodingException.class, () -> EncryptedBallot.decode(uncompressed))
              .reason());
    }

    @Test
    void decoderRefusesAnEmptyBallotId() {
      byte[] bytes = new CanonicalWriter().text("").text("s").varint(0).toByteArray();
      assertEquals(
          EncodingException.Reason.INVALID_VALUE,
          assertThrows(EncodingException.class, () -> EncryptedBallot.decode(bytes)).reason());
    }

    @Test
    void noncesRoundTripThroughTheDisclosureEncoding() {
      BallotNonces n = new BallotNonces("b", F.nonce());
      assertEquals(n, BallotNonces.decode(n.encode()));
    }
  }

  @Nested
  class SpoiledBallot {
    @Test
    void disclosedNoncesShowWhatTheBallotEncrypts() {
      PlaintextBallot p = plaintext("spoil", List.of(0, 0, 1), List.of(1, 1, 0, 0));
      BallotEncryptor.Encrypted e = F.encryptor.encrypt(STYLE, p, F.random);
      BallotNonces disclosed = BallotNonces.decode(e.nonces().encode());
      assertTrue(SpoiledBallotCheck.check(F.context, STYLE, e.ballot(), disclosed, p).matches());
    }

    @Test
    void anotherPlaintextIsCaughtAtTheFirstDifferentSelection() {
      PlaintextBallot shown = plaintext("spoil2", List.of(0, 0, 1), List.of(1, 1, 0, 0));
      PlaintextBallot encrypted = plaintext("spoil2", List.of(0, 0, 1), List.of(1, 0, 1, 0));
      BallotEncryptor.Encrypted e = F.encryptor.encrypt(STYLE, encrypted, F.random);
      assertEquals(
          new SpoiledBallotCheck.Result(SpoiledBallotCheck.Reason.SELECTION_MISMATCH, 1, 1),
          SpoiledBallotCheck.check(F.context, STYLE, e.ballot(), e.nonces(), shown));
    }

    @Test
    void wrongNoncesOrIdsDoNotMatch() {
      PlaintextBallot p = plaintext("spoil3", List.of(1, 0, 0), List.of(0, 0, 0, 0));
      BallotEncryptor.Encrypted e = F.encryptor.encrypt(STYLE, p, F.random);
      assertEquals(
          SpoiledBallotCheck.Reason.SELECTION_MISMATCH,
          SpoiledBallotCheck.check(
                  F.context, STYLE, e.ballot(), new BallotNonces("spoil3", F.nonce()), p)
              .reason());
      assertEquals(
          SpoiledBallotCheck.Reason.BALLOT_ID_MISMATCH,
          SpoiledBallotCheck.check(
                  F.context, STYLE, e.ballot(), new BallotNonces("other", F.nonce()), p)
              .reason());
      assertEquals(
          SpoiledBallotCheck.Reason.PLAINTEXT_DOES_NOT_FIT,
          SpoiledBallotCheck.check(
                  F.context,
                  STYLE,
                  e.ballot(),
                  e.nonces(),
                  plaintext("spoil3", List.of(1, 1, 0), List.of(0, 0, 0, 0)))
              .reason());
    }
  }
}

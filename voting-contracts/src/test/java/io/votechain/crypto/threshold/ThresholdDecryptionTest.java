package io.votechain.crypto.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.dlog.DiscreteLog;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.proof.ChaumPedersenProof;
import io.votechain.crypto.threshold.ThresholdDecryption.Combined;
import io.votechain.crypto.threshold.ThresholdDecryption.Decrypted;
import io.votechain.crypto.threshold.ThresholdDecryption.Reason;
import io.votechain.crypto.threshold.ThresholdDecryption.Refused;
import io.votechain.encoding.EncodingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ThresholdDecryptionTest {
  private static final long TALLY = 4321;
  private static CeremonyFixture five;
  private static Ciphertext aggregate;
  private static List<PartialDecryption> all;
  private static DiscreteLog dlog;

  @BeforeAll
  static void ceremonyOfFiveWithThresholdThree() {
    five = CeremonyFixture.run(5, 3, 2024);
    // The aggregate of three ballots, as the ballot box would form it.
    aggregate = five.encrypt(4000).add(five.encrypt(300)).add(five.encrypt(21));
    all = five.partials(aggregate, 1, 2, 3, 4, 5);
    dlog = DiscreteLog.forBound(100_000);
  }

  private static List<PartialDecryption> of(int... indices) {
    List<PartialDecryption> out = new ArrayList<>();
    for (int i : indices) {
      out.add(all.get(i - 1));
    }
    return out;
  }

  @Nested
  class AnyThresholdSubset {
    @Test
    void everySubsetOfThreeOfFiveGivesTheTally() {
      int subsets = 0;
      for (int a = 1; a <= 5; a++) {
        for (int b = a + 1; b <= 5; b++) {
          for (int c = b + 1; c <= 5; c++) {
            assertEquals(
                new Decrypted(TALLY),
                ThresholdDecryption.decrypt(five.jointKey, aggregate, of(a, b, c), dlog),
                "trustees " + a + "," + b + "," + c);
            subsets++;
          }
        }
      }
      assertEquals(10, subsets);
    }

    @Test
    void moreThanThresholdAlsoGivesTheTally() {
      assertEquals(
          new Decrypted(TALLY),
          ThresholdDecryption.decrypt(five.jointKey, aggregate, of(5, 1, 4, 2), dlog));
      assertEquals(
          new Decrypted(TALLY), ThresholdDecryption.decrypt(five.jointKey, aggregate, all, dlog));
    }

    @Test
    void twoOfThreeDecryptAsInTheShareholderSetting() {
      CeremonyFixture three = CeremonyFixture.run(3, 2, 77);
      Ciphertext c = three.encrypt(987_654);
      DiscreteLog big = DiscreteLog.forBound(1_000_000, 12);
      assertEquals(
          new Decrypted(987_654),
          ThresholdDecryption.decrypt(three.jointKey, c, three.partials(c, 3, 1), big));
    }

    @Test
    void everyThresholdUpToFiveTrusteesDecryptsWithARandomSubset() {
      for (int n = 1; n <= 5; n++) {
        for (int k = 1; k <= n; k++) {
          CeremonyFixture f = CeremonyFixture.run(n, k, 1000L * n + k);
          long value = f.random.nextInt(100_001);
          Ciphertext c = f.encrypt(value);
          List<Integer> order = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            order.add(i);
          }
          java.util.Collections.shuffle(order, f.random);
          int[] subset = order.subList(0, k).stream().mapToInt(Integer::intValue).toArray();
          assertEquals(
              new Decrypted(value),
              ThresholdDecryption.decrypt(f.jointKey, c, f.partials(c, subset), dlog),
              "n=" + n + " k=" + k + " subset=" + order.subList(0, k));
          if (k > 1) {
            int[] fewer = java.util.Arrays.copyOf(subset, k - 1);
            assertEquals(
                new Refused(Reason.TOO_FEW_SHARES, 0),
                ThresholdDecryption.decrypt(f.jointKey, c, f.partials(c, fewer), dlog));
          }
        }
      }
    }

    @Test
    void emptyAggregateDecryptsToZero() {
      List<PartialDecryption> p = five.partials(Ciphertext.ZERO, 2, 3, 5);
      assertEquals(
          new Decrypted(0), ThresholdDecryption.decrypt(five.jointKey, Ciphertext.ZERO, p, dlog));
    }
  }

  @Nested
  class FewerThanThreshold {
    @Test
    void twoOfFiveAreRefused() {
      assertEquals(
          new Refused(Reason.TOO_FEW_SHARES, 0),
          ThresholdDecryption.combine(five.jointKey, aggregate, of(1, 2)));
    }

    @Test
    void lagrangeCombinationOfTwoSharesDoesNotGiveThePlaintext() {
      // What a caller that bypassed the refusal would get: a point that is not t·G.
      List<PartialDecryption> two = of(2, 4);
      List<Integer> indices = List.of(2, 4);
      GroupElement t = aggregate.beta();
      for (PartialDecryption p : two) {
        t = t.subtract(p.share().multiply(Lagrange.coefficient(p.trustee(), indices)));
      }
      assertNotEquals(P256.G.multiply(Scalar.of(TALLY)), t);
      assertEquals(java.util.OptionalLong.empty(), dlog.solve(t));
    }
  }

  @Nested
  class BadPartialDecryptions {
    @Test
    void forgedShareIsRefusedNamingTheTrustee() {
      PartialDecryption honest = all.get(1);
      PartialDecryption forged =
          new PartialDecryption(2, honest.share().add(P256.G), honest.proof());
      assertEquals(
          new Refused(Reason.INVALID_PROOF, 2),
          ThresholdDecryption.combine(
              five.jointKey, aggregate, List.of(all.get(0), forged, all.get(2))));
    }

    @Test
    void partialDecryptionOfAnotherCiphertextIsRefused() {
      Ciphertext other = five.encrypt(1);
      List<PartialDecryption> mixed = new ArrayList<>(of(1, 2));
      mixed.add(five.decrypting(3).partialDecrypt(other, five.random));
      assertEquals(
          new Refused(Reason.INVALID_PROOF, 3),
          ThresholdDecryption.combine(five.jointKey, aggregate, mixed));
    }

    @Test
    void partialDecryptionRelabelledAsAnotherTrusteeIsRefused() {
      PartialDecryption p = all.get(0);
      PartialDecryption relabelled = new PartialDecryption(4, p.share(), p.proof());
      assertEquals(
          ChaumPedersenProof.Verification.COMMITMENT_G_MISMATCH,
          relabelled.verify(five.jointKey, aggregate));
      assertEquals(
          new Refused(Reason.INVALID_PROOF, 4),
          ThresholdDecryption.combine(
              five.jointKey, aggregate, List.of(all.get(1), all.get(2), relabelled)));
    }

    @Test
    void duplicateTrusteeIsRefused() {
      assertEquals(
          new Refused(Reason.DUPLICATE_TRUSTEE, 2),
          ThresholdDecryption.combine(five.jointKey, aggregate, of(1, 2, 2)));
    }

    @Test
    void unknownTrusteeIsRefused() {
      PartialDecryption p = all.get(0);
      assertEquals(
          new Refused(Reason.UNKNOWN_TRUSTEE, 6),
          ThresholdDecryption.combine(
              five.jointKey,
              aggregate,
              List.of(all.get(1), all.get(2), new PartialDecryption(6, p.share(), p.proof()))));
    }

    @Test
    void tallyBeyondTheBoundIsReported() {
      DiscreteLog small = DiscreteLog.forBound(1000);
      assertEquals(
          new Refused(Reason.NOT_WITHIN_BOUND, 0),
          ThresholdDecryption.decrypt(five.jointKey, aggregate, of(1, 2, 3), small));
    }

    @Test
    void combinedPointIsTimesG() {
      assertEquals(
          new Combined(P256.G.multiply(Scalar.of(TALLY))),
          ThresholdDecryption.combine(five.jointKey, aggregate, of(3, 4, 5)));
    }
  }

  @Nested
  class Encoding {
    @Test
    void partialDecryptionRoundTripsThroughItsEncoding() {
      PartialDecryption p = all.get(3);
      assertEquals(p, PartialDecryption.decode(p.encode()));
    }

    @Test
    void partialDecryptionDecoderRejectsTrailingBytes() {
      byte[] bytes = java.util.Arrays.copyOf(all.get(0).encode(), all.get(0).encode().length + 1);
      assertEquals(
          EncodingException.Reason.TRAILING_BYTES,
          assertThrows(EncodingException.class, () -> PartialDecryption.decode(bytes)).reason());
    }

    @Test
    void partialDecryptionDecoderRejectsTrusteeZero() {
      byte[] bytes = all.get(0).encode();
      bytes[0] = 0;
      assertEquals(
          EncodingException.Reason.INVALID_VALUE,
          assertThrows(EncodingException.class, () -> PartialDecryption.decode(bytes)).reason());
    }
  }
}

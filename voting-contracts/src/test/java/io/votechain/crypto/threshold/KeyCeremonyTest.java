package io.votechain.crypto.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.ecies.Ecies;
import io.votechain.crypto.ecies.EciesCiphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.proof.SchnorrProof;
import io.votechain.encoding.EncodingException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeyCeremonyTest {
  private static final Hash32 HB = CeremonyFixture.ELECTION_BASE_HASH;

  /** Three trustees, threshold 2, with known polynomials so results can be computed by hand. */
  private static final class Known {
    final CeremonyParameters parameters = new CeremonyParameters(HB, 3, 2);
    final SecureRandom random = CeremonyFixture.seeded(5);
    final List<List<Scalar>> coefficients =
        List.of(
            List.of(Scalar.of(11), Scalar.of(3)),
            List.of(Scalar.of(22), Scalar.of(5)),
            List.of(Scalar.of(33), Scalar.of(7)));
    final List<Trustee> trustees = new ArrayList<>();

    Known() {
      for (int i = 1; i <= 3; i++) {
        trustees.add(
            Trustee.fromSecrets(
                parameters, i, coefficients.get(i - 1), Scalar.of(100 + i), random));
      }
    }

    List<KeyCeremonyAnnouncement> announcements() {
      return trustees.stream().map(Trustee::announcement).toList();
    }
  }

  @Nested
  class JointKey {
    @Test
    void jointKeyIsTheSumOfConstantTermCommitments() {
      Known known = new Known();
      JointElectionKey key = KeyCeremony.jointKey(known.parameters, known.announcements());
      assertEquals(P256.G.multiply(Scalar.of(11 + 22 + 33)), key.publicKey());
      assertEquals(
          KeyCeremony.extendedBaseHash(known.parameters, key.publicKey()), key.extendedBaseHash());
    }

    @Test
    void verificationKeysAreTheSummedPolynomialsTimesG() {
      Known known = new Known();
      JointElectionKey key = KeyCeremony.jointKey(known.parameters, known.announcements());
      // Σ_i P_i(x) = 66 + 15x.
      for (int l = 1; l <= 3; l++) {
        assertEquals(P256.G.multiply(Scalar.of(66 + 15L * l)), key.verificationKey(l));
      }
    }

    @Test
    void eachTrusteesSecretShareMatchesItsVerificationKey() {
      CeremonyFixture f = CeremonyFixture.run(5, 3, 1);
      for (int l = 1; l <= 5; l++) {
        // finish() already refuses a mismatch; this shows the public side agrees.
        assertEquals(l, f.decrypting(l).index());
      }
      assertThrows(
          IllegalArgumentException.class,
          () -> DecryptingTrustee.of(f.jointKey, 1, Scalar.of(12345)));
    }

    @Test
    void jointKeyRefusesAMissingTrustee() {
      Known known = new Known();
      List<KeyCeremonyAnnouncement> two = known.announcements().subList(0, 2);
      assertThrows(
          IllegalArgumentException.class, () -> KeyCeremony.jointKey(known.parameters, two));
    }

    @Test
    void jointKeyRefusesATrusteeAnnouncedTwice() {
      Known known = new Known();
      List<KeyCeremonyAnnouncement> twice =
          List.of(
              known.announcements().get(0),
              known.announcements().get(1),
              known.announcements().get(1));
      assertThrows(
          IllegalArgumentException.class, () -> KeyCeremony.jointKey(known.parameters, twice));
    }

    @Test
    void singleTrusteeCeremonyWorks() {
      CeremonyFixture f = CeremonyFixture.run(1, 1, 3);
      assertEquals(f.trustee(1).announcement().publicKey(), f.jointKey.publicKey());
    }
  }

  @Nested
  class Announcement {
    private final Known known = new Known();
    private final KeyCeremonyAnnouncement honest = known.trustees.get(0).announcement();

    @Test
    void honestAnnouncementVerifies() {
      assertEquals(
          KeyCeremony.AnnouncementVerification.VALID,
          KeyCeremony.verifyAnnouncement(known.parameters, honest));
    }

    @Test
    void announcementUnderAnotherElectionFails() {
      CeremonyParameters other = new CeremonyParameters(Hash32.fromHex("b1".repeat(32)), 3, 2);
      assertEquals(
          KeyCeremony.AnnouncementVerification.COEFFICIENT_PROOF_INVALID,
          KeyCeremony.verifyAnnouncement(other, honest));
    }

    @Test
    void announcementReplayedUnderAnotherDealerIndexFails() {
      KeyCeremonyAnnouncement replayed =
          new KeyCeremonyAnnouncement(
              2,
              honest.commitments(),
              honest.coefficientProofs(),
              honest.shareEncryptionKey(),
              honest.shareEncryptionKeyProof());
      assertEquals(
          KeyCeremony.AnnouncementVerification.COEFFICIENT_PROOF_INVALID,
          KeyCeremony.verifyAnnouncement(known.parameters, replayed));
    }

    @Test
    void swappedCoefficientProofsFail() {
      List<SchnorrProof> swapped =
          List.of(honest.coefficientProofs().get(1), honest.coefficientProofs().get(0));
      KeyCeremonyAnnouncement bad =
          new KeyCeremonyAnnouncement(
              1,
              honest.commitments(),
              swapped,
              honest.shareEncryptionKey(),
              honest.shareEncryptionKeyProof());
      assertEquals(
          KeyCeremony.AnnouncementVerification.COEFFICIENT_PROOF_INVALID,
          KeyCeremony.verifyAnnouncement(known.parameters, bad));
    }

    @Test
    void replacedShareEncryptionKeyFails() {
      KeyCeremonyAnnouncement bad =
          new KeyCeremonyAnnouncement(
              1,
              honest.commitments(),
              honest.coefficientProofs(),
              honest.shareEncryptionKey().add(P256.G),
              honest.shareEncryptionKeyProof());
      assertEquals(
          KeyCeremony.AnnouncementVerification.SHARE_ENCRYPTION_KEY_PROOF_INVALID,
          KeyCeremony.verifyAnnouncement(known.parameters, bad));
    }

    @Test
    void wrongDegreeFails() {
      CeremonyParameters k3 = new CeremonyParameters(HB, 3, 3);
      assertEquals(
          KeyCeremony.AnnouncementVerification.WRONG_NUMBER_OF_COMMITMENTS,
          KeyCeremony.verifyAnnouncement(k3, honest));
    }

    @Test
    void dealerOutsideTheCeremonyFails() {
      CeremonyParameters one = new CeremonyParameters(HB, 1, 1);
      KeyCeremonyAnnouncement third = known.trustees.get(2).announcement();
      assertEquals(
          KeyCeremony.AnnouncementVerification.UNKNOWN_DEALER,
          KeyCeremony.verifyAnnouncement(one, third));
    }

    @Test
    void roundTripsThroughItsEncoding() {
      assertEquals(honest, KeyCeremonyAnnouncement.decode(honest.encode()));
    }

    @Test
    void decoderRejectsTrailingBytes() {
      byte[] bytes = Arrays.copyOf(honest.encode(), honest.encode().length + 1);
      assertEquals(
          EncodingException.Reason.TRAILING_BYTES,
          assertThrows(EncodingException.class, () -> KeyCeremonyAnnouncement.decode(bytes))
              .reason());
    }

    @Test
    void decoderRejectsMismatchedProofCount() {
      KeyCeremonyAnnouncement one =
          new KeyCeremonyAnnouncement(
              1,
              honest.commitments().subList(0, 1),
              honest.coefficientProofs().subList(0, 1),
              honest.shareEncryptionKey(),
              honest.shareEncryptionKeyProof());
      byte[] bytes = one.encode();
      // Announce one commitment but two proofs: splice the second proof in after the first.
      byte[] proof2 = honest.coefficientProofs().get(1).encode();
      int proofsCountAt = 1 + 1 + 33;
      byte[] spliced = new byte[bytes.length + proof2.length];
      System.arraycopy(bytes, 0, spliced, 0, proofsCountAt);
      spliced[proofsCountAt] = 2;
      System.arraycopy(bytes, proofsCountAt + 1, spliced, proofsCountAt + 1, 97);
      System.arraycopy(proof2, 0, spliced, proofsCountAt + 1 + 97, 97);
      System.arraycopy(
          bytes,
          proofsCountAt + 1 + 97,
          spliced,
          proofsCountAt + 1 + 194,
          bytes.length - proofsCountAt - 1 - 97);
      assertEquals(
          EncodingException.Reason.INVALID_VALUE,
          assertThrows(EncodingException.class, () -> KeyCeremonyAnnouncement.decode(spliced))
              .reason());
    }
  }

  @Nested
  class Shares {
    private final Known known = new Known();
    private final Trustee dealer = known.trustees.get(0);
    private final Trustee recipient = known.trustees.get(1);

    @Test
    void honestShareIsAccepted() {
      EncryptedShare share = dealer.shareFor(recipient.announcement(), known.random);
      assertEquals(Optional.empty(), recipient.receiveShare(dealer.announcement(), share));
    }

    @Test
    void shareIsThePolynomialAtTheRecipientIndex() {
      // P_1(x) = 11 + 3x, so P_1(2) = 17.
      assertEquals(Scalar.of(17), dealer.discloseShare(2));
      assertTrue(KeyCeremony.verifyShare(dealer.announcement(), 2, Scalar.of(17)));
      assertFalse(KeyCeremony.verifyShare(dealer.announcement(), 3, Scalar.of(17)));
    }

    @Test
    void shareFromTheWrongPolynomialIsRefusedWithAComplaint() {
      Scalar wrong = Scalar.of(11 + 4 * 2);
      EncryptedShare share =
          new EncryptedShare(
              1,
              2,
              Ecies.encrypt(
                  recipient.announcement().shareEncryptionKey(),
                  wrong.encode(),
                  EncryptedShare.associatedData(known.parameters, 1, 2),
                  known.random));
      assertEquals(
          Optional.of(new Complaint(1, 2, Complaint.Reason.SHARE_NOT_ON_COMMITMENTS)),
          recipient.receiveShare(dealer.announcement(), share));
    }

    @Test
    void tamperedShareCiphertextIsRefusedWithAComplaint() {
      EncryptedShare honest = dealer.shareFor(recipient.announcement(), known.random);
      byte[] sealed = honest.ciphertext().sealed();
      sealed[3] ^= 1;
      EncryptedShare tampered =
          new EncryptedShare(1, 2, new EciesCiphertext(honest.ciphertext().ephemeralKey(), sealed));
      assertEquals(
          Optional.of(new Complaint(1, 2, Complaint.Reason.DECRYPTION_FAILED)),
          recipient.receiveShare(dealer.announcement(), tampered));
    }

    @Test
    void shareEncryptedToAnotherTrusteesKeyFailsToDecrypt() {
      Trustee third = known.trustees.get(2);
      EncryptedShare toThird = dealer.shareFor(third.announcement(), known.random);
      EncryptedShare redirected = new EncryptedShare(1, 2, toThird.ciphertext());
      assertEquals(
          Optional.of(new Complaint(1, 2, Complaint.Reason.DECRYPTION_FAILED)),
          recipient.receiveShare(dealer.announcement(), redirected));
    }

    @Test
    void shareWithOtherAssociatedDataFailsToDecrypt() {
      // Right key, right share, but sealed for another election: the AD binds H_B.
      CeremonyParameters other = new CeremonyParameters(Hash32.fromHex("b1".repeat(32)), 3, 2);
      EncryptedShare share =
          new EncryptedShare(
              1,
              2,
              Ecies.encrypt(
                  recipient.announcement().shareEncryptionKey(),
                  dealer.discloseShare(2).encode(),
                  EncryptedShare.associatedData(other, 1, 2),
                  known.random));
      assertEquals(
          Optional.of(new Complaint(1, 2, Complaint.Reason.DECRYPTION_FAILED)),
          recipient.receiveShare(dealer.announcement(), share));
    }

    @Test
    void nonCanonicalSharePlaintextIsRefused() {
      byte[] tooBig = new byte[32];
      Arrays.fill(tooBig, (byte) 0xFF);
      EncryptedShare share =
          new EncryptedShare(
              1,
              2,
              Ecies.encrypt(
                  recipient.announcement().shareEncryptionKey(),
                  tooBig,
                  EncryptedShare.associatedData(known.parameters, 1, 2),
                  known.random));
      assertEquals(
          Optional.of(new Complaint(1, 2, Complaint.Reason.SHARE_MALFORMED)),
          recipient.receiveShare(dealer.announcement(), share));
    }

    @Test
    void invalidDealerAnnouncementIsRefusedWithAComplaint() {
      KeyCeremonyAnnouncement a = dealer.announcement();
      KeyCeremonyAnnouncement bad =
          new KeyCeremonyAnnouncement(
              1,
              List.of(a.commitments().get(0), a.commitments().get(1).add(P256.G)),
              a.coefficientProofs(),
              a.shareEncryptionKey(),
              a.shareEncryptionKeyProof());
      EncryptedShare share = dealer.shareFor(recipient.announcement(), known.random);
      assertEquals(
          Optional.of(new Complaint(1, 2, Complaint.Reason.ANNOUNCEMENT_INVALID)),
          recipient.receiveShare(bad, share));
    }

    @Test
    void disclosedShareResolvesAComplaint() {
      assertTrue(recipient.acceptDisclosedShare(dealer.announcement(), dealer.discloseShare(2)));
    }

    @Test
    void wrongDisclosedShareIsRejected() {
      assertFalse(recipient.acceptDisclosedShare(dealer.announcement(), Scalar.of(18)));
    }

    @Test
    void finishingWithoutAllSharesIsRefused() {
      JointElectionKey key = KeyCeremony.jointKey(known.parameters, known.announcements());
      assertThrows(IllegalStateException.class, () -> recipient.finish(key));
    }

    @Test
    void shareForAnotherRecipientIsARoutingError() {
      EncryptedShare toThird = dealer.shareFor(known.trustees.get(2).announcement(), known.random);
      assertThrows(
          IllegalArgumentException.class,
          () -> recipient.receiveShare(dealer.announcement(), toThird));
    }

    @Test
    void encryptedShareRoundTripsThroughItsEncoding() {
      EncryptedShare share = dealer.shareFor(recipient.announcement(), known.random);
      assertEquals(share, EncryptedShare.decode(share.encode()));
    }

    @Test
    void encryptedShareDecoderRefusesDealerEqualToRecipient() {
      EncryptedShare share = dealer.shareFor(recipient.announcement(), known.random);
      byte[] bytes = share.encode();
      bytes[1] = 1;
      assertEquals(
          EncodingException.Reason.INVALID_VALUE,
          assertThrows(EncodingException.class, () -> EncryptedShare.decode(bytes)).reason());
    }
  }

  @Nested
  class Complaints {
    @Test
    void complaintRoundTripsThroughItsEncoding() {
      Complaint c = new Complaint(3, 1, Complaint.Reason.SHARE_NOT_ON_COMMITMENTS);
      assertEquals(c, Complaint.decode(c.encode()));
    }

    @Test
    void complaintDecoderRefusesUnknownReason() {
      byte[] bytes = new Complaint(3, 1, Complaint.Reason.DECRYPTION_FAILED).encode();
      bytes[2] = 9;
      assertEquals(
          EncodingException.Reason.UNKNOWN_TAG,
          assertThrows(EncodingException.class, () -> Complaint.decode(bytes)).reason());
    }
  }

  @Nested
  class Secrecy {
    @Test
    void toStringRevealsNoSecret() {
      Known known = new Known();
      Trustee t = known.trustees.get(0);
      String s = t.toString();
      assertFalse(s.contains(Scalar.of(11).toString()));
      assertFalse(s.contains(Scalar.of(101).toString()));
      CeremonyFixture f = CeremonyFixture.run(3, 2, 9);
      String d = f.decrypting(1).toString();
      assertTrue(d.contains("<secret>"));
      assertFalse(d.matches(".*[0-9a-f]{64}.*"));
    }
  }

  @Nested
  class Parameters {
    @Test
    void thresholdAboveTrusteeCountIsRefused() {
      assertThrows(IllegalArgumentException.class, () -> new CeremonyParameters(HB, 3, 4));
    }

    @Test
    void zeroThresholdIsRefused() {
      assertThrows(IllegalArgumentException.class, () -> new CeremonyParameters(HB, 3, 0));
    }

    @Test
    void ceremonyWithManyTrusteesWorks() {
      CeremonyFixture f = CeremonyFixture.run(12, 7, 12);
      GroupElement sum = P256.IDENTITY;
      for (KeyCeremonyAnnouncement a : f.announcements) {
        sum = sum.add(a.publicKey());
      }
      assertEquals(sum, f.jointKey.publicKey());
    }
  }
}

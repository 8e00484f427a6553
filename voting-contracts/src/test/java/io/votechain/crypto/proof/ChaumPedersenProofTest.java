package io.votechain.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.EncodingException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChaumPedersenProofTest {
  private static final Hash32 HE = Hash32.fromHex("22".repeat(32));
  private static final int L = 2;

  private SecureRandom random;
  private Scalar share;
  private GroupElement verificationKey;
  private Ciphertext ciphertext;
  private GroupElement partial;
  private ChaumPedersenProof proof;

  @BeforeEach
  void prove() throws NoSuchAlgorithmException {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(7);
    share = Scalar.randomNonZero(random);
    verificationKey = P256.G.multiply(share);
    ciphertext = encrypt(P256.G.multiply(Scalar.randomNonZero(random)), 5);
    partial = ciphertext.alpha().multiply(share);
    proof = ChaumPedersenProof.prove(HE, L, ciphertext, share, verificationKey, partial, random);
  }

  private Ciphertext encrypt(GroupElement key, long m) {
    Scalar r = Scalar.randomNonZero(random);
    return new Ciphertext(P256.G.multiply(r), P256.G.multiply(Scalar.of(m)).add(key.multiply(r)));
  }

  private ChaumPedersenProof.Verification verify(ChaumPedersenProof p) {
    return p.verify(HE, L, ciphertext, verificationKey, partial);
  }

  @Nested
  class Verify {
    @Test
    void honestProofVerifies() {
      assertEquals(ChaumPedersenProof.Verification.VALID, verify(proof));
    }

    @Test
    void proofFailsForChangedPartialDecryption() {
      assertEquals(
          ChaumPedersenProof.Verification.COMMITMENT_A_MISMATCH,
          proof.verify(HE, L, ciphertext, verificationKey, partial.add(P256.G)));
    }

    @Test
    void proofFailsForChangedVerificationKey() {
      assertEquals(
          ChaumPedersenProof.Verification.COMMITMENT_G_MISMATCH,
          proof.verify(HE, L, ciphertext, verificationKey.add(P256.G), partial));
    }

    @Test
    void proofFailsForAnotherCiphertextWithTheSameAlpha() {
      Ciphertext other = new Ciphertext(ciphertext.alpha(), ciphertext.beta().add(P256.G));
      assertEquals(
          ChaumPedersenProof.Verification.CHALLENGE_MISMATCH,
          proof.verify(HE, L, other, verificationKey, partial));
    }

    @Test
    void proofFailsForAnotherAlpha() {
      Ciphertext other = new Ciphertext(ciphertext.alpha().add(P256.G), ciphertext.beta());
      assertEquals(
          ChaumPedersenProof.Verification.COMMITMENT_A_MISMATCH,
          proof.verify(HE, L, other, verificationKey, partial));
    }

    @Test
    void proofFailsForChangedChallenge() {
      assertEquals(
          ChaumPedersenProof.Verification.COMMITMENT_G_MISMATCH,
          verify(
              new ChaumPedersenProof(
                  proof.commitmentG(),
                  proof.commitmentA(),
                  proof.challenge().add(Scalar.ONE),
                  proof.response())));
    }

    @Test
    void proofFailsForChangedResponse() {
      assertEquals(
          ChaumPedersenProof.Verification.COMMITMENT_G_MISMATCH,
          verify(
              new ChaumPedersenProof(
                  proof.commitmentG(),
                  proof.commitmentA(),
                  proof.challenge(),
                  proof.response().add(Scalar.ONE))));
    }

    @Test
    void proofFailsForChangedCommitmentOnG() {
      assertEquals(
          ChaumPedersenProof.Verification.COMMITMENT_G_MISMATCH,
          verify(
              new ChaumPedersenProof(
                  proof.commitmentG().add(P256.G),
                  proof.commitmentA(),
                  proof.challenge(),
                  proof.response())));
    }

    @Test
    void proofFailsForChangedCommitmentOnAlpha() {
      assertEquals(
          ChaumPedersenProof.Verification.COMMITMENT_A_MISMATCH,
          verify(
              new ChaumPedersenProof(
                  proof.commitmentG(),
                  proof.commitmentA().add(P256.G),
                  proof.challenge(),
                  proof.response())));
    }

    @Test
    void proofFailsForChangedElectionBinding() {
      assertEquals(
          ChaumPedersenProof.Verification.CHALLENGE_MISMATCH,
          proof.verify(Hash32.fromHex("23".repeat(32)), L, ciphertext, verificationKey, partial));
    }

    @Test
    void proofFailsForWrongTrusteeIndex() {
      assertEquals(
          ChaumPedersenProof.Verification.CHALLENGE_MISMATCH,
          proof.verify(HE, L + 1, ciphertext, verificationKey, partial));
    }

    @Test
    void partialDecryptionWithAnotherSecretCannotBeProven() {
      GroupElement wrong = ciphertext.alpha().multiply(share.add(Scalar.ONE));
      ChaumPedersenProof p =
          ChaumPedersenProof.prove(HE, L, ciphertext, share, verificationKey, wrong, random);
      assertEquals(
          ChaumPedersenProof.Verification.COMMITMENT_A_MISMATCH,
          p.verify(HE, L, ciphertext, verificationKey, wrong));
    }

    @Test
    void emptyAggregateWithIdentityAlphaIsProvable() {
      Ciphertext empty = Ciphertext.ZERO;
      ChaumPedersenProof p =
          ChaumPedersenProof.prove(HE, L, empty, share, verificationKey, P256.IDENTITY, random);
      assertEquals(
          ChaumPedersenProof.Verification.VALID,
          p.verify(HE, L, empty, verificationKey, P256.IDENTITY));
      assertEquals(
          ChaumPedersenProof.Verification.COMMITMENT_A_MISMATCH,
          p.verify(HE, L, empty, verificationKey, P256.G));
    }

    @Test
    void identityVerificationKeyIsRefused() {
      assertEquals(
          ChaumPedersenProof.Verification.STATEMENT_IS_IDENTITY,
          proof.verify(HE, L, ciphertext, P256.IDENTITY, partial));
    }
  }

  @Nested
  class Encoding {
    @Test
    void roundTripsThroughItsEncoding() {
      byte[] bytes = proof.encode();
      assertEquals(ChaumPedersenProof.ENCODED_LENGTH, bytes.length);
      assertEquals(proof, ChaumPedersenProof.decode(bytes));
    }

    @Test
    void decoderRejectsTrailingBytes() {
      byte[] bytes = Arrays.copyOf(proof.encode(), ChaumPedersenProof.ENCODED_LENGTH + 1);
      assertEquals(
          EncodingException.Reason.TRAILING_BYTES,
          assertThrows(EncodingException.class, () -> ChaumPedersenProof.decode(bytes)).reason());
    }

    @Test
    void decoderRejectsNonCanonicalScalar() {
      byte[] bytes = proof.encode();
      Arrays.fill(bytes, 66, 98, (byte) 0xFF);
      assertEquals(
          EncodingException.Reason.NON_CANONICAL,
          assertThrows(EncodingException.class, () -> ChaumPedersenProof.decode(bytes)).reason());
    }

    @Test
    void decoderRejectsUncompressedPointTag() {
      byte[] bytes = proof.encode();
      bytes[33] = 0x04;
      assertEquals(
          EncodingException.Reason.NON_CANONICAL,
          assertThrows(EncodingException.class, () -> ChaumPedersenProof.decode(bytes)).reason());
    }

    @Test
    void decoderRejectsIdentityAsCommitmentOnG() {
      byte[] bytes = proof.encode();
      Arrays.fill(bytes, 0, 33, (byte) 0);
      assertEquals(
          EncodingException.Reason.INVALID_VALUE,
          assertThrows(EncodingException.class, () -> ChaumPedersenProof.decode(bytes)).reason());
    }
  }
}

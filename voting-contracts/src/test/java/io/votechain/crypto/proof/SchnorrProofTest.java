package io.votechain.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SchnorrProofTest {
  private static final Hash32 HB = Hash32.fromHex("11".repeat(32));
  private static final int I = 3;
  private static final int J = 1;

  private SecureRandom random;
  private Scalar secret;
  private GroupElement statement;
  private SchnorrProof proof;

  @BeforeEach
  void prove() throws NoSuchAlgorithmException {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(42);
    secret = Scalar.randomNonZero(random);
    statement = P256.G.multiply(secret);
    proof = SchnorrProof.prove(HB, I, J, secret, statement, random);
  }

  @Nested
  class Verify {
    @RepeatedTest(5)
    void honestProofVerifies() {
      Scalar s = Scalar.randomNonZero(random);
      GroupElement k = P256.G.multiply(s);
      assertEquals(
          SchnorrProof.Verification.VALID,
          SchnorrProof.prove(HB, I, J, s, k, random).verify(HB, I, J, k));
    }

    @Test
    void proofFailsForChangedStatement() {
      assertEquals(
          SchnorrProof.Verification.COMMITMENT_MISMATCH,
          proof.verify(HB, I, J, statement.add(P256.G)));
    }

    @Test
    void proofFailsForChangedChallenge() {
      SchnorrProof forged =
          new SchnorrProof(proof.commitment(), proof.challenge().add(Scalar.ONE), proof.response());
      assertEquals(
          SchnorrProof.Verification.COMMITMENT_MISMATCH, forged.verify(HB, I, J, statement));
    }

    @Test
    void proofFailsForChangedResponse() {
      SchnorrProof forged =
          new SchnorrProof(proof.commitment(), proof.challenge(), proof.response().add(Scalar.ONE));
      assertEquals(
          SchnorrProof.Verification.COMMITMENT_MISMATCH, forged.verify(HB, I, J, statement));
    }

    @Test
    void proofFailsForChangedCommitment() {
      SchnorrProof forged =
          new SchnorrProof(proof.commitment().add(P256.G), proof.challenge(), proof.response());
      assertEquals(
          SchnorrProof.Verification.COMMITMENT_MISMATCH, forged.verify(HB, I, J, statement));
    }

    @Test
    void proofFailsForChangedElectionBinding() {
      Hash32 other = Hash32.fromHex("12".repeat(32));
      assertEquals(
          SchnorrProof.Verification.CHALLENGE_MISMATCH, proof.verify(other, I, J, statement));
    }

    @Test
    void proofFailsForWrongTrusteeIndex() {
      assertEquals(
          SchnorrProof.Verification.CHALLENGE_MISMATCH, proof.verify(HB, I + 1, J, statement));
    }

    @Test
    void proofFailsForWrongCoefficientIndex() {
      assertEquals(
          SchnorrProof.Verification.CHALLENGE_MISMATCH, proof.verify(HB, I, J + 1, statement));
    }

    @Test
    void proofMadeWithAnotherSecretFails() {
      SchnorrProof wrong = SchnorrProof.prove(HB, I, J, secret.add(Scalar.ONE), statement, random);
      assertEquals(
          SchnorrProof.Verification.COMMITMENT_MISMATCH, wrong.verify(HB, I, J, statement));
    }

    @Test
    void consistentForgeryWithoutTheSecretFailsTheChallenge() {
      // Pick c and v first, derive h = v·G + c·K: the equation holds but c is not H(..., h).
      Scalar c = Scalar.randomNonZero(random);
      Scalar v = Scalar.randomNonZero(random);
      GroupElement h = P256.G.multiply(v).add(statement.multiply(c));
      assertEquals(
          SchnorrProof.Verification.CHALLENGE_MISMATCH,
          new SchnorrProof(h, c, v).verify(HB, I, J, statement));
    }

    @Test
    void identityStatementIsRefused() {
      assertEquals(
          SchnorrProof.Verification.STATEMENT_IS_IDENTITY, proof.verify(HB, I, J, P256.IDENTITY));
    }
  }

  @Nested
  class Encoding {
    @Test
    void roundTripsThroughItsEncoding() {
      byte[] bytes = proof.encode();
      assertEquals(SchnorrProof.ENCODED_LENGTH, bytes.length);
      assertEquals(proof, SchnorrProof.decode(bytes));
    }

    @Test
    void decoderRejectsTrailingBytes() {
      byte[] bytes = Arrays.copyOf(proof.encode(), SchnorrProof.ENCODED_LENGTH + 1);
      assertEquals(
          EncodingException.Reason.TRAILING_BYTES,
          assertThrows(EncodingException.class, () -> SchnorrProof.decode(bytes)).reason());
    }

    @Test
    void decoderRejectsTruncation() {
      byte[] bytes = Arrays.copyOf(proof.encode(), SchnorrProof.ENCODED_LENGTH - 1);
      assertEquals(
          EncodingException.Reason.TRUNCATED,
          assertThrows(EncodingException.class, () -> SchnorrProof.decode(bytes)).reason());
    }

    @Test
    void decoderRejectsNonCanonicalResponse() {
      byte[] bytes = proof.encode();
      Arrays.fill(bytes, 33 + 32, 33 + 64, (byte) 0xFF);
      assertEquals(
          EncodingException.Reason.NON_CANONICAL,
          assertThrows(EncodingException.class, () -> SchnorrProof.decode(bytes)).reason());
    }

    @Test
    void decoderRejectsNonCanonicalChallenge() {
      byte[] bytes = proof.encode();
      Arrays.fill(bytes, 33, 33 + 32, (byte) 0xFF);
      assertEquals(
          EncodingException.Reason.NON_CANONICAL,
          assertThrows(EncodingException.class, () -> SchnorrProof.decode(bytes)).reason());
    }

    @Test
    void decoderRejectsAPointOffTheCurve() {
      byte[] bytes = proof.encode();
      // x^3 - 3x + b has no square root mod p for x = 16: no point of P-256 has that x.
      Arrays.fill(bytes, 1, 33, (byte) 0);
      bytes[32] = 16;
      assertEquals(
          EncodingException.Reason.INVALID_VALUE,
          assertThrows(EncodingException.class, () -> SchnorrProof.decode(bytes)).reason());
    }

    @Test
    void decoderRejectsTheIdentityAsCommitment() {
      byte[] bytes = proof.encode();
      Arrays.fill(bytes, 0, 33, (byte) 0);
      assertEquals(
          EncodingException.Reason.INVALID_VALUE,
          assertThrows(EncodingException.class, () -> SchnorrProof.decode(bytes)).reason());
    }
  }
}

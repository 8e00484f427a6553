package io.votechain.crypto.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.batch.BatchWeights;
import io.votechain.crypto.batch.LinearCombination;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.elgamal.ElGamalSecretKey;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Precomputation;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RangeProofTest {
  private static final Hash32 H_E = Sha256.hash(new byte[] {0x45});
  private static final Hash32 CONTEXT = Sha256.hash(new byte[] {0x43});
  private static final List<Long> ZERO_ONE = List.of(0L, 1L);

  private static SecureRandom random;
  private static ElectionKey key;

  @BeforeAll
  static void keys() throws Exception {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(3);
    key = ElGamalSecretKey.generate(random).publicKey();
  }

  /** A statement over {@code values} whose ciphertext encrypts {@code m}, and its proof. */
  private record Fixture(RangeProofStatement statement, RangeProof proof) {}

  private static Fixture honest(List<Long> values, long m) {
    Scalar r = Scalar.randomNonZero(random);
    RangeProofStatement st = new RangeProofStatement(H_E, CONTEXT, key, key.encrypt(m, r), values);
    return new Fixture(st, RangeProof.prove(st, values.indexOf(m), r, seed()));
  }

  private static Hash32 seed() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Hash32.of(b);
  }

  private static RangeProof withBranch(
      RangeProof proof, int j, UnaryOperator<RangeProof.Branch> change) {
    List<RangeProof.Branch> branches = new ArrayList<>(proof.branches());
    branches.set(j, change.apply(branches.get(j)));
    return new RangeProof(branches);
  }

  private static RangeProofStatement withCiphertext(RangeProofStatement s, Ciphertext c) {
    return new RangeProofStatement(s.extendedBaseHash(), s.context(), s.key(), c, s.values());
  }

  private static boolean batchAccepts(RangeProofStatement st, RangeProof proof) {
    LinearCombination lc = new LinearCombination();
    proof.accumulate(st, new BatchWeights(seed()).forItem(0), lc);
    return lc.isIdentity(st.key());
  }

  @Nested
  class Verify {
    @Test
    void honestProofsVerifyForEveryValueOfTheSet() {
      for (List<Long> values : List.of(ZERO_ONE, List.of(0L, 250L), List.of(0L, 1L, 2L, 3L))) {
        for (long m : values) {
          Fixture f = honest(values, m);
          assertEquals(RangeProofResult.VALID, f.proof().verify(f.statement()));
          assertTrue(batchAccepts(f.statement(), f.proof()));
        }
      }
    }

    @Test
    void verifyingLeavesNoWindowTablesOnTheCiphertext() {
      Fixture f = honest(List.of(0L, 1L, 2L), 2);
      assertEquals(RangeProofResult.VALID, f.proof().verify(f.statement()));
      Ciphertext c = f.statement().ciphertext();
      assertEquals(Set.of(), Precomputation.of(c.alpha().ecPoint()));
      assertEquals(Set.of(), Precomputation.of(c.beta().ecPoint()));
    }

    @Test
    void proofFailsForChangedCiphertext() {
      Fixture f = honest(ZERO_ONE, 1);
      Ciphertext c = f.statement().ciphertext();
      Ciphertext changed = new Ciphertext(c.alpha(), c.beta().add(P256.G));
      assertEquals(
          RangeProofResult.Reason.CHALLENGE_MISMATCH,
          f.proof().verify(withCiphertext(f.statement(), changed)).reason());
    }

    @Test
    void proofFailsForChangedChallenge() {
      Fixture f = honest(ZERO_ONE, 0);
      RangeProof changed =
          withBranch(
              f.proof(), 1, b -> new RangeProof.Branch(b.a(), b.b(), b.c().add(Scalar.ONE), b.v()));
      assertEquals(
          RangeProofResult.Reason.CHALLENGE_MISMATCH, changed.verify(f.statement()).reason());
    }

    @Test
    void proofFailsForChallengesShiftedBetweenBranches() {
      // The sum is unchanged, so the hash check passes; the group equations must catch it.
      Fixture f = honest(ZERO_ONE, 0);
      RangeProof shifted =
          withBranch(
              withBranch(
                  f.proof(),
                  0,
                  b -> new RangeProof.Branch(b.a(), b.b(), b.c().add(Scalar.ONE), b.v())),
              1,
              b -> new RangeProof.Branch(b.a(), b.b(), b.c().subtract(Scalar.ONE), b.v()));
      assertEquals(
          new RangeProofResult(RangeProofResult.Reason.COMMITMENT_A_MISMATCH, 0),
          shifted.verify(f.statement()));
      assertFalse(batchAccepts(f.statement(), shifted));
    }

    @Test
    void proofFailsForChangedResponse() {
      Fixture f = honest(ZERO_ONE, 1);
      for (int j = 0; j < 2; j++) {
        RangeProof changed =
            withBranch(
                f.proof(),
                j,
                b -> new RangeProof.Branch(b.a(), b.b(), b.c(), b.v().add(Scalar.ONE)));
        assertEquals(
            new RangeProofResult(RangeProofResult.Reason.COMMITMENT_A_MISMATCH, j),
            changed.verify(f.statement()));
        assertFalse(batchAccepts(f.statement(), changed));
      }
    }

    @Test
    void proofFailsForChangedCommitment() {
      Fixture f = honest(ZERO_ONE, 1);
      RangeProof changed =
          withBranch(
              f.proof(), 0, b -> new RangeProof.Branch(b.a(), b.b().add(P256.G), b.c(), b.v()));
      assertEquals(
          RangeProofResult.Reason.CHALLENGE_MISMATCH, changed.verify(f.statement()).reason());
    }

    @Test
    void proofFailsForAnotherElectionOrPlaceOrKey() {
      Fixture f = honest(ZERO_ONE, 1);
      RangeProofStatement s = f.statement();
      Hash32 other = Sha256.hash(new byte[] {9});
      ElectionKey otherKey = ElGamalSecretKey.generate(random).publicKey();
      for (RangeProofStatement changed :
          List.of(
              new RangeProofStatement(other, s.context(), s.key(), s.ciphertext(), s.values()),
              new RangeProofStatement(
                  s.extendedBaseHash(), other, s.key(), s.ciphertext(), s.values()),
              new RangeProofStatement(
                  s.extendedBaseHash(), s.context(), otherKey, s.ciphertext(), s.values()))) {
        assertEquals(
            RangeProofResult.Reason.CHALLENGE_MISMATCH, f.proof().verify(changed).reason());
      }
    }

    @Test
    void proofFailsForAWrongWeight() {
      Fixture f = honest(List.of(0L, 100L), 100);
      RangeProofStatement s = f.statement();
      RangeProofStatement otherWeight =
          new RangeProofStatement(
              s.extendedBaseHash(), s.context(), s.key(), s.ciphertext(), List.of(0L, 101L));
      assertEquals(
          RangeProofResult.Reason.CHALLENGE_MISMATCH, f.proof().verify(otherWeight).reason());
    }

    @Test
    void proofFailsForAValueOutsideTheSet() {
      // The prover claims branch 1 (value 1) for an encryption of 2; its simulation of branch 0
      // assumed the value 1 too, so branch 0 is the first to fail.
      Scalar r = Scalar.randomNonZero(random);
      RangeProofStatement st =
          new RangeProofStatement(H_E, CONTEXT, key, key.encrypt(2, r), ZERO_ONE);
      RangeProof proof = RangeProof.prove(st, 1, r, seed());
      assertEquals(
          new RangeProofResult(RangeProofResult.Reason.COMMITMENT_B_MISMATCH, 0), proof.verify(st));
      assertFalse(batchAccepts(st, proof));
    }

    @Test
    void proofFailsForAWrongNumberOfBranches() {
      Fixture f = honest(List.of(0L, 1L, 2L), 2);
      RangeProofStatement s = f.statement();
      assertEquals(
          RangeProofResult.Reason.WRONG_BRANCH_COUNT,
          f.proof().verify(withValues(s, ZERO_ONE)).reason());
    }

    private static RangeProofStatement withValues(RangeProofStatement s, List<Long> values) {
      return new RangeProofStatement(
          s.extendedBaseHash(), s.context(), s.key(), s.ciphertext(), values);
    }
  }

  @Nested
  class Prove {
    @Test
    void sameSeedGivesTheSameProofAndAnotherSeedAnother() {
      Scalar r = Scalar.randomNonZero(random);
      RangeProofStatement st =
          new RangeProofStatement(H_E, CONTEXT, key, key.encrypt(1, r), ZERO_ONE);
      Hash32 seed = seed();
      assertEquals(RangeProof.prove(st, 1, r, seed), RangeProof.prove(st, 1, r, seed));
      assertFalse(RangeProof.prove(st, 1, r, seed).equals(RangeProof.prove(st, 1, r, seed())));
    }

    @Test
    void statementRefusesDuplicateOrNegativeValues() {
      Ciphertext c = key.encrypt(0, Scalar.ONE);
      assertThrows(
          IllegalArgumentException.class,
          () -> new RangeProofStatement(H_E, CONTEXT, key, c, List.of(1L, 1L)));
      assertThrows(
          IllegalArgumentException.class,
          () -> new RangeProofStatement(H_E, CONTEXT, key, c, List.of(0L, -1L)));
    }
  }

  @Nested
  class Encoding {
    private byte[] encode(RangeProof proof) {
      CanonicalWriter w = new CanonicalWriter();
      proof.writeTo(w);
      return w.toByteArray();
    }

    private RangeProof decode(byte[] bytes) {
      CanonicalReader r = new CanonicalReader(bytes);
      RangeProof p = RangeProof.readFrom(r, 2);
      r.finish();
      return p;
    }

    @Test
    void roundTripsAndIsCountThenBranches() {
      Fixture f = honest(ZERO_ONE, 0);
      byte[] bytes = encode(f.proof());
      assertEquals(1 + 2 * RangeProof.Branch.ENCODED_LENGTH, bytes.length);
      assertEquals(2, bytes[0]);
      assertEquals(f.proof(), decode(bytes));
    }

    @Test
    void decoderRefusesAPointOffTheCurve() {
      byte[] bytes = encode(honest(ZERO_ONE, 0).proof());
      System.arraycopy(offCurve(), 0, bytes, 1, GroupElement.LENGTH);
      EncodingException e = assertThrows(EncodingException.class, () -> decode(bytes));
      assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
    }

    /** {@code 02 || x} for the smallest x for which x^3 - 3x + b is not a square modulo p. */
    private static byte[] offCurve() {
      java.math.BigInteger p = P256.FIELD_PRIME;
      java.math.BigInteger b =
          new java.math.BigInteger(
              "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
      for (long x = 1; ; x++) {
        java.math.BigInteger bx = java.math.BigInteger.valueOf(x);
        java.math.BigInteger rhs =
            bx.pow(3).subtract(bx.multiply(java.math.BigInteger.valueOf(3))).add(b).mod(p);
        java.math.BigInteger euler =
            rhs.modPow(p.subtract(java.math.BigInteger.ONE).shiftRight(1), p);
        if (euler.equals(p.subtract(java.math.BigInteger.ONE))) {
          byte[] out = new byte[GroupElement.LENGTH];
          out[0] = 2;
          byte[] xs = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, bx);
          System.arraycopy(xs, 0, out, 1, 32);
          return out;
        }
      }
    }

    @Test
    void decoderRefusesAnIdentityCommitment() {
      byte[] bytes = encode(honest(ZERO_ONE, 0).proof());
      java.util.Arrays.fill(bytes, 1, 1 + GroupElement.LENGTH, (byte) 0);
      EncodingException e = assertThrows(EncodingException.class, () -> decode(bytes));
      assertEquals(EncodingException.Reason.INVALID_VALUE, e.reason());
    }

    @Test
    void decoderRefusesANonCanonicalScalar() {
      byte[] bytes = encode(honest(ZERO_ONE, 0).proof());
      // Replace c_0 by c_0 + n (still 32 bytes when c_0 < 2^256 - n, as for most scalars).
      int at = 1 + 2 * GroupElement.LENGTH;
      byte[] c = java.util.Arrays.copyOfRange(bytes, at, at + 32);
      java.math.BigInteger big = new java.math.BigInteger(1, c).add(P256.ORDER);
      byte[] nonCanonical =
          big.bitLength() <= 256
              ? org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, big)
              : org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, P256.ORDER);
      System.arraycopy(nonCanonical, 0, bytes, at, 32);
      EncodingException e = assertThrows(EncodingException.class, () -> decode(bytes));
      assertEquals(EncodingException.Reason.NON_CANONICAL, e.reason());
    }

    @Test
    void decoderRefusesTooManyBranches() {
      byte[] bytes = encode(honest(List.of(0L, 1L, 2L), 1).proof());
      EncodingException e = assertThrows(EncodingException.class, () -> decode(bytes));
      assertEquals(EncodingException.Reason.TOO_LARGE, e.reason());
    }
  }
}

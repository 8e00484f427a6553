package io.votechain.crypto.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.elgamal.ElGamalSecretKey;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Precomputation;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Set;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MultiScalarMultiplicationTest {
  private static SecureRandom random;

  @BeforeAll
  static void seed() throws Exception {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(11);
  }

  private static ECPoint naive(ECPoint[] points, BigInteger[] scalars) {
    ECPoint sum = P256.IDENTITY.ecPoint();
    for (int i = 0; i < points.length; i++) {
      sum = sum.add(points[i].multiply(scalars[i]));
    }
    return sum.normalize();
  }

  private static ECPoint[] randomPoints(int n) {
    ECPoint[] points = new ECPoint[n];
    for (int i = 0; i < n; i++) {
      points[i] = P256.G.multiplyFixed(Scalar.randomNonZero(random)).ecPoint();
    }
    return points;
  }

  /** Random scalars of mixed lengths, with the edge values 0, 1, n-1 and 2^128 - 1 mixed in. */
  private static BigInteger[] mixedScalars(int n) {
    BigInteger[] scalars = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      scalars[i] =
          switch (i % 7) {
            case 0 -> new BigInteger(128, random);
            case 1 -> Scalar.random(random).toBigInteger();
            case 2 -> BigInteger.ZERO;
            case 3 -> P256.ORDER.subtract(BigInteger.ONE);
            case 4 -> BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
            case 5 -> BigInteger.ONE;
            default -> new BigInteger(128, random);
          };
    }
    return scalars;
  }

  @Nested
  class Sum {
    @Test
    void strausMatchesTheNaiveSumForFewPoints() {
      ECPoint[] points = randomPoints(20);
      BigInteger[] scalars = mixedScalars(20);
      assertEquals(
          naive(points, scalars), MultiScalarMultiplication.sum(points, scalars).normalize());
    }

    @Test
    void pippengerMatchesTheNaiveSumForManyPoints() {
      int n = 2 * MultiScalarMultiplication.PIPPENGER_THRESHOLD + 50;
      ECPoint[] points = randomPoints(n);
      BigInteger[] scalars = mixedScalars(n);
      assertEquals(
          naive(points, scalars), MultiScalarMultiplication.sum(points, scalars).normalize());
    }

    @Test
    void pippengerHandlesRepeatedAndOppositePoints() {
      ECPoint p = P256.G.multiplyFixed(Scalar.of(99)).ecPoint();
      int n = 300;
      ECPoint[] points = new ECPoint[n];
      BigInteger[] scalars = new BigInteger[n];
      for (int i = 0; i < n; i++) {
        points[i] = i % 2 == 0 ? p : p.negate().normalize();
        scalars[i] = BigInteger.valueOf(1000 + i % 3);
      }
      assertEquals(naive(points, scalars), Pippenger.sum(points, scalars, 256).normalize());
    }

    @Test
    void everyWindowWidthGivesTheSameResult() {
      ECPoint[] points = randomPoints(40);
      BigInteger[] scalars = mixedScalars(40);
      ECPoint expected = naive(points, scalars);
      for (int c = 2; c <= 12; c++) {
        int[][] digits = new int[256 / c + 1][1];
        for (BigInteger k : scalars) {
          Pippenger.recode(k, c, digits, 0);
          BigInteger back = BigInteger.ZERO;
          for (int w = digits.length - 1; w >= 0; w--) {
            back = back.shiftLeft(c).add(BigInteger.valueOf(digits[w][0]));
          }
          assertEquals(k, back, "recoding with c = " + c);
        }
      }
      assertEquals(expected, Pippenger.sum(points, scalars, 256).normalize());
    }

    @Test
    void batchedAffinePippengerMatchesTheNaiveSumAcrossSeveralBatches() {
      int n = 2 * AffineBatchPippenger.BATCH + 100;
      ECPoint[] points = randomPoints(n);
      BigInteger[] scalars = mixedScalars(n);
      ECPoint expected = naive(points, scalars);
      assertEquals(expected, AffineBatchPippenger.sum(points, scalars, 256).normalize());
      assertEquals(expected, Pippenger.sum(points, scalars, 256).normalize());
    }

    @Test
    void batchedAffinePippengerDoublesAndCancelsInsideBuckets() {
      // The same point, its negation and a few others, all with small equal digits: buckets
      // receive P + P (a doubling) and P + (-P) (a cancellation) inside one batch.
      ECPoint p = P256.G.multiplyFixed(Scalar.of(77)).ecPoint();
      ECPoint q = P256.G.multiplyFixed(Scalar.of(5)).ecPoint();
      int n = 41;
      ECPoint[] points = new ECPoint[n];
      BigInteger[] scalars = new BigInteger[n];
      for (int i = 0; i < n; i++) {
        points[i] =
            switch (i % 4) {
              case 0, 1 -> p;
              case 2 -> p.negate().normalize();
              default -> q;
            };
        scalars[i] = BigInteger.valueOf(3 + (i % 2));
      }
      assertEquals(
          naive(points, scalars), AffineBatchPippenger.sum(points, scalars, 256).normalize());
    }

    @Test
    void batchedAffinePippengerMatchesWithFewDistinctPointsAndManyCollisions() {
      ECPoint[] distinct = randomPoints(3);
      int n = AffineBatchPippenger.BATCH + 200;
      ECPoint[] points = new ECPoint[n];
      BigInteger[] scalars = new BigInteger[n];
      for (int i = 0; i < n; i++) {
        ECPoint p = distinct[i % 3];
        points[i] = i % 5 == 0 ? p.negate().normalize() : p;
        scalars[i] = i % 2 == 0 ? BigInteger.valueOf(i % 7) : Scalar.random(random).toBigInteger();
      }
      assertEquals(
          naive(points, scalars), AffineBatchPippenger.sum(points, scalars, 256).normalize());
    }

    @Test
    void batchedAffinePippengerHandlesShortScalarsAndATotalOfZero() {
      ECPoint[] points = randomPoints(30);
      BigInteger[] scalars = new BigInteger[30];
      for (int i = 0; i < 30; i++) {
        scalars[i] = new BigInteger(128, random);
      }
      assertEquals(
          naive(points, scalars), AffineBatchPippenger.sum(points, scalars, 128).normalize());
      ECPoint[] pair = {points[0], points[0].negate().normalize()};
      BigInteger[] same = {scalars[0], scalars[0]};
      assertTrue(AffineBatchPippenger.sum(pair, same, 256).isInfinity());
    }

    @Test
    void strausLeavesNoWindowTablesOnTheCallersPoints() {
      int n = 12;
      ECPoint[] points = new ECPoint[n];
      ECPoint[] probes = new ECPoint[n];
      for (int i = 0; i < n; i++) {
        byte[] encoded = P256.G.multiplyFixed(Scalar.randomNonZero(random)).encode();
        points[i] = GroupElement.decode(encoded).ecPoint();
        probes[i] = GroupElement.decode(encoded).ecPoint();
      }
      BigInteger[] scalars = mixedScalars(n);
      // Called directly, BouncyCastle's Straus stores a window table on its inputs.
      ECAlgorithms.sumOfMultiplies(probes, scalars);
      assertFalse(Precomputation.of(probes[1]).isEmpty());

      ECPoint sum = MultiScalarMultiplication.sum(points, scalars).normalize();
      for (ECPoint p : points) {
        assertEquals(Set.of(), Precomputation.of(p));
      }
      assertEquals(naive(probes, scalars), sum);
    }

    @Test
    void emptySumIsTheIdentity() {
      assertTrue(MultiScalarMultiplication.sum(new ECPoint[0], new BigInteger[0]).isInfinity());
    }
  }

  @Nested
  class Combination {
    @Test
    void combinationOfTrueEquationIsTheIdentity() {
      ElectionKey key = ElGamalSecretKey.generate(random).publicKey();
      Scalar x = Scalar.randomNonZero(random);
      Scalar y = Scalar.randomNonZero(random);
      GroupElement p = P256.G.multiplyFixed(x).add(key.multiply(y));
      LinearCombination lc = new LinearCombination();
      BigInteger w = new BigInteger(128, random);
      lc.add(p, w);
      lc.addG(w.multiply(x.toBigInteger()).negate());
      lc.addK(w.multiply(y.toBigInteger()).negate());
      assertTrue(lc.isIdentity(key));
      lc.addG(BigInteger.ONE);
      assertFalse(lc.isIdentity(key));
    }

    @Test
    void weightsAreDeterministicPerSeedAndItemAnd128Bits() {
      Hash32 seed = Sha256.hash(new byte[] {1});
      BatchWeights a = new BatchWeights(seed);
      BatchWeights b = new BatchWeights(seed);
      BatchWeights.Stream s1 = a.forItem(3);
      BatchWeights.Stream s2 = b.forItem(3);
      BatchWeights.Stream other = a.forItem(4);
      for (int i = 0; i < 5; i++) {
        BigInteger w = s1.next();
        assertEquals(w, s2.next());
        assertFalse(w.equals(other.next()));
        assertTrue(w.bitLength() <= 128);
      }
    }

    @Test
    void firstWeightIsTheFirstHalfOfSha256OfDomainSeedItemAndBlock() {
      Hash32 seed = Sha256.hash(new byte[] {2});
      byte[] input = new byte[1 + 32 + 8 + 4];
      input[0] = BatchWeights.DOMAIN;
      System.arraycopy(seed.bytes(), 0, input, 1, 32);
      input[1 + 32 + 7] = 5;
      byte[] block = Sha256.hash(input).bytes();
      BatchWeights.Stream s = new BatchWeights(seed).forItem(5);
      assertEquals(new BigInteger(1, java.util.Arrays.copyOfRange(block, 0, 16)), s.next());
      assertEquals(new BigInteger(1, java.util.Arrays.copyOfRange(block, 16, 32)), s.next());
    }
  }
}

package io.votechain.crypto.dlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DiscreteLogTest {
  private static SecureRandom random;

  @BeforeAll
  static void seed() throws NoSuchAlgorithmException {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(2026);
  }

  private static GroupElement times(long t) {
    return P256.G.multiply(Scalar.of(t));
  }

  private static long randomBelow(long bound) {
    return Math.floorMod(random.nextLong(), bound + 1);
  }

  @Nested
  class SmallBoundFastPath {
    private final DiscreteLog dlog = DiscreteLog.forBound(100_000);

    @Test
    void tableCoversTheWholeBound() {
      assertEquals(100_000, dlog.babySteps());
    }

    @Test
    void findsZeroOneAndTheBound() {
      assertEquals(OptionalLong.of(0), dlog.solve(P256.IDENTITY));
      assertEquals(OptionalLong.of(1), dlog.solve(P256.G));
      assertEquals(OptionalLong.of(100_000), dlog.solve(times(100_000)));
    }

    @Test
    void valueAboveTheBoundIsNotFound() {
      assertEquals(OptionalLong.empty(), dlog.solve(times(100_001)));
    }

    @Test
    void negativeValueIsNotFound() {
      // −5 mod n is far above any bound; its point shares an x-coordinate with 5·G.
      assertEquals(OptionalLong.empty(), dlog.solve(times(-5)));
    }

    @Test
    void randomValuesAreFound() {
      for (int i = 0; i < 20; i++) {
        long t = randomBelow(100_000);
        assertEquals(OptionalLong.of(t), dlog.solve(times(t)));
      }
    }
  }

  @Nested
  class GiantSteps {
    @Test
    void everyValueOfATinyTableIsFoundAndNothingBeyond() {
      // m = 2: window [−2, 2], giant step 5, so every residue and sign path is exercised.
      DiscreteLog dlog = DiscreteLog.forBound(300, 1);
      assertEquals(2, dlog.babySteps());
      for (long t = 0; t <= 300; t++) {
        assertEquals(OptionalLong.of(t), dlog.solve(times(t)), "t = " + t);
      }
      for (long t = 301; t <= 320; t++) {
        assertEquals(OptionalLong.empty(), dlog.solve(times(t)), "t = " + t);
      }
    }

    @Test
    void boundAndNeighboursAcrossManyBatches() {
      long bound = 50_000_000;
      DiscreteLog dlog = DiscreteLog.forBound(bound, 10);
      assertEquals(OptionalLong.of(bound), dlog.solve(times(bound)));
      assertEquals(OptionalLong.of(bound - 1), dlog.solve(times(bound - 1)));
      assertEquals(OptionalLong.empty(), dlog.solve(times(bound + 1)));
      for (int i = 0; i < 10; i++) {
        long t = randomBelow(bound);
        assertEquals(OptionalLong.of(t), dlog.solve(times(t)));
      }
    }

    @Test
    void pointOfAnUnrelatedBaseIsNotFound() {
      DiscreteLog dlog = DiscreteLog.forBound(1_000_000, 12);
      GroupElement h = P256.G.multiply(Scalar.randomNonZero(random));
      assertEquals(OptionalLong.empty(), dlog.solve(h));
    }

    @Test
    void boundZeroFindsOnlyZero() {
      DiscreteLog dlog = DiscreteLog.forBound(0);
      assertEquals(OptionalLong.of(0), dlog.solve(P256.IDENTITY));
      assertEquals(OptionalLong.empty(), dlog.solve(P256.G));
    }
  }

  @Nested
  class PrefixCollisions {
    @Test
    void collidingKeysNeverGiveAWrongAnswer() {
      // 6-bit keys: 64 distinct keys for 256 baby steps, so almost every lookup meets entries of
      // other points (false candidates) and most slots are ambiguous.
      long bound = 20_000;
      DiscreteLog dlog = DiscreteLog.withShortKeys(bound, 8, 6);
      for (long t : new long[] {0, 1, 2, 255, 256, 257, 513, bound - 1, bound}) {
        assertEquals(OptionalLong.of(t), dlog.solve(times(t)), "t = " + t);
      }
      for (int i = 0; i < 10; i++) {
        long t = randomBelow(bound);
        assertEquals(OptionalLong.of(t), dlog.solve(times(t)), "t = " + t);
      }
      assertEquals(OptionalLong.empty(), dlog.solve(times(bound + 1)));
    }
  }

  @Nested
  class ShareholderScale {
    @Test
    void solvesAtTheTrillionBoundWithTheDefaultTable() {
      // One table of 2^20 entries (24 MiB) serves the whole 10^12 range. Its speed is measured in
      // DlogBenchmark, not asserted here.
      long bound = 1_000_000_000_000L;
      DiscreteLog dlog = DiscreteLog.forBound(bound);
      assertEquals(1 << 20, dlog.babySteps());
      assertEquals(24L << 20, dlog.memoryBytes());
      long t = bound - randomBelow(1_000_000);
      assertEquals(OptionalLong.of(t), dlog.solve(times(t)));
      assertEquals(OptionalLong.empty(), dlog.solve(times(bound + 1)));
    }
  }

  @Nested
  class Arguments {
    @Test
    void negativeBoundIsRefused() {
      assertThrows(IllegalArgumentException.class, () -> DiscreteLog.forBound(-1));
    }

    @Test
    void oversizedTableIsRefused() {
      assertThrows(
          IllegalArgumentException.class,
          () -> DiscreteLog.forBound(10, DiscreteLog.MAX_TABLE_BITS + 1));
    }
  }
}

package io.votechain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded adversarial schedules (docs/consensus.md §10). Every run checks safety, liveness after GST
 * and validity as it goes and throws a {@link Violation} naming its seed and scenario; {@code
 * -Dsim.seed=S} re-runs just that seed. Most runs share one memo of Ed25519 verifications among the
 * simulated validators (every distinct signature is still verified once with real Ed25519); {@link
 * #fourValidatorsAgreeWithRealEd25519AtEveryValidator} runs without that memo.
 */
class ConsensusSimulationTest {
  private static boolean singleSeed() {
    return System.getProperty("sim.seed") != null && !System.getProperty("sim.seed").isBlank();
  }

  private static void assertRan(List<SimResult> results, int expected) {
    assertEquals(singleSeed() ? 1 : expected, results.size());
    for (SimResult r : results) {
      assertTrue(r.minHonestHeight() >= 2, "seed " + r.seed() + " committed too little");
    }
  }

  @Test
  void fourValidatorsStaySafeLiveAndValidInTwoThousandAdversarialSchedules() {
    assertRan(SimulationRunner.runSeeds(1_000, 2_000, s -> SimScenario.random(4, s)), 2_000);
  }

  @Test
  void sevenValidatorsStaySafeLiveAndValidUnderTwoByzantine() {
    assertRan(SimulationRunner.runSeeds(50_000, 150, s -> SimScenario.random(7, s)), 150);
  }

  @Test
  void tenValidatorsStaySafeLiveAndValidUnderThreeByzantine() {
    assertRan(SimulationRunner.runSeeds(90_000, 60, s -> SimScenario.random(10, s)), 60);
  }

  @Test
  void aSeedReproducesTheSameRunExactly() {
    for (long seed = 5; seed < 25; seed++) {
      SimScenario scenario = SimScenario.random(4, seed);
      assertEquals(new Simulation(scenario, seed).run(), new Simulation(scenario, seed).run());
    }
  }

  @Test
  void fourValidatorsAgreeWithRealEd25519AtEveryValidator() {
    assertRan(
        SimulationRunner.runSeeds(
            70_000, 40, s -> SimScenario.random(4, s).withRealSignaturesOnly()),
        40);
  }
}

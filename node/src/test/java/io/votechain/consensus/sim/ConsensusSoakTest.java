package io.votechain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The long soak: {@code mvn -B -pl node test -Dtest=ConsensusSoakTest -Dsim.schedules=100000}
 * (optionally {@code -Dsim.firstSeed=S}). Seeds cycle through n = 4 (8 in 10), 7 and 10. The
 * default run keeps it to a handful of schedules so the suite stays fast.
 */
class ConsensusSoakTest {
  static SimScenario scenario(long seed) {
    int bucket = (int) Math.floorMod(seed, 10L);
    int n = bucket == 8 ? 7 : bucket == 9 ? 10 : 4;
    return SimScenario.random(n, seed);
  }

  @Test
  void randomSchedulesAcrossNetworkSizesStaySafeLiveAndValid() {
    int schedules = Integer.getInteger("sim.schedules", 30);
    long first = Long.getLong("sim.firstSeed", 1_000_000L);
    List<SimResult> results =
        SimulationRunner.runSeeds(first, schedules, ConsensusSoakTest::scenario);
    boolean single =
        System.getProperty("sim.seed") != null && !System.getProperty("sim.seed").isBlank();
    assertEquals(single ? 1 : schedules, results.size());
  }
}

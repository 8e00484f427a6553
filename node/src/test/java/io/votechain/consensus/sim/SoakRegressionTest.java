package io.votechain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Soak seeds that once failed, replayed with the soak's own scenario for that seed (each run throws
 * a {@link Violation} if safety, liveness or validity fails). docs/consensus.md names the root
 * cause of each.
 */
class SoakRegressionTest {
  @ParameterizedTest(name = "soak seed {0}")
  @ValueSource(
      longs = {
        1_014_915L, // an equivocator's junk crowded its real prevote out of our log (§5)
        1_016_343L, // a restarted validator's round-entry proof was not re-sent (§6)
        3_093_761L // a relayed proposal with swapped transactions poisoned valid(v) (§4)
      })
  void onceFailingSoakSeedStaysSafeLiveAndValid(long seed) {
    SimResult result = new Simulation(ConsensusSoakTest.scenario(seed), seed).run();
    assertTrue(result.minHonestHeight() >= 2, "lowest honest height: " + result.minHonestHeight());
  }
}

package io.votechain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checker can fail: with the lock rule of lines 23 and 29 switched off in the honest validators
 * (a test-only variant), an equivocating Byzantine validator and a lossy network make two honest
 * validators commit different blocks at one height for some seed, and the safety checker reports it
 * with the seed.
 */
class BrokenLockRuleTest {
  static SimScenario lockless(long seed) {
    SimScenario base = SimScenario.random(4, seed);
    return new SimScenario(
        4,
        Map.of((int) (seed % 4), EnumSet.of(Behaviour.EQUIVOCATE_VOTES)),
        false,
        3_000,
        0.25,
        0.0,
        120,
        base.delta(),
        false,
        0,
        0,
        false,
        false,
        2,
        30_000);
  }

  @Test
  void safetyCheckerCatchesTheBrokenLockRuleForSomeSeed() {
    Violation found = null;
    for (long seed = 0; seed < 3_000 && found == null; seed++) {
      try {
        new Simulation(lockless(seed), seed).run();
      } catch (Violation v) {
        if (v.kind() == Violation.Kind.SAFETY) {
          found = v;
        }
      }
    }
    assertTrue(found != null, "no seed broke safety without the lock rule");
    System.out.println("broken lock rule caught: " + found.getMessage());
    assertEquals(Violation.Kind.SAFETY, found.kind());
    assertTrue(found.getMessage().contains("-Dsim.seed="));
  }

  @Test
  void theSameSchedulesAreSafeWithTheLockRule() {
    for (long seed = 0; seed < 100; seed++) {
      new Simulation(lockless(seed).withLockRule(true), seed).run();
    }
  }
}

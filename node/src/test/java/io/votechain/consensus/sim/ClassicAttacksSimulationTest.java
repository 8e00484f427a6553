package io.votechain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schedules aimed at the classic attacks: Twins (Bano et al., "Twins: BFT Systems Made Robust",
 * 2020) — a Byzantine validator run as two honest copies with one key, split by a partition — and a
 * leader that equivocates while the network forces round changes.
 */
class ClassicAttacksSimulationTest {
  private static SimScenario twins(long seed) {
    SimScenario base = SimScenario.random(4, seed);
    return new SimScenario(
        4,
        Map.of((int) (seed % 4), EnumSet.noneOf(Behaviour.class)),
        true,
        base.gst() + 500,
        base.dropRate(),
        base.duplicateRate(),
        base.maxDelayBeforeGst(),
        base.delta(),
        true,
        0,
        base.maxClockSkew(),
        true,
        false,
        2,
        30_000);
  }

  private static SimScenario equivocatingLeader(long seed) {
    SimScenario base = SimScenario.random(4, seed);
    return new SimScenario(
        4,
        Map.of(
            (int) (seed % 4),
            EnumSet.of(Behaviour.EQUIVOCATE_PROPOSALS, Behaviour.EQUIVOCATE_VOTES)),
        false,
        base.gst() + 500,
        0.3,
        0.0,
        150,
        base.delta(),
        false,
        0,
        base.maxClockSkew(),
        true,
        false,
        3,
        30_000);
  }

  private static SimScenario crashedLeader(long seed) {
    SimScenario base = SimScenario.random(7, seed);
    // Two validators send nothing from the start: every 7 heights two proposers are "crashed".
    return new SimScenario(
        7,
        Map.of(
            (int) (seed % 7),
            EnumSet.of(Behaviour.SILENT),
            (int) ((seed + 1) % 7),
            EnumSet.of(Behaviour.SILENT)),
        false,
        base.gst(),
        base.dropRate(),
        base.duplicateRate(),
        base.maxDelayBeforeGst(),
        base.delta(),
        base.partition(),
        0,
        base.maxClockSkew(),
        true,
        false,
        8,
        30_000);
  }

  @Test
  void twoCrashedValidatorsOfSevenDoNotStopTheOthersCommitting() {
    List<SimResult> results =
        SimulationRunner.runSeeds(400_000, 30, ClassicAttacksSimulationTest::crashedLeader);
    assertTrue(results.stream().allMatch(r -> r.minHonestHeight() >= 8));
    if (System.getProperty("sim.seed") == null) {
      assertTrue(results.stream().allMatch(r -> r.maxRound() > 0), "no view change happened");
    }
  }

  @Test
  void twinsWithOneKeyInTwoPartitionsNeverSplitTheHonestValidators() {
    List<SimResult> results =
        SimulationRunner.runSeeds(200_000, 150, ClassicAttacksSimulationTest::twins);
    assertTrue(results.stream().allMatch(r -> r.minHonestHeight() >= 2));
    if (System.getProperty("sim.seed") == null) {
      // The twins do equivocate, and honest validators catch it.
      assertTrue(results.stream().anyMatch(r -> r.evidenceFound() > 0));
    }
  }

  @Test
  void leaderEquivocatingAcrossRoundChangesNeverSplitsTheHonestValidators() {
    List<SimResult> results =
        SimulationRunner.runSeeds(300_000, 150, ClassicAttacksSimulationTest::equivocatingLeader);
    assertTrue(results.stream().allMatch(r -> r.minHonestHeight() >= 3));
    if (System.getProperty("sim.seed") == null) {
      assertTrue(results.stream().anyMatch(r -> r.maxRound() > 0), "no round change happened");
      assertTrue(results.stream().anyMatch(r -> r.evidenceFound() > 0));
    }
  }
}

package io.votechain.consensus.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

/**
 * Runs many seeded schedules. Each run is single-threaded and deterministic; independent runs may
 * go on the two cores at once, which changes nothing about any run. {@code -Dsim.seed=S} runs just
 * seed S (how a failure is reproduced).
 */
final class SimulationRunner {
  private SimulationRunner() {}

  static List<SimResult> runSeeds(long firstSeed, int count, LongFunction<SimScenario> scenario) {
    String only = System.getProperty("sim.seed");
    LongStream seeds =
        only != null && !only.isBlank()
            ? LongStream.of(Long.parseLong(only.trim()))
            : LongStream.range(firstSeed, firstSeed + count);
    return new ArrayList<>(
        seeds
            .parallel()
            .mapToObj(seed -> new Simulation(scenario.apply(seed), seed).run())
            .toList());
  }
}

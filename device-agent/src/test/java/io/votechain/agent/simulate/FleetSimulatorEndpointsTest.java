package io.votechain.agent.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetSimulatorEndpointsTest {
  private static final List<String> FOUR = List.of("v0", "v1", "v2", "v3");

  @Test
  void kioskDTriesValidatorDModNFirstThenTheOthersInTurn() {
    assertEquals(FOUR, FleetSimulator.startingAt(FOUR, 0));
    assertEquals(List.of("v1", "v2", "v3", "v0"), FleetSimulator.startingAt(FOUR, 1));
    assertEquals(List.of("v3", "v0", "v1", "v2"), FleetSimulator.startingAt(FOUR, 3));
    assertEquals(FOUR, FleetSimulator.startingAt(FOUR, 4));
    assertEquals(List.of("v2", "v3", "v0", "v1"), FleetSimulator.startingAt(FOUR, 6));
  }

  @Test
  void twentyKiosksSpreadEvenlyOverFourValidators() {
    Map<String, Integer> first = new HashMap<>();
    for (int d = 0; d < 20; d++) {
      first.merge(FleetSimulator.startingAt(FOUR, d).get(0), 1, Integer::sum);
    }
    assertEquals(Map.of("v0", 5, "v1", 5, "v2", 5, "v3", 5), first);
  }

  @Test
  void aSingleValidatorOrNoneIsLeftAsItIs() {
    assertEquals(List.of("v0"), FleetSimulator.startingAt(List.of("v0"), 7));
    assertEquals(List.of(), FleetSimulator.startingAt(List.<String>of(), 3));
  }
}

package io.votechain.agent.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class FleetReportTest {
  private static final Map<String, Map<String, Long>> TOTALS =
      Map.of("mayor", Map.of("alvarez", 2L, "chen", 1L));

  @Test
  void theJsonNamesEachKioskWithWhatItCastAndWhyItsBallotsWereRefused() {
    FleetReport report =
        new FleetReport(
            2,
            5,
            4,
            1.5,
            new FleetReport.Latency(10, 20, 30),
            new FleetReport.Latency(4, 5, 6),
            Map.of("DEVICE_REVOKED", 1),
            TOTALS,
            Map.of(
                "kiosk-0",
                new FleetReport.DeviceReport(0, 3, 3, 17, Map.of(), TOTALS),
                "kiosk-1",
                new FleetReport.DeviceReport(1, 2, 1, 9, Map.of("DEVICE_REVOKED", 1), TOTALS)));

    JsonObject json = report.toJson();

    assertEquals(
        new JsonObject()
            .put("index", 1)
            .put("ballotsCast", 2)
            .put("ballotsCommitted", 1L)
            .put("lastCommittedHeight", 9L)
            .put("refusals", new JsonObject().put("DEVICE_REVOKED", 1)),
        json.getJsonObject("perDevice").getJsonObject("kiosk-1"));
    assertEquals(
        new JsonObject().put("p50", 10.0).put("p95", 20.0).put("p99", 30.0),
        json.getJsonObject("receiptLatencyMillis"));
    assertEquals(
        new JsonObject().put("p50", 4.0).put("p95", 5.0).put("p99", 6.0),
        json.getJsonObject("publishToReceiptMillis"));
    assertEquals(
        new JsonObject().put("alvarez", 2L).put("chen", 1L),
        json.getJsonObject("totals").getJsonObject("mayor"));
  }

  @Test
  void theCommandLinePlanGivesEveryKioskTheNetworksEndpointsAndObservesNothing() {
    FleetSimulator.Plan plan = new FleetSimulator.Plan("e", 2, 4, 1, 7, Path.of("w"));
    assertNull(plan.endpoints());
    assertSame(FleetSimulator.Observer.NONE, plan.observer());

    FleetSimulator.Plan routed = plan.withEndpoints(d -> List.of("tcp://127.0.0.1:" + (1000 + d)));
    assertEquals(List.of("tcp://127.0.0.1:1001"), routed.endpoints().apply(1));
    assertEquals(plan.electionId(), routed.electionId());
    assertThrows(NullPointerException.class, () -> plan.withObserver(null));
  }

  @Test
  void eachWitherChangesItsOwnComponentAndKeepsTheOthers() {
    IntFunction<List<String>> oneBroker = d -> List.of("tcp://a:1");
    IntFunction<List<String>> perKiosk = d -> List.of("tcp://b:" + d);
    FleetSimulator.Observer watching = new FleetSimulator.Observer() {};
    Path work = Path.of("w");
    FleetSimulator.Plan plan =
        new FleetSimulator.Plan(
            "e", 2, 4, 1.5, 7, work, oneBroker, FleetSimulator.Observer.NONE, 3);

    assertEquals(
        new FleetSimulator.Plan("e", 2, 4, 1.5, 7, work, perKiosk, FleetSimulator.Observer.NONE, 3),
        plan.withEndpoints(perKiosk));
    assertEquals(
        new FleetSimulator.Plan("e", 2, 4, 1.5, 7, work, oneBroker, watching, 3),
        plan.withObserver(watching));
    assertEquals(
        new FleetSimulator.Plan(
            "e", 2, 4, 1.5, 7, work, oneBroker, FleetSimulator.Observer.NONE, 9),
        plan.withReattestAfter(9));
    assertNull(plan.withEndpoints(null).endpoints());
    assertThrows(IllegalArgumentException.class, () -> plan.withReattestAfter(-1));
  }
}

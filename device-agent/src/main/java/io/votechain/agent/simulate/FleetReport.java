package io.votechain.agent.simulate;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fleet simulation measured: ballots committed (OK in a block), throughput over the casting
 * period (first cast to last committed receipt), receipt latency percentiles from the kiosk's cast
 * (the ballot entering its outbox, behind that voter's check-in) and from the ballot's MQTT publish
 * (what the end-to-end target measures; docs/device-agent.md §8), the refusals by code name
 * (check-ins and ballots; {@code NO_RECEIPT} for ballots still unsettled at the timeout) and the
 * plaintext totals of the committed ballots, contest → choice → count; the same per kiosk, by
 * device id.
 */
public record FleetReport(
    int devices,
    int ballotsCast,
    long ballotsCommitted,
    double ballotsPerSecond,
    Latency castToReceipt,
    Latency publishToReceipt,
    Map<String, Integer> refusals,
    Map<String, Map<String, Long>> totals,
    Map<String, DeviceReport> perDevice) {
  public FleetReport {
    refusals = Map.copyOf(refusals);
    totals = copyTotals(totals);
    perDevice = Map.copyOf(perDevice);
  }

  /** Percentiles of a latency, in milliseconds. */
  public record Latency(double p50Millis, double p95Millis, double p99Millis) {
    JsonObject toJson() {
      return new JsonObject().put("p50", p50Millis).put("p95", p95Millis).put("p99", p99Millis);
    }
  }

  /**
   * One kiosk's share: {@code index} is its position in the plan (0-based), {@code
   * lastCommittedHeight} the highest block holding one of its committed ballots (0 if none), so a
   * test can tell its ballots before an event (a revocation) from those after; refusals and totals
   * as for the fleet.
   */
  public record DeviceReport(
      int index,
      int ballotsCast,
      long ballotsCommitted,
      long lastCommittedHeight,
      Map<String, Integer> refusals,
      Map<String, Map<String, Long>> totals) {
    public DeviceReport {
      refusals = Map.copyOf(refusals);
      totals = copyTotals(totals);
    }

    public JsonObject toJson() {
      JsonObject refused = new JsonObject();
      new TreeMap<>(refusals).forEach(refused::put);
      return new JsonObject()
          .put("index", index)
          .put("ballotsCast", ballotsCast)
          .put("ballotsCommitted", ballotsCommitted)
          .put("lastCommittedHeight", lastCommittedHeight)
          .put("refusals", refused);
    }
  }

  private static Map<String, Map<String, Long>> copyTotals(Map<String, Map<String, Long>> totals) {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    totals.forEach((contest, choices) -> copy.put(contest, Map.copyOf(choices)));
    return Map.copyOf(copy);
  }

  /** The totals alone, for {@code --totals-out}: {@code {"contest": {"choice": n, ...}, ...}}. */
  public JsonObject totalsJson() {
    JsonObject out = new JsonObject();
    new TreeMap<>(totals)
        .forEach(
            (contest, choices) -> {
              JsonObject c = new JsonObject();
              new TreeMap<>(choices).forEach(c::put);
              out.put(contest, c);
            });
    return out;
  }

  public JsonObject toJson() {
    JsonObject refused = new JsonObject();
    new TreeMap<>(refusals).forEach(refused::put);
    return new JsonObject()
        .put("devices", devices)
        .put("ballotsCast", ballotsCast)
        .put("ballotsCommitted", ballotsCommitted)
        .put("ballotsPerSecond", Math.round(ballotsPerSecond * 100) / 100.0)
        .put("receiptLatencyMillis", castToReceipt.toJson())
        .put("publishToReceiptMillis", publishToReceipt.toJson())
        .put("refusals", refused)
        .put("totals", totalsJson())
        .put("perDevice", perDeviceJson());
  }

  private JsonObject perDeviceJson() {
    JsonObject out = new JsonObject();
    new TreeMap<>(perDevice).forEach((id, d) -> out.put(id, d.toJson()));
    return out;
  }
}

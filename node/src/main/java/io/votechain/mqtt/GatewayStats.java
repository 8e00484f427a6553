package io.votechain.mqtt;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's counters, served by {@code GET /api/v1/mqtt/stats} (docs/mqtt.md §9). Thread safe
 * (Paho threads and the event loop both count).
 */
final class GatewayStats {
  final AtomicLong received = new AtomicLong();
  final AtomicLong submitted = new AtomicLong();
  final AtomicLong committedReceipts = new AtomicLong();
  final AtomicLong refusedReceipts = new AtomicLong();
  final AtomicLong replays = new AtomicLong();
  final AtomicLong heartbeats = new AtomicLong();
  final AtomicLong offlineHeartbeats = new AtomicLong();
  final AtomicLong connections = new AtomicLong();
  final AtomicLong blocks = new AtomicLong();
  final AtomicLong blocksProcessed = new AtomicLong();
  private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

  /** A message answered with a refusal receipt, by code name. */
  void refused(String code) {
    refusedReceipts.incrementAndGet();
    refused.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
  }

  /** A message or connection dropped without a receipt, by reason. */
  void dropped(String reason) {
    dropped.computeIfAbsent(reason, c -> new AtomicLong()).incrementAndGet();
  }

  long refusedCount(String code) {
    AtomicLong n = refused.get(code);
    return n == null ? 0 : n.get();
  }

  long droppedCount(String reason) {
    AtomicLong n = dropped.get(reason);
    return n == null ? 0 : n.get();
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("received", received.get())
        .put("submitted", submitted.get())
        .put("committedReceipts", committedReceipts.get())
        .put("refusedReceipts", refusedReceipts.get())
        .put("replays", replays.get())
        .put("heartbeats", heartbeats.get())
        .put("offlineHeartbeats", offlineHeartbeats.get())
        .put("connections", connections.get())
        .put("blocks", blocks.get())
        .put("blocksProcessed", blocksProcessed.get())
        .put("refused", sorted(refused))
        .put("dropped", sorted(dropped));
  }

  private static JsonObject sorted(Map<String, AtomicLong> counters) {
    JsonObject json = new JsonObject();
    new TreeMap<>(counters).forEach((k, v) -> json.put(k, v.get()));
    return json;
  }
}

package io.votechain.agent;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.tx.Identifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The agent's configuration file (JSON, docs/device-agent.md §1). It is part of the measurement:
 * changing an endpoint or a validator key changes what the device reports, and the ledger refuses
 * the device until officials re-provision it. Paths are relative to the file's folder. Immutable.
 *
 * @param file the configuration file itself (measured)
 * @param deviceId the device's registry id
 * @param chainId the contracts' chain id, signed into every transaction
 * @param validators the genesis validator keys, index = validator index (NodeMessage checks)
 * @param endpoints MQTT endpoints, tried in order and failed over ({@code tcp://host:port})
 * @param dataDir key store, counters and queue
 * @param model the device model registered on the ledger
 * @param kioskPort the kiosk page's port on 127.0.0.1 (0 = any free port)
 * @param attestationFreshness the chain's attestationFreshness (blocks)
 * @param reattestAfter re-attest when the ledger's attestation is this many blocks old
 * @param receiptTimeoutMillis re-send, then fail over, when a receipt takes longer than this
 * @param verifyBaseUrl the public verification page a receipt points to (tracking code appended)
 * @param statusUrls per endpoint (same order), the node's {@code /api/v1/status} URL, from which
 *     the agent learns a recent height to sign into its CONNECT password when it has no fresh
 *     challenge (empty: use the last challenge seen only)
 */
public record AgentConfig(
    Path file,
    String deviceId,
    String chainId,
    List<Ed25519PublicKey> validators,
    List<String> endpoints,
    Path dataDir,
    String model,
    int kioskPort,
    long attestationFreshness,
    long reattestAfter,
    long receiptTimeoutMillis,
    String verifyBaseUrl,
    List<String> statusUrls) {
  public AgentConfig {
    statusUrls = List.copyOf(statusUrls);
    Objects.requireNonNull(file, "file");
    Identifiers.require(deviceId, "device id");
    Objects.requireNonNull(chainId, "chainId");
    validators = List.copyOf(validators);
    endpoints = List.copyOf(endpoints);
    if (validators.isEmpty() || endpoints.isEmpty()) {
      throw new IllegalArgumentException("validators and endpoints must not be empty");
    }
    if (attestationFreshness < 1 || reattestAfter < 1 || reattestAfter > attestationFreshness) {
      throw new IllegalArgumentException("need 1 <= reattestAfter <= attestationFreshness");
    }
    if (receiptTimeoutMillis < 100) {
      throw new IllegalArgumentException("receipt timeout below 100 ms");
    }
  }

  public static AgentConfig load(Path file) throws IOException {
    io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(Files.readString(file));
    Path base = file.toAbsolutePath().getParent();
    List<Ed25519PublicKey> validators = new ArrayList<>();
    for (Object k : json.getJsonArray("validators")) {
      validators.add(Ed25519PublicKey.decode(HexFormat.of().parseHex((String) k)));
    }
    List<String> endpoints = strings(json.getJsonArray("endpoints"));
    long freshness = json.getLong("attestationFreshness", 3_600L);
    return new AgentConfig(
        file.toAbsolutePath(),
        json.getString("deviceId"),
        json.getString("chainId"),
        validators,
        endpoints,
        base.resolve(json.getString("dataDir", "data")),
        json.getString("model", "votechain-kiosk"),
        json.getInteger("kioskPort", 0),
        freshness,
        json.getLong("reattestAfter", Math.max(1, freshness / 2)),
        json.getLong("receiptTimeoutMillis", 15_000L),
        json.getString("verifyBaseUrl", "http://127.0.0.1:8080/verify/"),
        strings(json.getJsonArray("statusUrls", new io.vertx.core.json.JsonArray())));
  }

  private static List<String> strings(io.vertx.core.json.JsonArray array) {
    List<String> out = new ArrayList<>();
    for (Object o : array) {
      out.add((String) o);
    }
    return out;
  }

  /** The JSON form {@link #load} reads (paths relative to {@code file}'s folder). */
  public static io.vertx.core.json.JsonObject json(
      String deviceId,
      String chainId,
      List<Ed25519PublicKey> validators,
      List<String> endpoints,
      String dataDir,
      long attestationFreshness) {
    io.vertx.core.json.JsonArray keys = new io.vertx.core.json.JsonArray();
    validators.forEach(k -> keys.add(HexFormat.of().formatHex(k.encoded())));
    return new io.vertx.core.json.JsonObject()
        .put("deviceId", deviceId)
        .put("chainId", chainId)
        .put("validators", keys)
        .put("endpoints", new io.vertx.core.json.JsonArray(new ArrayList<>(endpoints)))
        .put("dataDir", dataDir)
        .put("attestationFreshness", attestationFreshness);
  }

  public Path keyStore() {
    return dataDir.resolve("device-key.p12");
  }

  public Path counters() {
    return dataDir.resolve("attestation-counters");
  }

  public Path outbox() {
    return dataDir.resolve("outbox.wal");
  }
}

package io.votechain.mqtt;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The node configuration's {@code mqtt} section (docs/mqtt.md §10). Immutable.
 *
 * @param endpoint whether to run the built-in endpoint
 * @param host the endpoint's listen address
 * @param port the endpoint's port (0 = any free port, for tests)
 * @param tls the endpoint's TLS settings, if any
 * @param broker the external broker to serve, if any (broker mode)
 * @param ratePerSecond per-device token refill rate
 * @param burst per-device bucket size
 * @param maxInflight per-connection messages being processed at once
 * @param challengeEveryBlocks republish the retained challenge every this many blocks
 * @param pendingBlocks forget a submission not committed within this many blocks
 */
public record MqttSettings(
    boolean endpoint,
    String host,
    int port,
    Optional<Tls> tls,
    Optional<Broker> broker,
    double ratePerSecond,
    int burst,
    int maxInflight,
    int challengeEveryBlocks,
    int pendingBlocks) {

  /**
   * PEM files: the endpoint's certificate and key, and the CA whose client certificates it accepts.
   * {@code requireClientCert}: refuse a TLS connection without a client certificate.
   */
  public record Tls(
      String certPath, String keyPath, String clientCaPath, boolean requireClientCert) {}

  /**
   * An external broker: its URL ({@code tcp://host:port} or {@code ssl://…}), this node's client
   * id, optional credentials, and an optional shared-subscription group so that several nodes split
   * the device traffic instead of each taking all of it.
   */
  public record Broker(
      String url,
      String clientId,
      Optional<String> username,
      Optional<String> password,
      Optional<String> sharedGroup,
      long maxReconnectDelayMillis) {}

  public MqttSettings {
    if (port < 0 || port > 65535 || ratePerSecond <= 0 || burst < 1 || maxInflight < 1) {
      throw new IllegalArgumentException("invalid mqtt settings");
    }
    if (challengeEveryBlocks < 1 || pendingBlocks < 1) {
      throw new IllegalArgumentException("block intervals must be positive");
    }
  }

  /** Reads the section; absent keys take the documented defaults. */
  public static MqttSettings fromJson(JsonObject s, int validatorIndex) {
    JsonObject tls = s.getJsonObject("tls");
    JsonObject broker = s.getJsonObject("broker");
    return new MqttSettings(
        s.getBoolean("endpoint", true),
        s.getString("host", "127.0.0.1"),
        s.getInteger("port", 1883),
        Optional.ofNullable(tls)
            .map(
                t ->
                    new Tls(
                        t.getString("certPath"),
                        t.getString("keyPath"),
                        t.getString("clientCaPath"),
                        t.getBoolean("requireClientCert", false))),
        Optional.ofNullable(broker)
            .map(
                b ->
                    new Broker(
                        b.getString("url"),
                        b.getString("clientId", "votechain-node-" + validatorIndex),
                        Optional.ofNullable(b.getString("username")),
                        Optional.ofNullable(b.getString("password")),
                        Optional.ofNullable(b.getString("sharedGroup")),
                        b.getLong("maxReconnectDelayMillis", 30_000L))),
        s.getDouble("ratePerSecond", 5.0),
        s.getInteger("burst", 20),
        s.getInteger("maxInflight", 32),
        s.getInteger("challengeEveryBlocks", 5),
        s.getInteger("pendingBlocks", 200));
  }
}

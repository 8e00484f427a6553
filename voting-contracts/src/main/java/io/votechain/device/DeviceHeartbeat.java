package io.votechain.device;

import io.votechain.crypto.sig.PublicKey;
import io.votechain.crypto.sig.Signer;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.Identifiers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A device's status heartbeat on {@code devices/{d}/status} (the protocol's {@code DeviceStatus};
 * renamed because {@code io.votechain.contract.DeviceStatus} is the registry's status enum),
 * docs/mqtt.md §7:
 *
 * <pre>
 * text deviceId, bool online, varint queueLength, varint lastReceiptHeight, text agentVersion,
 * varint challengeHeight, fixed(64) signature
 * </pre>
 *
 * signed by the device key over {@code "votechain/mqtt-status/v1" || text(chainId) || all fields
 * before the signature}. The MQTT will message is a heartbeat with {@code online = false}, signed
 * at connect time. {@code challengeHeight} dates it (a replayed old heartbeat is recognisable).
 * Immutable.
 */
public record DeviceHeartbeat(
    String deviceId,
    boolean online,
    long queueLength,
    long lastReceiptHeight,
    String agentVersion,
    long challengeHeight,
    byte[] signature) {
  static final byte[] DOMAIN = "votechain/mqtt-status/v1".getBytes(StandardCharsets.US_ASCII);
  public static final int MAX_AGENT_VERSION_BYTES = 64;
  public static final int SIGNATURE_LENGTH = 64;

  public DeviceHeartbeat {
    Identifiers.require(deviceId, "deviceId");
    Objects.requireNonNull(agentVersion, "agentVersion");
    if (agentVersion.getBytes(StandardCharsets.UTF_8).length > MAX_AGENT_VERSION_BYTES) {
      throw new IllegalArgumentException("agent version too long");
    }
    if (queueLength < 0 || lastReceiptHeight < 0 || challengeHeight < 0) {
      throw new IllegalArgumentException("negative counter");
    }
    if (signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("signature must be 64 bytes");
    }
    signature = signature.clone();
  }

  public static DeviceHeartbeat sign(
      Signer deviceKey,
      String chainId,
      String deviceId,
      boolean online,
      long queueLength,
      long lastReceiptHeight,
      String agentVersion,
      long challengeHeight) {
    CanonicalWriter w = new CanonicalWriter().fixed(DOMAIN).text(chainId);
    writeUnsigned(
        w, deviceId, online, queueLength, lastReceiptHeight, agentVersion, challengeHeight);
    return new DeviceHeartbeat(
        deviceId,
        online,
        queueLength,
        lastReceiptHeight,
        agentVersion,
        challengeHeight,
        deviceKey.sign(w.toByteArray()));
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** True only for a signature by {@code deviceKey} over these fields on {@code chainId}. */
  public boolean verify(PublicKey deviceKey, String chainId) {
    CanonicalWriter w = new CanonicalWriter().fixed(DOMAIN).text(chainId);
    writeUnsigned(
        w, deviceId, online, queueLength, lastReceiptHeight, agentVersion, challengeHeight);
    return deviceKey.verify(w.toByteArray(), signature);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeUnsigned(
        w, deviceId, online, queueLength, lastReceiptHeight, agentVersion, challengeHeight);
    return w.fixed(signature).toByteArray();
  }

  /** Decodes hostile bytes; throws only {@link EncodingException}. */
  public static DeviceHeartbeat decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    String deviceId = Identifiers.read(r, "device id");
    boolean online = r.bool();
    long queue = r.varint(Long.MAX_VALUE);
    long last = r.varint(Long.MAX_VALUE);
    String version = r.text(MAX_AGENT_VERSION_BYTES);
    long challenge = r.varint(Long.MAX_VALUE);
    byte[] signature = r.fixed(SIGNATURE_LENGTH);
    r.finish();
    return new DeviceHeartbeat(deviceId, online, queue, last, version, challenge, signature);
  }

  private static void writeUnsigned(
      CanonicalWriter w,
      String deviceId,
      boolean online,
      long queueLength,
      long lastReceiptHeight,
      String agentVersion,
      long challengeHeight) {
    w.text(deviceId)
        .bool(online)
        .varint(queueLength)
        .varint(lastReceiptHeight)
        .text(agentVersion)
        .varint(challengeHeight);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceHeartbeat h && Arrays.equals(encode(), h.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}

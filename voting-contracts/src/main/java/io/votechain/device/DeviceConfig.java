package io.votechain.device;

import io.votechain.contract.DeviceRecord;
import io.votechain.contract.DeviceStatus;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.Decoding;
import io.votechain.tx.Identifiers;
import io.votechain.tx.Keys;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a DEVICE_CONFIG {@link NodeMessage} (retained on {@code devices/{d}/config},
 * docs/mqtt.md §4): what the registry says about the device and the elections it can serve now.
 *
 * <pre>
 * text deviceId, PublicKey deviceKey, text model, fixed(32) referenceMeasurement,
 * text stationId ("" = unassigned), u8 status (0 ACTIVE, 1 SUSPENDED, 2 REVOKED),
 * i64 lastCounter, bool hasAttestation, [fixed(32) measurement, varint height],
 * list&lt;text&gt; elections (ids of the OPEN elections, ascending, at most 64)
 * </pre>
 *
 * Immutable.
 */
public record DeviceConfig(
    String deviceId,
    EcdsaP256PublicKey deviceKey,
    String model,
    Hash32 referenceMeasurement,
    String stationId,
    DeviceStatus status,
    long lastCounter,
    Optional<DeviceRecord.Attestation> attestation,
    List<String> elections) {
  public static final int MAX_ELECTIONS = 64;
  private static final int MAX_MODEL_BYTES = 128;

  public DeviceConfig {
    Identifiers.require(deviceId, "deviceId");
    Objects.requireNonNull(deviceKey, "deviceKey");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(referenceMeasurement, "referenceMeasurement");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(attestation, "attestation");
    if (!stationId.isEmpty()) {
      Identifiers.require(stationId, "stationId");
    }
    elections = List.copyOf(elections);
    if (elections.size() > MAX_ELECTIONS) {
      throw new IllegalArgumentException("more than " + MAX_ELECTIONS + " elections");
    }
    for (int i = 0; i < elections.size(); i++) {
      Identifiers.require(elections.get(i), "electionId");
      if (i > 0 && elections.get(i - 1).compareTo(elections.get(i)) >= 0) {
        throw new IllegalArgumentException("elections must be strictly ascending");
      }
    }
  }

  /** The config of a registry record, serving {@code elections} (sorted here). */
  public static DeviceConfig of(DeviceRecord record, List<String> elections) {
    return new DeviceConfig(
        record.deviceId(),
        record.deviceKey(),
        record.model(),
        record.referenceMeasurement(),
        record.stationId(),
        record.status(),
        record.lastCounter(),
        record.attestation(),
        elections.stream().distinct().sorted().toList());
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter().text(deviceId);
    deviceKey.writeTo(w);
    w.text(model)
        .fixed(referenceMeasurement.bytes())
        .text(stationId)
        .u8(status.ordinal())
        .i64(lastCounter)
        .bool(attestation.isPresent());
    attestation.ifPresent(a -> w.fixed(a.measurement().bytes()).varint(a.height()));
    return w.list(elections, CanonicalWriter::text).toByteArray();
  }

  /** Decodes hostile bytes; throws only {@link EncodingException}. */
  public static DeviceConfig decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    DeviceConfig config =
        Decoding.guard(
            () -> {
              String deviceId = Identifiers.read(r, "device id");
              EcdsaP256PublicKey key = Keys.readP256(r);
              String model = r.text(MAX_MODEL_BYTES);
              Hash32 reference = Hash32.of(r.fixed(Hash32.LENGTH));
              String station = r.text(Identifiers.MAX_LENGTH);
              int statusTag = r.u8();
              if (statusTag >= DeviceStatus.values().length) {
                throw CanonicalReader.unknownTag("device status", statusTag);
              }
              long counter = r.i64();
              Optional<DeviceRecord.Attestation> attestation =
                  r.bool()
                      ? Optional.of(
                          new DeviceRecord.Attestation(
                              Hash32.of(r.fixed(Hash32.LENGTH)), r.varint(Long.MAX_VALUE)))
                      : Optional.empty();
              List<String> elections =
                  r.list(MAX_ELECTIONS, x -> Identifiers.read(x, "election id"));
              return new DeviceConfig(
                  deviceId,
                  key,
                  model,
                  reference,
                  station,
                  DeviceStatus.values()[statusTag],
                  counter,
                  attestation,
                  elections);
            });
    r.finish();
    return config;
  }
}

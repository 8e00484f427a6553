package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.Keys;
import java.util.Optional;

/**
 * A device as stored in the registry (docs/contracts.md §4.3). {@code lastCounter} survives a
 * suspension so that the counter stays monotonic for the device's whole life; {@code attestation}
 * is cleared on reinstatement so that the device must attest afresh. Immutable.
 *
 * @param custodySequence number of custody transfers so far; bound into the next acceptance
 * @param stationId the polling station, or empty while unassigned
 * @param lastCounter the highest attestation counter accepted, or -1
 */
public record DeviceRecord(
    String deviceId,
    EcdsaP256PublicKey deviceKey,
    String model,
    Hash32 referenceMeasurement,
    Ed25519PublicKey custodian,
    long custodySequence,
    String stationId,
    DeviceStatus status,
    long lastCounter,
    Optional<Attestation> attestation) {

  /** The last accepted attestation: the measurement it reported and the height it was made at. */
  public record Attestation(Hash32 measurement, long height) {}

  DeviceRecord withCustodian(Ed25519PublicKey next) {
    return new DeviceRecord(
        deviceId,
        deviceKey,
        model,
        referenceMeasurement,
        next,
        custodySequence + 1,
        stationId,
        status,
        lastCounter,
        attestation);
  }

  DeviceRecord withStation(String station) {
    return new DeviceRecord(
        deviceId,
        deviceKey,
        model,
        referenceMeasurement,
        custodian,
        custodySequence,
        station,
        status,
        lastCounter,
        attestation);
  }

  DeviceRecord withStatus(DeviceStatus next) {
    Optional<Attestation> kept = next == DeviceStatus.ACTIVE ? Optional.empty() : attestation;
    return new DeviceRecord(
        deviceId,
        deviceKey,
        model,
        referenceMeasurement,
        custodian,
        custodySequence,
        stationId,
        next,
        lastCounter,
        kept);
  }

  DeviceRecord withAttestation(long counter, Hash32 measurement, long height) {
    return new DeviceRecord(
        deviceId,
        deviceKey,
        model,
        referenceMeasurement,
        custodian,
        custodySequence,
        stationId,
        status,
        counter,
        Optional.of(new Attestation(measurement, height)));
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter().text(deviceId);
    deviceKey.writeTo(w);
    w.text(model).fixed(referenceMeasurement.bytes());
    custodian.writeTo(w);
    w.varint(custodySequence).text(stationId).u8(status.ordinal()).i64(lastCounter);
    w.bool(attestation.isPresent());
    attestation.ifPresent(a -> w.fixed(a.measurement().bytes()).varint(a.height()));
    return w.toByteArray();
  }

  static DeviceRecord decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    String id = r.text(64);
    EcdsaP256PublicKey key = Keys.readP256(r);
    String model = r.text(256);
    Hash32 reference = Hash32.of(r.fixed(32));
    Ed25519PublicKey custodian = Keys.readEd25519(r);
    long sequence = r.varint(Long.MAX_VALUE);
    String station = r.text(64);
    DeviceStatus status = DeviceStatus.values()[r.u8()];
    long counter = r.i64();
    Optional<Attestation> attestation =
        r.bool()
            ? Optional.of(new Attestation(Hash32.of(r.fixed(32)), r.varint(Long.MAX_VALUE)))
            : Optional.empty();
    r.finish();
    return new DeviceRecord(
        id, key, model, reference, custodian, sequence, station, status, counter, attestation);
  }
}

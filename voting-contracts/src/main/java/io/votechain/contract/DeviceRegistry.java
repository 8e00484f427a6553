package io.votechain.contract;

import static io.votechain.tx.ErrorCode.BAD_ATTESTATION_SIGNATURE;
import static io.votechain.tx.ErrorCode.BAD_CUSTODY_SIGNATURE;
import static io.votechain.tx.ErrorCode.COUNTER_NOT_INCREASING;
import static io.votechain.tx.ErrorCode.DEVICE_EXISTS;
import static io.votechain.tx.ErrorCode.DEVICE_NOT_SUSPENDED;
import static io.votechain.tx.ErrorCode.DEVICE_REVOKED;
import static io.votechain.tx.ErrorCode.DEVICE_SUSPENDED;
import static io.votechain.tx.ErrorCode.INVALID_ARGUMENT;
import static io.votechain.tx.ErrorCode.MEASUREMENT_MISMATCH;
import static io.votechain.tx.ErrorCode.NOT_CUSTODIAN;
import static io.votechain.tx.ErrorCode.STALE_ATTESTATION_NONCE;
import static io.votechain.tx.ErrorCode.UNAUTHORIZED;
import static io.votechain.tx.ErrorCode.UNKNOWN_DEVICE;

import io.votechain.crypto.hash.Hash32;
import io.votechain.state.StateView;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.GovernedAction.RevokeDevice;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.ReinstateDevice;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SuspendDevice;
import io.votechain.tx.Transaction;
import io.votechain.tx.TransferCustody;
import io.votechain.tx.Validation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Implements the device registry (docs/contracts.md §4.3): polling-station devices as smart assets
 * with identity key, reference measurement, custody chain, station, status and remote attestation.
 * Revocation is a governed action; the other changes need one official (or, for custody, both
 * custodians; for attestation, the device itself).
 */
public final class DeviceRegistry implements Contract, ActionHandler {
  private final String chainId;
  private final ChainParams params;

  DeviceRegistry(String chainId, ChainParams params) {
    this.chainId = chainId;
    this.params = params;
  }

  public static Optional<DeviceRecord> device(StateView state, String deviceId) {
    return state.get(StateKeys.device(deviceId)).map(DeviceRecord::decode);
  }

  /**
   * Whether {@code device}'s ballots count in {@code block}: it is ACTIVE, its last attestation
   * reported its reference measurement, and that attestation is at most {@code
   * attestationFreshness} blocks old.
   */
  public static boolean isAttestedAt(DeviceRecord device, BlockContext block, ChainParams params) {
    if (device.status() != DeviceStatus.ACTIVE || device.attestation().isEmpty()) {
      return false;
    }
    DeviceRecord.Attestation a = device.attestation().get();
    long age = block.height() - a.height();
    return a.measurement().equals(device.referenceMeasurement())
        && age >= 0
        && age <= params.attestationFreshness();
  }

  public boolean isAttestedAt(DeviceRecord device, BlockContext block) {
    return isAttestedAt(device, block, params);
  }

  @Override
  public Validation validate(SignedTransaction tx, StateView state) {
    Transaction body = tx.body();
    if (body instanceof ProvisionDevice p) {
      Validation official = GovernanceContract.requireOfficial(tx, state);
      if (!official.isOk()) {
        return official;
      }
      if (state.get(StateKeys.device(p.deviceId())).isPresent()) {
        return Validation.reject(DEVICE_EXISTS, "device " + p.deviceId() + " exists");
      }
      if (state.get(StateKeys.deviceKey(p.deviceKey())).isPresent()) {
        return Validation.reject(DEVICE_EXISTS, "another device holds this key");
      }
      return Validation.ok();
    }
    String deviceId = deviceIdOf(body);
    Optional<DeviceRecord> found = device(state, deviceId);
    if (found.isEmpty()) {
      return Validation.reject(UNKNOWN_DEVICE, "no device " + deviceId);
    }
    DeviceRecord device = found.get();
    if (device.status() == DeviceStatus.REVOKED) {
      return Validation.reject(DEVICE_REVOKED, "device " + deviceId + " is revoked");
    }
    if (body instanceof AssignDevice) {
      return GovernanceContract.requireOfficial(tx, state);
    }
    if (body instanceof SuspendDevice) {
      Validation official = GovernanceContract.requireOfficial(tx, state);
      if (!official.isOk() || device.status() == DeviceStatus.ACTIVE) {
        return official;
      }
      return Validation.reject(DEVICE_SUSPENDED, "device is already suspended");
    }
    if (body instanceof ReinstateDevice) {
      Validation official = GovernanceContract.requireOfficial(tx, state);
      if (!official.isOk() || device.status() == DeviceStatus.SUSPENDED) {
        return official;
      }
      return Validation.reject(DEVICE_NOT_SUSPENDED, "device is not suspended");
    }
    if (body instanceof TransferCustody t) {
      return validateTransfer(tx, t, device);
    }
    return validateAttestation(tx, ((AttestDevice) body).evidence(), device, state);
  }

  private Validation validateTransfer(
      SignedTransaction tx, TransferCustody t, DeviceRecord device) {
    if (!tx.signer().equals(device.custodian())) {
      return Validation.reject(NOT_CUSTODIAN, "signer is not the current custodian");
    }
    if (t.newCustodian().equals(device.custodian())) {
      return Validation.reject(INVALID_ARGUMENT, "custody would pass to the current custodian");
    }
    byte[] acceptance =
        TransferCustody.acceptanceMessage(
            chainId,
            device.deviceId(),
            device.custodian(),
            t.newCustodian(),
            device.custodySequence());
    if (!t.newCustodian().verify(acceptance, t.newCustodianSignature())) {
      return Validation.reject(BAD_CUSTODY_SIGNATURE, "the receiving custodian did not sign");
    }
    return Validation.ok();
  }

  /**
   * Appraises attestation evidence, in this order: signed by the device (transaction and evidence),
   * fresh nonce, increasing counter, reference measurement.
   */
  private Validation validateAttestation(
      SignedTransaction tx, AttestationEvidence e, DeviceRecord device, StateView state) {
    if (!tx.signer().equals(device.deviceKey())) {
      return Validation.reject(UNAUTHORIZED, "only the device itself submits its attestation");
    }
    if (!device.deviceKey().verify(e.signedMessage(chainId), e.signature())) {
      return Validation.reject(BAD_ATTESTATION_SIGNATURE, "evidence not signed by the device key");
    }
    BlockContext head = Chain.head(state);
    long age = head.height() - e.nonceHeight();
    Optional<Hash32> expected = Chain.blockHash(state, e.nonceHeight());
    if (age < 1
        || age > params.attestationNonceWindow()
        || expected.isEmpty()
        || !expected.get().equals(e.nonceBlockHash())) {
      return Validation.reject(
          STALE_ATTESTATION_NONCE,
          "nonce must be the hash of one of the last "
              + params.attestationNonceWindow()
              + " blocks");
    }
    if (e.counter() <= device.lastCounter()) {
      return Validation.reject(
          COUNTER_NOT_INCREASING, "counter " + e.counter() + " <= " + device.lastCounter());
    }
    if (!e.measurement().equals(device.referenceMeasurement())) {
      return Validation.reject(MEASUREMENT_MISMATCH, "measurement differs from the reference");
    }
    return Validation.ok();
  }

  @Override
  public List<Event> apply(SignedTransaction tx, StateView state, BlockContext block) {
    Transaction body = tx.body();
    if (body instanceof ProvisionDevice p) {
      DeviceRecord record =
          new DeviceRecord(
              p.deviceId(),
              p.deviceKey(),
              p.model(),
              p.referenceMeasurement(),
              p.custodian(),
              0,
              "",
              DeviceStatus.ACTIVE,
              -1,
              Optional.empty());
      put(state, record);
      state.put(
          StateKeys.deviceKey(p.deviceKey()), p.deviceId().getBytes(StandardCharsets.US_ASCII));
      return List.of(new Event.DeviceProvisioned(p.deviceId()));
    }
    DeviceRecord device = device(state, deviceIdOf(body)).orElseThrow();
    if (body instanceof AssignDevice a) {
      put(state, device.withStation(a.stationId()));
      return List.of(new Event.DeviceAssigned(a.deviceId(), a.stationId()));
    }
    if (body instanceof SuspendDevice s) {
      put(state, device.withStatus(DeviceStatus.SUSPENDED));
      return List.of(new Event.DeviceSuspended(s.deviceId(), s.reason()));
    }
    if (body instanceof ReinstateDevice r) {
      put(state, device.withStatus(DeviceStatus.ACTIVE));
      return List.of(new Event.DeviceReinstated(r.deviceId()));
    }
    if (body instanceof TransferCustody t) {
      put(state, device.withCustodian(t.newCustodian()));
      return List.of(
          new Event.CustodyTransferred(t.deviceId(), device.custodian(), t.newCustodian()));
    }
    AttestationEvidence e = ((AttestDevice) body).evidence();
    put(state, device.withAttestation(e.counter(), e.measurement(), block.height()));
    return List.of(new Event.DeviceAttested(e.deviceId(), e.counter(), block.height()));
  }

  @Override
  public Validation checkAction(GovernedAction action) {
    return Validation.ok();
  }

  @Override
  public Validation validateAction(GovernedAction action, StateView state, BlockContext head) {
    String id = ((RevokeDevice) action).deviceId();
    Optional<DeviceRecord> device = device(state, id);
    if (device.isEmpty()) {
      return Validation.reject(UNKNOWN_DEVICE, "no device " + id);
    }
    if (device.get().status() == DeviceStatus.REVOKED) {
      return Validation.reject(DEVICE_REVOKED, "device " + id + " is already revoked");
    }
    return Validation.ok();
  }

  @Override
  public List<Event> applyAction(GovernedAction action, StateView state, BlockContext block) {
    RevokeDevice revoke = (RevokeDevice) action;
    put(state, device(state, revoke.deviceId()).orElseThrow().withStatus(DeviceStatus.REVOKED));
    return List.of(new Event.DeviceRevoked(revoke.deviceId(), revoke.reason()));
  }

  private static void put(StateView state, DeviceRecord record) {
    state.put(StateKeys.device(record.deviceId()), record.encode());
  }

  private static String deviceIdOf(Transaction body) {
    if (body instanceof AssignDevice a) {
      return a.deviceId();
    }
    if (body instanceof SuspendDevice s) {
      return s.deviceId();
    }
    if (body instanceof ReinstateDevice r) {
      return r.deviceId();
    }
    if (body instanceof TransferCustody t) {
      return t.deviceId();
    }
    if (body instanceof AttestDevice a) {
      return a.evidence().deviceId();
    }
    throw new IllegalArgumentException("not a device transaction: " + body.kind());
  }
}

package io.votechain.verifier;

import io.votechain.contract.ChainParams;
import io.votechain.contract.DeviceStatus;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.ReinstateDevice;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SuspendDevice;
import io.votechain.tx.TransferCustody;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The verifier's replay of the device registry (docs/contracts.md §4.3), re-implemented from the
 * document rather than borrowed from {@code contract.DeviceRegistry}: each transaction is judged by
 * the contract's rules in the contract's order and, if it passes, applied. The record carries only
 * the registry transactions that took effect, so any rule that fails here is a finding. Mutable,
 * confined to the verifier's main thread.
 */
final class DeviceLedger {
  /** A device as the registry knows it after the transactions replayed so far. */
  static final class Device {
    final String id;
    final EcdsaP256PublicKey key;
    final Hash32 reference;
    Ed25519PublicKey custodian;
    long custodySequence;
    String station = "";
    DeviceStatus status = DeviceStatus.ACTIVE;
    long lastCounter = -1;
    Hash32 attestedMeasurement;
    long attestedAt = -1;

    Device(ProvisionDevice p) {
      this.id = p.deviceId();
      this.key = p.deviceKey();
      this.reference = p.referenceMeasurement();
      this.custodian = p.custodian();
    }
  }

  private final String chainId;
  private final Set<Ed25519PublicKey> officials;
  private final ChainParams params;
  private final Map<String, Device> byId = new HashMap<>();
  private final Map<String, Device> byKey = new HashMap<>();

  DeviceLedger(String chainId, Set<Ed25519PublicKey> officials, ChainParams params) {
    this.chainId = chainId;
    this.officials = officials;
    this.params = params;
  }

  private static String hex(PublicKey key) {
    return hex(key.algorithm().tag(), key.encoded());
  }

  private static String hex(int algorithmTag, byte[] encoded) {
    return algorithmTag + ":" + HexFormat.of().formatHex(encoded);
  }

  Optional<Device> byKey(PublicKey key) {
    return Optional.ofNullable(byKey.get(hex(key)));
  }

  /** By the key's algorithm tag and encoding, without decoding the key. */
  Optional<Device> byEncodedKey(int algorithmTag, byte[] encoded) {
    return Optional.ofNullable(byKey.get(hex(algorithmTag, encoded)));
  }

  Optional<Device> byId(String deviceId) {
    return Optional.ofNullable(byId.get(deviceId));
  }

  /**
   * Implements {@code DeviceRegistry.isAttestedAt}: why the device may not sign a ballot, a spoiled
   * ballot or a check-in in the block at {@code height}, or null if it may — ACTIVE, its last
   * accepted attestation reported the reference measurement and is at most {@code
   * attestationFreshness} blocks old.
   */
  String notInService(Device d, long height) {
    if (d.status != DeviceStatus.ACTIVE) {
      return "device " + d.id + " is " + d.status;
    }
    if (d.attestedAt < 0
        || !d.reference.equals(d.attestedMeasurement)
        || height - d.attestedAt < 0
        || height - d.attestedAt > params.attestationFreshness()) {
      return "device " + d.id + " has no fresh matching attestation at height " + height;
    }
    return null;
  }

  /**
   * Judges and, if it passes, applies one registry transaction of the block at {@code height};
   * {@code headerHash} gives the hash of an earlier header (null if unknown), for attestation
   * nonces. Returns why the contract would have refused it, or null.
   */
  String apply(SignedTransaction tx, long height, LongFunction<Hash32> headerHash) {
    Object body = tx.body();
    boolean official = tx.signer() instanceof Ed25519PublicKey k && officials.contains(k);
    if (body instanceof ProvisionDevice p) {
      if (!official) {
        return "device provisioned by a non-official";
      }
      if (byId.containsKey(p.deviceId()) || byKey.containsKey(hex(p.deviceKey()))) {
        return "device " + p.deviceId() + " or its key exists";
      }
      Device d = new Device(p);
      byId.put(d.id, d);
      byKey.put(hex(d.key), d);
      return null;
    }
    String id = deviceId(body);
    Device d = byId.get(id);
    if (d == null) {
      return "no device " + id;
    }
    if (d.status == DeviceStatus.REVOKED) {
      return "device " + id + " is revoked";
    }
    if (body instanceof AssignDevice a) {
      if (!official) {
        return "device assigned by a non-official";
      }
      d.station = a.stationId();
      return null;
    }
    if (body instanceof SuspendDevice) {
      if (!official || d.status != DeviceStatus.ACTIVE) {
        return "suspension by a non-official or of a suspended device";
      }
      d.status = DeviceStatus.SUSPENDED;
      return null;
    }
    if (body instanceof ReinstateDevice) {
      if (!official || d.status != DeviceStatus.SUSPENDED) {
        return "reinstatement by a non-official or of a device not suspended";
      }
      // Reinstating clears the attestation: the device must attest afresh.
      d.status = DeviceStatus.ACTIVE;
      d.attestedAt = -1;
      d.attestedMeasurement = null;
      return null;
    }
    if (body instanceof TransferCustody t) {
      if (!tx.signer().equals(d.custodian) || t.newCustodian().equals(d.custodian)) {
        return "custody transfer not by the current custodian, or to them";
      }
      byte[] acceptance =
          TransferCustody.acceptanceMessage(
              chainId, d.id, d.custodian, t.newCustodian(), d.custodySequence);
      if (!t.newCustodian().verify(acceptance, t.newCustodianSignature())) {
        return "the receiving custodian did not sign the transfer";
      }
      d.custodian = t.newCustodian();
      d.custodySequence++;
      return null;
    }
    AttestationEvidence e = ((AttestDevice) body).evidence();
    if (!tx.signer().equals(d.key) || !d.key.verify(e.signedMessage(chainId), e.signature())) {
      return "attestation not signed by device " + id;
    }
    long age = height - e.nonceHeight();
    Hash32 nonce = age >= 1 ? headerHash.apply(e.nonceHeight()) : null;
    if (age < 1
        || age > params.attestationNonceWindow()
        || nonce == null
        || !nonce.equals(e.nonceBlockHash())) {
      return "attestation nonce is not the hash of one of the last "
          + params.attestationNonceWindow()
          + " headers";
    }
    if (e.counter() <= d.lastCounter) {
      return "attestation counter " + e.counter() + " <= " + d.lastCounter;
    }
    if (!e.measurement().equals(d.reference)) {
      return "attested measurement differs from the reference";
    }
    d.lastCounter = e.counter();
    d.attestedMeasurement = e.measurement();
    d.attestedAt = height;
    return null;
  }

  /** The governed {@code RevokeDevice}: the device exists and is not revoked yet; final. */
  String revoke(String deviceId) {
    Device d = byId.get(deviceId);
    if (d == null || d.status == DeviceStatus.REVOKED) {
      return "revokes an unknown or revoked device " + deviceId;
    }
    d.status = DeviceStatus.REVOKED;
    return null;
  }

  private static String deviceId(Object body) {
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
    return ((AttestDevice) body).evidence().deviceId();
  }
}

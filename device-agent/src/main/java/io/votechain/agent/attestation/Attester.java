package io.votechain.agent.attestation;

import io.votechain.agent.identity.DeviceKey;
import io.votechain.crypto.hash.Hash32;
import io.votechain.device.Challenge;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import java.io.IOException;
import java.util.Objects;

/**
 * Produces the device's attestation evidence (RATS RFC 9334: the device is the attester, the
 * device-registry contract the verifier and relying party): the measurement taken at start-up, the
 * next monotonic counter, and the node's challenge as nonce, signed by the device key. The counter
 * is persisted before the evidence exists, so a crash can never make two pieces of evidence share a
 * counter.
 */
public final class Attester {
  private final DeviceKey key;
  private final String chainId;
  private final String deviceId;
  private final Hash32 measurement;
  private final AttestationCounters counters;

  public Attester(
      DeviceKey key,
      String chainId,
      String deviceId,
      Hash32 measurement,
      AttestationCounters counters) {
    this.key = Objects.requireNonNull(key, "key");
    this.chainId = Objects.requireNonNull(chainId, "chainId");
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.measurement = Objects.requireNonNull(measurement, "measurement");
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  /** Fresh evidence answering {@code challenge}, as the body of an AttestDevice transaction. */
  public AttestDevice attest(Challenge challenge) throws IOException {
    return attest(challenge, -1);
  }

  /**
   * Fresh evidence answering {@code challenge}, its counter above {@code ledgerCounter} (the
   * ledger's last accepted counter for this device, -1 for none or unknown).
   */
  public AttestDevice attest(Challenge challenge, long ledgerCounter) throws IOException {
    long counter = counters.nextAbove(ledgerCounter);
    return new AttestDevice(
        AttestationEvidence.sign(
            key,
            chainId,
            deviceId,
            measurement,
            counter,
            challenge.height(),
            challenge.blockHash()));
  }

  public Hash32 measurement() {
    return measurement;
  }
}

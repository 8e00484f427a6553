package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.RevokeDevice;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.ReinstateDevice;
import io.votechain.tx.SuspendDevice;
import io.votechain.tx.TransferCustody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {
  static final Hash32 REFERENCE =
      Sha256.hash("kiosk-firmware-1.4.2".getBytes(StandardCharsets.UTF_8));

  private TestChain chain;
  private EcdsaP256Signer device;
  private Ed25519Signer custodian;
  private long counter;

  @BeforeEach
  void setUp() {
    chain = new TestChain(3);
    device = chain.newDevice();
    custodian = chain.newEd25519();
    assertEquals(ErrorCode.OK, provision("kiosk-1", device));
  }

  private ErrorCode provision(String id, EcdsaP256Signer key) {
    return chain.code(
        chain.officials.get(0),
        new ProvisionDevice(id, key.publicKey(), "VX-2000", REFERENCE, custodian.publicKey()));
  }

  private DeviceRecord record() {
    return DeviceRegistry.device(chain.state, "kiosk-1").orElseThrow();
  }

  private AttestationEvidence evidence(Hash32 measurement, long count, long nonceHeight) {
    return AttestationEvidence.sign(
        device,
        TestChain.CHAIN_ID,
        "kiosk-1",
        measurement,
        count,
        nonceHeight,
        TestChain.blockHash(nonceHeight));
  }

  private ErrorCode attest() {
    return chain.code(device, new AttestDevice(evidence(REFERENCE, ++counter, chain.height())));
  }

  @Nested
  class Provisioning {
    @Test
    void provisionedDeviceIsActiveAndUnattested() {
      DeviceRecord r = record();
      assertEquals(DeviceStatus.ACTIVE, r.status());
      assertEquals(device.publicKey(), r.deviceKey());
      assertFalse(DeviceRegistry.isAttestedAt(r, chain.nextBlock(), TestChain.PARAMS));
    }

    @Test
    void sameIdOrSameKeyCannotBeProvisionedTwice() {
      assertEquals(ErrorCode.DEVICE_EXISTS, provision("kiosk-1", chain.newDevice()));
      assertEquals(ErrorCode.DEVICE_EXISTS, provision("kiosk-2", device));
    }

    @Test
    void onlyOfficialsProvisionAndAssign() {
      assertEquals(
          ErrorCode.NOT_AN_OFFICIAL,
          chain.code(
              custodian,
              new ProvisionDevice(
                  "kiosk-9",
                  chain.newDevice().publicKey(),
                  "m",
                  REFERENCE,
                  custodian.publicKey())));
      assertEquals(
          ErrorCode.NOT_AN_OFFICIAL, chain.code(custodian, new AssignDevice("kiosk-1", "s1")));
    }

    @Test
    void assignmentSetsTheStation() {
      assertEquals(
          ErrorCode.OK, chain.code(chain.officials.get(2), new AssignDevice("kiosk-1", "s1")));
      assertEquals("s1", record().stationId());
    }

    @Test
    void unknownDeviceIsRejected() {
      assertEquals(
          ErrorCode.UNKNOWN_DEVICE,
          chain.code(chain.officials.get(0), new AssignDevice("nope", "s1")));
    }
  }

  @Nested
  class Custody {
    private TransferCustody transfer(Ed25519Signer to, Ed25519Signer acceptor, long sequence) {
      byte[] acceptance =
          TransferCustody.acceptanceMessage(
              TestChain.CHAIN_ID, "kiosk-1", custodian.publicKey(), to.publicKey(), sequence);
      return new TransferCustody("kiosk-1", to.publicKey(), acceptor.sign(acceptance));
    }

    @Test
    void transferWithBothSignaturesMovesCustody() {
      Ed25519Signer next = chain.newEd25519();
      assertEquals(ErrorCode.OK, chain.code(custodian, transfer(next, next, 0)));
      assertEquals(next.publicKey(), record().custodian());
      assertEquals(1, record().custodySequence());
    }

    @Test
    void onlyTheCurrentCustodianCanHandOver() {
      Ed25519Signer next = chain.newEd25519();
      assertEquals(ErrorCode.NOT_CUSTODIAN, chain.code(next, transfer(next, next, 0)));
    }

    @Test
    void receivingCustodianMustSign() {
      Ed25519Signer next = chain.newEd25519();
      assertEquals(
          ErrorCode.BAD_CUSTODY_SIGNATURE, chain.code(custodian, transfer(next, custodian, 0)));
    }

    @Test
    void acceptanceForAnEarlierTransferCannotBeReused() {
      Ed25519Signer next = chain.newEd25519();
      assertEquals(ErrorCode.BAD_CUSTODY_SIGNATURE, chain.code(custodian, transfer(next, next, 1)));
    }

    @Test
    void transferToTheCurrentCustodianIsRejected() {
      assertEquals(
          ErrorCode.INVALID_ARGUMENT, chain.code(custodian, transfer(custodian, custodian, 0)));
    }
  }

  @Nested
  class Attestation {
    @Test
    void freshMatchingAttestationMakesTheDeviceCountUntilItGoesStale() {
      chain.emptyBlocks(1);
      assertEquals(ErrorCode.OK, attest());
      long attestedAt = chain.height();
      assertTrue(chain.executor.devices().isAttestedAt(record(), chain.nextBlock()));
      BlockContext lastFresh =
          new BlockContext(attestedAt + TestChain.PARAMS.attestationFreshness(), 0, Hash32.ZERO);
      BlockContext firstStale =
          new BlockContext(
              attestedAt + TestChain.PARAMS.attestationFreshness() + 1, 0, Hash32.ZERO);
      assertTrue(DeviceRegistry.isAttestedAt(record(), lastFresh, TestChain.PARAMS));
      assertFalse(DeviceRegistry.isAttestedAt(record(), firstStale, TestChain.PARAMS));
    }

    @Test
    void wrongMeasurementIsRejected() {
      Hash32 tampered = Sha256.hash("tampered".getBytes(StandardCharsets.UTF_8));
      assertEquals(
          ErrorCode.MEASUREMENT_MISMATCH,
          chain.code(device, new AttestDevice(evidence(tampered, 1, chain.height()))));
      assertTrue(record().attestation().isEmpty());
    }

    @Test
    void nonceOlderThanTheWindowIsStale() {
      long old = chain.height();
      chain.emptyBlocks((int) TestChain.PARAMS.attestationNonceWindow());
      assertEquals(
          ErrorCode.STALE_ATTESTATION_NONCE,
          chain.code(device, new AttestDevice(evidence(REFERENCE, 1, old))));
    }

    @Test
    void nonceThatIsNotTheBlockHashIsStale() {
      long h = chain.height();
      AttestationEvidence wrongHash =
          AttestationEvidence.sign(
              device, TestChain.CHAIN_ID, "kiosk-1", REFERENCE, 1, h, TestChain.blockHash(h + 7));
      assertEquals(
          ErrorCode.STALE_ATTESTATION_NONCE, chain.code(device, new AttestDevice(wrongHash)));
    }

    @Test
    void counterMustIncrease() {
      assertEquals(ErrorCode.OK, attest());
      assertEquals(
          ErrorCode.COUNTER_NOT_INCREASING,
          chain.code(device, new AttestDevice(evidence(REFERENCE, counter, chain.height()))));
    }

    @Test
    void evidenceNotSignedByTheDeviceIsRejected() {
      long h = chain.height();
      AttestationEvidence forged =
          AttestationEvidence.sign(
              chain.newDevice(),
              TestChain.CHAIN_ID,
              "kiosk-1",
              REFERENCE,
              1,
              h,
              TestChain.blockHash(h));
      assertEquals(
          ErrorCode.BAD_ATTESTATION_SIGNATURE, chain.code(device, new AttestDevice(forged)));
    }

    @Test
    void attestationSubmittedByAnotherKeyIsUnauthorized() {
      assertEquals(
          ErrorCode.UNAUTHORIZED,
          chain.code(custodian, new AttestDevice(evidence(REFERENCE, 1, chain.height()))));
    }
  }

  @Nested
  class ServiceStatus {
    @Test
    void suspendedDeviceStopsCountingAndMustReattestAfterReinstatement() {
      assertEquals(ErrorCode.OK, attest());
      assertEquals(
          ErrorCode.OK,
          chain.code(chain.officials.get(0), new SuspendDevice("kiosk-1", "seal broken")));
      assertFalse(DeviceRegistry.isAttestedAt(record(), chain.nextBlock(), TestChain.PARAMS));
      assertEquals(
          ErrorCode.DEVICE_SUSPENDED,
          chain.code(chain.officials.get(0), new SuspendDevice("kiosk-1", "again")));

      assertEquals(
          ErrorCode.OK, chain.code(chain.officials.get(1), new ReinstateDevice("kiosk-1")));
      assertFalse(DeviceRegistry.isAttestedAt(record(), chain.nextBlock(), TestChain.PARAMS));
      assertEquals(ErrorCode.OK, attest());
      assertTrue(DeviceRegistry.isAttestedAt(record(), chain.nextBlock(), TestChain.PARAMS));
    }

    @Test
    void reinstatingAnActiveDeviceIsRejected() {
      assertEquals(
          ErrorCode.DEVICE_NOT_SUSPENDED,
          chain.code(chain.officials.get(1), new ReinstateDevice("kiosk-1")));
    }

    @Test
    void revocationNeedsTwoOfficialsAndIsFinal() {
      TxReceipt proposed =
          chain.submit(
              chain.officials.get(0),
              new io.votechain.tx.Propose(
                  new RevokeDevice("kiosk-1", "stolen"), chain.height() + 3));
      assertEquals(DeviceStatus.ACTIVE, record().status());
      assertEquals(
          ErrorCode.OK,
          chain.code(chain.officials.get(1), new io.votechain.tx.Approve(proposed.txId())));
      assertEquals(DeviceStatus.REVOKED, record().status());

      assertEquals(ErrorCode.DEVICE_REVOKED, attest());
      assertEquals(
          ErrorCode.DEVICE_REVOKED,
          chain.code(chain.officials.get(1), new ReinstateDevice("kiosk-1")));
      assertEquals(
          ErrorCode.DEVICE_REVOKED, chain.govern(new RevokeDevice("kiosk-1", "again")).code());
    }
  }
}

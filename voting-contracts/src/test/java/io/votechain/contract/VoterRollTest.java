package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import io.votechain.tx.CheckIn;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.CloseElection;
import io.votechain.tx.GovernedAction.CreateElection;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.SuspendDevice;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VoterRollTest {
  private TestChain chain;
  private Ed25519PublicKey voter;
  private EcdsaP256Signer kiosk;
  private long counter;

  @BeforeEach
  void setUp() {
    chain = new TestChain(4);
    voter = chain.newEd25519().publicKey();
    kiosk = chain.newDevice();
  }

  private ErrorCode add(String station, List<Ed25519PublicKey> credentials) {
    return chain.code(chain.officials.get(0), new AddCredentials("e1", station, credentials));
  }

  @Nested
  class Credentials {
    @Test
    void officialAddsCredentialsToADraftElection() {
      chain.govern(new CreateElection(TestChain.manifest("e1")));
      assertEquals(ErrorCode.OK, add("s1", List.of(voter)));
      assertEquals("s1", VoterRoll.station(chain.state, "e1", voter).orElseThrow());
    }

    @Test
    void credentialCannotBeAddedTwice() {
      chain.govern(new CreateElection(TestChain.manifest("e1")));
      add("s1", List.of(voter));
      assertEquals(ErrorCode.CREDENTIAL_EXISTS, add("s2", List.of(voter)));
      Ed25519PublicKey fresh = chain.newEd25519().publicKey();
      assertEquals(ErrorCode.INVALID_ARGUMENT, add("s2", List.of(fresh, fresh)));
    }

    @Test
    void rollOfUnknownOrClosedElectionIsRejected() {
      assertEquals(ErrorCode.UNKNOWN_ELECTION, add("s1", List.of(voter)));
      chain.openElection("e1");
      chain.time = TestChain.END;
      chain.govern(new CloseElection("e1"));
      assertEquals(ErrorCode.ROLL_CLOSED, add("s1", List.of(voter)));
    }

    @Test
    void onlyOfficialsAddCredentials() {
      chain.govern(new CreateElection(TestChain.manifest("e1")));
      Ed25519Signer outsider = chain.newEd25519();
      assertEquals(
          ErrorCode.NOT_AN_OFFICIAL,
          chain.code(outsider, new AddCredentials("e1", "s1", List.of(voter))));
    }
  }

  @Nested
  class PollBook {
    @BeforeEach
    void openElectionWithAttestedKioskAtStationOne() {
      chain.openElection("e1");
      add("s1", List.of(voter));
      chain.submit(
          chain.officials.get(0),
          new ProvisionDevice(
              "kiosk-1",
              kiosk.publicKey(),
              "VX-2000",
              DeviceRegistryTest.REFERENCE,
              chain.newEd25519().publicKey()));
      chain.submit(chain.officials.get(0), new AssignDevice("kiosk-1", "s1"));
      attest();
    }

    private void attest() {
      long h = chain.height();
      AttestationEvidence e =
          AttestationEvidence.sign(
              kiosk,
              TestChain.CHAIN_ID,
              "kiosk-1",
              DeviceRegistryTest.REFERENCE,
              ++counter,
              h,
              TestChain.blockHash(h));
      assertEquals(ErrorCode.OK, chain.code(kiosk, new AttestDevice(e)));
    }

    private ErrorCode checkIn(Ed25519PublicKey credential) {
      return chain.code(kiosk, new CheckIn("e1", "kiosk-1", credential));
    }

    @Test
    void attestedKioskOfTheVotersStationChecksTheVoterInOnce() {
      TxReceipt r = chain.submit(kiosk, new CheckIn("e1", "kiosk-1", voter));
      assertEquals(ErrorCode.OK, r.code());
      assertTrue(r.events().contains(new Event.VoterCheckedIn("e1", voter, "kiosk-1")));
      assertEquals(ErrorCode.ALREADY_CHECKED_IN, checkIn(voter));
    }

    @Test
    void voterOfAnotherStationIsRejected() {
      Ed25519PublicKey elsewhere = chain.newEd25519().publicKey();
      add("s2", List.of(elsewhere));
      attest();
      assertEquals(ErrorCode.WRONG_STATION, checkIn(elsewhere));
    }

    @Test
    void credentialNotOnTheRollIsRejected() {
      assertEquals(ErrorCode.UNKNOWN_CREDENTIAL, checkIn(chain.newEd25519().publicKey()));
    }

    @Test
    void kioskWithStaleAttestationIsRejected() {
      chain.emptyBlocks((int) TestChain.PARAMS.attestationFreshness());
      assertEquals(ErrorCode.DEVICE_NOT_ATTESTED, checkIn(voter));
    }

    @Test
    void suspendedKioskIsRejected() {
      chain.submit(chain.officials.get(1), new SuspendDevice("kiosk-1", "inspection"));
      assertEquals(ErrorCode.DEVICE_SUSPENDED, checkIn(voter));
    }

    @Test
    void checkInMustBeSignedByTheKiosk() {
      assertEquals(
          ErrorCode.UNAUTHORIZED,
          chain.code(chain.newDevice(), new CheckIn("e1", "kiosk-1", voter)));
    }

    @Test
    void checkInOutsideTheWindowIsRejected() {
      chain.time = TestChain.END;
      assertEquals(ErrorCode.OUTSIDE_VOTING_WINDOW, checkIn(voter));
    }

    @Test
    void checkInAfterCloseIsRejected() {
      chain.time = TestChain.END;
      chain.govern(new CloseElection("e1"));
      assertEquals(ErrorCode.ELECTION_NOT_OPEN, checkIn(voter));
    }
  }
}

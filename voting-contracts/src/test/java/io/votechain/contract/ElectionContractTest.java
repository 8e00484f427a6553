package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.AmendElection;
import io.votechain.tx.GovernedAction.CertifyElection;
import io.votechain.tx.GovernedAction.CloseElection;
import io.votechain.tx.GovernedAction.CreateElection;
import io.votechain.tx.GovernedAction.OpenElection;
import io.votechain.tx.GovernedAction.RegisterTrustees;
import io.votechain.tx.election.ElectionManifest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ElectionContractTest {
  private TestChain chain;

  @BeforeEach
  void setUp() {
    chain = new TestChain(2);
  }

  @Nested
  class Lifecycle {
    /** The whole table: exactly the five forward steps are legal, all 31 other pairs are not. */
    @ParameterizedTest
    @EnumSource(ElectionStatus.class)
    void onlyTheNextStatusIsReachable(ElectionStatus from) {
      for (ElectionStatus to : ElectionStatus.values()) {
        boolean expected =
            switch (from) {
              case DRAFT -> to == ElectionStatus.KEY_CEREMONY;
              case KEY_CEREMONY -> to == ElectionStatus.OPEN;
              case OPEN -> to == ElectionStatus.CLOSED;
              case CLOSED -> to == ElectionStatus.TALLIED;
              case TALLIED -> to == ElectionStatus.CERTIFIED;
              case CERTIFIED -> false;
            };
        assertEquals(expected, from.canTransitionTo(to), from + " -> " + to);
      }
    }

    @Test
    void electionGoesFromDraftToClosedThroughTheExecutor() {
      chain.openElection("e1");
      assertEquals(ElectionStatus.OPEN, ElectionContract.status(chain.state, "e1").orElseThrow());
      chain.time = TestChain.END;
      TxReceipt closed = chain.govern(new CloseElection("e1"));
      assertEquals(ErrorCode.OK, closed.code());
      assertTrue(
          closed
              .events()
              .contains(
                  new Event.ElectionStatusChanged(
                      "e1", ElectionStatus.OPEN, ElectionStatus.CLOSED)));
    }

    @Test
    void stepsOutOfOrderAreIllegalTransitions() {
      assertEquals(ErrorCode.OK, chain.govern(new CreateElection(TestChain.manifest("e1"))).code());
      chain.publishJointKey("e1");
      assertEquals(ErrorCode.ILLEGAL_TRANSITION, chain.govern(new OpenElection("e1")).code());
      assertEquals(ErrorCode.ILLEGAL_TRANSITION, chain.govern(new CloseElection("e1")).code());
      assertEquals(ErrorCode.ILLEGAL_TRANSITION, chain.govern(new CertifyElection("e1")).code());
      assertEquals(ElectionStatus.DRAFT, ElectionContract.status(chain.state, "e1").orElseThrow());
    }

    @Test
    void certifyingAClosedButUntalliedElectionIsIllegal() {
      chain.openElection("e1");
      chain.time = TestChain.END;
      chain.govern(new CloseElection("e1"));
      assertEquals(ErrorCode.ILLEGAL_TRANSITION, chain.govern(new CertifyElection("e1")).code());
    }

    @Test
    void talliedElectionIsCertifiedAndThenFrozen() {
      chain.openElection("e1");
      chain.time = TestChain.END;
      chain.govern(new CloseElection("e1"));
      // the tally contract's step (BallotBoxAndTallyTest reaches it with real decryptions)
      ElectionContract.transition(chain.state, "e1", ElectionStatus.CLOSED, ElectionStatus.TALLIED);
      assertEquals(ErrorCode.OK, chain.govern(new CertifyElection("e1")).code());
      assertEquals(ErrorCode.ILLEGAL_TRANSITION, chain.govern(new CertifyElection("e1")).code());
      assertEquals(ErrorCode.ILLEGAL_TRANSITION, chain.govern(new CloseElection("e1")).code());
    }

    @Test
    void openingWithoutTheJointKeyIsRejected() {
      chain.electionInKeyCeremony("e1");
      chain.time = TestChain.START;
      assertEquals(ErrorCode.ELECTION_KEY_MISSING, chain.govern(new OpenElection("e1")).code());
    }

    @Test
    void openingAfterTheWindowEndedIsRejected() {
      chain.electionInKeyCeremony("e1");
      chain.publishJointKey("e1");
      chain.time = TestChain.END;
      assertEquals(ErrorCode.OUTSIDE_VOTING_WINDOW, chain.govern(new OpenElection("e1")).code());
    }

    @Test
    void closingBeforeTheWindowEndsIsRejected() {
      chain.openElection("e1");
      chain.time = TestChain.END - 1;
      assertEquals(ErrorCode.OUTSIDE_VOTING_WINDOW, chain.govern(new CloseElection("e1")).code());
    }

    @Test
    void unknownElectionIsRejected() {
      assertEquals(ErrorCode.UNKNOWN_ELECTION, chain.govern(new OpenElection("nope")).code());
    }
  }

  @Nested
  class Manifests {
    @Test
    void sameElectionIdCannotBeCreatedTwice() {
      chain.govern(new CreateElection(TestChain.manifest("e1")));
      TxReceipt r =
          chain.submit(
              chain.officials.get(0),
              new io.votechain.tx.Propose(
                  new CreateElection(TestChain.manifest("e1")), chain.height() + 3));
      assertEquals(ErrorCode.OK, r.code());
      assertEquals(
          ErrorCode.ELECTION_EXISTS,
          chain.code(chain.officials.get(2), new io.votechain.tx.Approve(r.txId())));
    }

    @Test
    void draftManifestCanBeAmendedButNotAfterTheCeremonyStarts() {
      chain.govern(new CreateElection(TestChain.manifest("e1")));
      ElectionManifest longer = withEnd(TestChain.manifest("e1"), TestChain.END + 1);
      TxReceipt amended = chain.govern(new AmendElection(longer));
      assertEquals(ErrorCode.OK, amended.code());
      assertEquals(longer, ElectionContract.manifest(chain.state, "e1").orElseThrow());
      assertTrue(amended.events().contains(new Event.ElectionAmended("e1", longer.hash())));

      chain.govern(new RegisterTrustees("e1", trustees(3), 2));
      assertEquals(
          ErrorCode.ILLEGAL_TRANSITION,
          chain.govern(new AmendElection(TestChain.manifest("e1"))).code());
    }

    @Test
    void trusteeThresholdAboveTheTrusteeCountIsRejected() {
      chain.govern(new CreateElection(TestChain.manifest("e1")));
      TxReceipt r =
          chain.submit(
              chain.officials.get(0),
              new io.votechain.tx.Propose(
                  new RegisterTrustees("e1", trustees(2), 3), chain.height() + 3));
      assertEquals(ErrorCode.INVALID_TRUSTEES, r.code());
    }

    @Test
    void repeatedTrusteeKeyIsRejected() {
      Ed25519PublicKey k = chain.newEd25519().publicKey();
      chain.govern(new CreateElection(TestChain.manifest("e1")));
      TxReceipt r =
          chain.submit(
              chain.officials.get(0),
              new io.votechain.tx.Propose(
                  new RegisterTrustees("e1", List.of(k, k), 1), chain.height() + 3));
      assertEquals(ErrorCode.INVALID_TRUSTEES, r.code());
    }
  }

  private List<Ed25519PublicKey> trustees(int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> chain.newEd25519().publicKey())
        .toList();
  }

  static ElectionManifest withEnd(ElectionManifest m, long end) {
    return new ElectionManifest(
        m.electionId(), m.name(), m.contests(), m.votingStart(), end, m.revotePolicy());
  }
}

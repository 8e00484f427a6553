package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.tx.Approve;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.ChangeAuthority;
import io.votechain.tx.GovernedAction.CreateElection;
import io.votechain.tx.Propose;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replacing the election authority by M-of-N of the current one (docs/contracts.md §4.1). */
class AuthorityChangeTest {
  private final TestChain chain = new TestChain(51);

  private TxReceipt propose(Ed25519Signer official, io.votechain.tx.GovernedAction action) {
    return chain.submit(official, new Propose(action, chain.height() + 5));
  }

  private static List<Ed25519PublicKey> keys(Ed25519Signer... signers) {
    return java.util.Arrays.stream(signers).map(Ed25519Signer::publicKey).toList();
  }

  @Test
  void newAuthorityGovernsFromTheNextTransactionOn() {
    Ed25519Signer o0 = chain.officials.get(0);
    Ed25519Signer o1 = chain.officials.get(1);
    Ed25519Signer n1 = chain.newEd25519();
    Ed25519Signer n2 = chain.newEd25519();
    TxReceipt changed = chain.govern(new ChangeAuthority(keys(o0, n1, n2), 3));
    assertEquals(ErrorCode.OK, changed.code(), changed.reason());
    assertTrue(changed.events().contains(new Event.AuthorityChanged(3, 3)));

    assertEquals(
        ErrorCode.NOT_AN_OFFICIAL,
        propose(o1, new CreateElection(TestChain.manifest("e1"))).code(),
        "a removed official can no longer propose");
    TxReceipt proposed = propose(n1, new CreateElection(TestChain.manifest("e1")));
    assertEquals(ErrorCode.OK, proposed.code());
    assertEquals(ErrorCode.OK, chain.code(n2, new Approve(proposed.txId())));
    assertTrue(ElectionContract.status(chain.state, "e1").isEmpty(), "2 of the new 3 are not M");
    TxReceipt third = chain.submit(o0, new Approve(proposed.txId()));
    assertEquals(ErrorCode.OK, third.code());
    assertTrue(ElectionContract.status(chain.state, "e1").isPresent());
  }

  @Test
  void removedOfficialsApprovalStopsCounting() {
    Ed25519Signer o0 = chain.officials.get(0);
    Ed25519Signer o1 = chain.officials.get(1);
    Ed25519Signer o2 = chain.officials.get(2);
    TxReceipt pending = propose(o2, new CreateElection(TestChain.manifest("e2")));
    assertEquals(ErrorCode.OK, pending.code());
    assertEquals(ErrorCode.OK, chain.govern(new ChangeAuthority(keys(o0, o1), 2)).code());
    assertEquals(ErrorCode.OK, chain.code(o0, new Approve(pending.txId())));
    assertFalse(
        ElectionContract.status(chain.state, "e2").isPresent(),
        "o2's approval no longer counts: one current approval of two");
    assertEquals(ErrorCode.OK, chain.code(o1, new Approve(pending.txId())));
    assertTrue(ElectionContract.status(chain.state, "e2").isPresent());
  }

  @Test
  void invalidAuthorityIsRejectedAtProposalTime() {
    Ed25519Signer o0 = chain.officials.get(0);
    Ed25519Signer n1 = chain.newEd25519();
    assertEquals(
        ErrorCode.INVALID_AUTHORITY, propose(o0, new ChangeAuthority(keys(o0, n1), 3)).code());
    assertEquals(
        ErrorCode.INVALID_AUTHORITY, propose(o0, new ChangeAuthority(keys(o0, n1), 0)).code());
    assertEquals(
        ErrorCode.INVALID_AUTHORITY, propose(o0, new ChangeAuthority(keys(o0, o0), 1)).code());
    assertEquals(
        ErrorCode.INVALID_AUTHORITY, propose(o0, new ChangeAuthority(List.of(), 1)).code());
    assertEquals(3, GovernanceContract.authority(chain.state).officials().size());
    assertEquals(2, GovernanceContract.authority(chain.state).threshold(), "unchanged");
  }
}

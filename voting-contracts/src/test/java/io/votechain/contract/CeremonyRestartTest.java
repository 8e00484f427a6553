package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.Complaint;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.Trustee;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.Complain;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.CreateElection;
import io.votechain.tx.GovernedAction.OpenElection;
import io.votechain.tx.GovernedAction.RegisterTrustees;
import io.votechain.tx.GovernedAction.RestartKeyCeremony;
import io.votechain.tx.PublishShares;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Restarting a key ceremony blocked by an unanswered complaint (docs/contracts.md §4.5): 3
 * trustees, threshold 2; trustee 1 sends trustee 2 a share that does not open and never answers the
 * complaint.
 */
class CeremonyRestartTest {
  private static final String E = "e1";
  private final TestChain chain = new TestChain(61);
  private final List<Ed25519Signer> keys = new ArrayList<>();

  private List<Trustee> generate(CeremonyParameters parameters, int n) {
    List<Trustee> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Trustee.generate(parameters, i, chain.random));
    }
    return out;
  }

  private void announceAndShare(List<Ed25519Signer> signers, List<Trustee> trustees) {
    for (int i = 0; i < trustees.size(); i++) {
      TxReceipt r =
          chain.submit(signers.get(i), new AnnounceKey(E, trustees.get(i).announcement()));
      assertEquals(ErrorCode.OK, r.code(), r.reason());
    }
    for (int d = 0; d < trustees.size(); d++) {
      List<EncryptedShare> out = new ArrayList<>();
      for (Trustee recipient : trustees) {
        if (recipient != trustees.get(d)) {
          out.add(trustees.get(d).shareFor(recipient.announcement(), chain.random));
        }
      }
      assertEquals(ErrorCode.OK, chain.code(signers.get(d), new PublishShares(E, out)));
    }
  }

  private TxReceipt restart(List<Ed25519Signer> trustees, int k) {
    return chain.govern(
        new RestartKeyCeremony(E, trustees.stream().map(Ed25519Signer::publicKey).toList(), k));
  }

  @Test
  void silentDealerIsReplacedAndTheNewCeremonyOpensTheElection() {
    // Complaints are two levels deep (complaint/DDDD/RRRR), and the chain's state lists one level
    // at a time as a node's store does (StoreLikeState): a scan of the whole complaint folder once
    // saw none of the committed complaints, and the election opened with one unanswered.
    assertEquals(ErrorCode.OK, chain.govern(new CreateElection(TestChain.manifest(E))).code());
    for (int i = 0; i < 3; i++) {
      keys.add(chain.newEd25519());
    }
    assertEquals(ErrorCode.OK, restartLikeRegistration(keys).code());
    CeremonyParameters round0 = ElectionCrypto.parameters(chain.state, E);
    List<Trustee> first = generate(round0, 3);
    announceAndShare(keys, first);
    assertEquals(
        ErrorCode.CEREMONY_NOT_BLOCKED,
        restart(keys, 2).code(),
        "no complaint: nothing to restart");

    assertEquals(
        ErrorCode.OK,
        chain.code(
            keys.get(1), new Complain(E, new Complaint(1, 2, Complaint.Reason.DECRYPTION_FAILED))));
    chain.time = TestChain.START;
    assertEquals(ErrorCode.ELECTION_KEY_MISSING, chain.govern(new OpenElection(E)).code());
    TxReceipt keepsSilent = restart(keys, 2);
    assertEquals(ErrorCode.INVALID_TRUSTEES, keepsSilent.code());
    assertTrue(keepsSilent.reason().contains("trustee 1"), keepsSilent.reason());

    List<Ed25519Signer> next = List.of(keys.get(1), keys.get(2), chain.newEd25519());
    TxReceipt restarted = restart(next, 2);
    assertEquals(ErrorCode.OK, restarted.code(), restarted.reason());
    assertTrue(restarted.events().contains(new Event.KeyCeremonyRestarted(E, 1, 3, 2)));
    assertEquals(
        ElectionStatus.KEY_CEREMONY, ElectionContract.status(chain.state, E).orElseThrow());
    assertEquals(1, ElectionCrypto.ceremonyRound(chain.state, E));
    assertTrue(chain.state.scan(StateKeys.announcementPrefix(E)).isEmpty());
    assertTrue(chain.state.scan(StateKeys.complaintPrefix(E)).isEmpty());
    assertTrue(chain.state.get(StateKeys.electionJointKey(E)).isEmpty());

    // the round enters H_B: an announcement made for round 0 with the same n, k does not verify
    Trustee stale = Trustee.generate(round0, 1, chain.random);
    assertEquals(
        ErrorCode.INVALID_ANNOUNCEMENT,
        chain.code(next.get(0), new AnnounceKey(E, stale.announcement())));
    assertEquals(
        ErrorCode.NOT_A_TRUSTEE,
        chain.code(keys.get(0), new AnnounceKey(E, first.get(0).announcement())),
        "the excluded dealer is no trustee any more");

    List<Trustee> second = generate(ElectionCrypto.parameters(chain.state, E), 3);
    announceAndShare(next, second);
    TxReceipt opened = chain.govern(new OpenElection(E));
    assertEquals(ErrorCode.OK, opened.code(), opened.reason());
  }

  /** The first registration (a plain RegisterTrustees). */
  private TxReceipt restartLikeRegistration(List<Ed25519Signer> trustees) {
    return chain.govern(
        new RegisterTrustees(E, trustees.stream().map(Ed25519Signer::publicKey).toList(), 2));
  }
}

package io.votechain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.DecryptingTrustee;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.Trustee;
import io.votechain.encoding.CanonicalReader;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction.RegisterTrustees;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.PublishShares;
import java.util.ArrayList;
import java.util.List;

/**
 * The real threshold key ceremony and tally of an election (or meeting) in DRAFT, through the
 * ledger: registration of {@code n} trustees with threshold {@code k}, announcements, encrypted
 * shares read back from state, and partial decryptions of the aggregate.
 */
final class LedgerCeremony {
  private final TestChain chain;
  private final String id;
  private final List<Ed25519Signer> trusteeKeys = new ArrayList<>();
  private List<DecryptingTrustee> decrypting;

  LedgerCeremony(TestChain chain, String id) {
    this.chain = chain;
    this.id = id;
  }

  /** Registers the trustees (governed) and runs the ceremony to the joint key. */
  void run(int n, int k) {
    for (int i = 0; i < n; i++) {
      trusteeKeys.add(chain.newEd25519());
    }
    TxReceipt registered =
        chain.govern(
            new RegisterTrustees(
                id, trusteeKeys.stream().map(Ed25519Signer::publicKey).toList(), k));
    assertEquals(ErrorCode.OK, registered.code(), registered.reason());
    CeremonyParameters parameters =
        ElectionCrypto.parameters(
            ElectionContract.manifest(chain.state, id).orElseThrow(),
            Trustees.read(chain.state, id).orElseThrow());
    List<Trustee> trustees = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      trustees.add(Trustee.generate(parameters, i, chain.random));
    }
    for (int i = 0; i < n; i++) {
      assertEquals(
          ErrorCode.OK,
          chain.code(trusteeKeys.get(i), new AnnounceKey(id, trustees.get(i).announcement())));
    }
    if (n > 1) {
      for (int d = 0; d < n; d++) {
        List<EncryptedShare> out = new ArrayList<>();
        for (Trustee recipient : trustees) {
          if (recipient != trustees.get(d)) {
            out.add(trustees.get(d).shareFor(recipient.announcement(), chain.random));
          }
        }
        assertEquals(ErrorCode.OK, chain.code(trusteeKeys.get(d), new PublishShares(id, out)));
      }
      for (int d = 0; d < n; d++) {
        CanonicalReader r =
            new CanonicalReader(chain.state.get(StateKeys.shares(id, d + 1)).orElseThrow());
        for (EncryptedShare share : r.list(8, EncryptedShare::readFrom)) {
          Trustee recipient = trustees.get(share.recipient() - 1);
          assertTrue(recipient.receiveShare(trustees.get(d).announcement(), share).isEmpty());
        }
      }
    }
    JointElectionKey joint = ElectionCrypto.jointKey(chain.state, id);
    decrypting = trustees.stream().map(t -> t.finish(joint)).toList();
  }

  /** Trustee {@code t} (0-based)'s partial decryption of the current aggregate. */
  PublishDecryption decryptionBy(int t) {
    int selections =
        ElectionCrypto.selectionCount(ElectionContract.manifest(chain.state, id).orElseThrow());
    List<PartialDecryption> partials = new ArrayList<>();
    for (Ciphertext c : ElectionCrypto.aggregate(chain.state, id, selections)) {
      partials.add(decrypting.get(t).partialDecrypt(c, chain.random));
    }
    return new PublishDecryption(id, partials);
  }

  /** The first {@code k} trustees publish; returns the receipt of the last one (the tally). */
  TxReceipt tally(int k) {
    TxReceipt last = null;
    for (int t = 0; t < k; t++) {
      last = chain.submit(trusteeKeys.get(t), decryptionBy(t));
      assertEquals(ErrorCode.OK, last.code(), last.reason());
    }
    return last;
  }
}

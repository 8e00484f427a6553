package io.votechain.web.official;

import io.vertx.core.Future;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.Trustees;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.DecryptingTrustee;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.Trustee;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.PublishShares;
import io.votechain.web.LedgerQueries;
import io.votechain.web.LedgerStateView;
import io.votechain.web.WebContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo trustee helper (docs/web-ui.md §3.4), on only when the {@code web.demoTrustees} setting
 * is true: this server generates the trustees' keys, runs their side of the key ceremony (announce,
 * publish encrypted shares, open the shares addressed to each) and, after the vote closes, their
 * partial decryptions, submitting each as the trustee's own signed transaction. Everything the
 * ledger checks is real; what is not real is that one server holds every trustee's secrets, which
 * defeats the threshold: in a real election each trustee runs this on its own machine and the web
 * UI only watches. Secrets live in memory only (a restart loses them).
 */
final class DemoTrustees {
  private final WebContext web;
  private final Submissions submissions;
  private final LedgerQueries queries;
  private final Map<String, Ceremony> byElection = new ConcurrentHashMap<>();

  /** Trustees wait longer than a page for their commits: each round needs the previous one. */
  static final long TRUSTEE_WAIT_MILLIS = 180_000;

  /** One election's demo trustees: keys, then ceremony state, then decrypting shares. */
  private static final class Ceremony {
    final List<Ed25519Signer> keys;
    final List<Trustee> trustees = new ArrayList<>();
    final List<DecryptingTrustee> decrypting = new ArrayList<>();

    Ceremony(List<Ed25519Signer> keys) {
      this.keys = List.copyOf(keys);
    }
  }

  DemoTrustees(WebContext web, Submissions submissions, LedgerQueries queries) {
    this.web = web;
    this.submissions = submissions;
    this.queries = queries;
  }

  boolean enabled() {
    return web.config().getBoolean("demoTrustees", false);
  }

  boolean holds(String electionId) {
    return byElection.containsKey(electionId);
  }

  /** Generates {@code n} trustee keys for the election; returns their public keys to register. */
  List<io.votechain.crypto.sig.Ed25519PublicKey> create(String electionId, int n) {
    List<Ed25519Signer> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(Ed25519Signer.generate(web.random()));
    }
    byElection.put(electionId, new Ceremony(keys));
    return keys.stream().map(Ed25519Signer::publicKey).toList();
  }

  /**
   * Runs the ceremony: every trustee announces, then every trustee publishes its encrypted shares,
   * then each opens the shares addressed to it and derives its decryption share. Fails with the
   * error code of the first refused transaction.
   */
  Future<Void> runCeremony(String electionId) {
    Ceremony c = byElection.get(electionId);
    if (c == null) {
      return Future.failedFuture("NOT_A_TRUSTEE");
    }
    return web.blocking(
            () -> {
              var election = queries.election(electionId).orElseThrow();
              Trustees registered = queries.trustees(electionId).orElseThrow();
              if (election.status() != ElectionStatus.KEY_CEREMONY) {
                throw new IllegalStateException("WRONG_ELECTION_STATUS");
              }
              CeremonyParameters parameters =
                  ElectionCrypto.parameters(election.manifest(), registered);
              synchronized (c) {
                c.trustees.clear();
                for (int i = 1; i <= c.keys.size(); i++) {
                  c.trustees.add(Trustee.generate(parameters, i, web.random()));
                }
              }
              return c;
            })
        .compose(x -> all(c, i -> new AnnounceKey(electionId, c.trustees.get(i).announcement())))
        .compose(
            x ->
                all(
                    c,
                    i -> {
                      List<EncryptedShare> shares = new ArrayList<>();
                      for (Trustee recipient : c.trustees) {
                        if (recipient != c.trustees.get(i)) {
                          shares.add(
                              c.trustees.get(i).shareFor(recipient.announcement(), web.random()));
                        }
                      }
                      return new PublishShares(electionId, shares);
                    }))
        .compose(x -> web.blocking(() -> finish(electionId, c)));
  }

  /** Each trustee opens the shares addressed to it, read back from the ledger. */
  private Void finish(String electionId, Ceremony c) {
    for (int d = 1; d <= c.trustees.size(); d++) {
      byte[] stored =
          web.ledger()
              .state(io.votechain.contract.StateKeys.shares(electionId, d))
              .orElseThrow(() -> new IllegalStateException("CEREMONY_ROUND_NOT_READY"));
      io.votechain.encoding.CanonicalReader r = new io.votechain.encoding.CanonicalReader(stored);
      for (EncryptedShare share : r.list(8, EncryptedShare::readFrom)) {
        Optional<?> complaint =
            c.trustees
                .get(share.recipient() - 1)
                .receiveShare(c.trustees.get(d - 1).announcement(), share);
        if (complaint.isPresent()) {
          throw new IllegalStateException("INVALID_DISCLOSURE");
        }
      }
    }
    JointElectionKey joint = ElectionCrypto.jointKey(new LedgerStateView(web.ledger()), electionId);
    synchronized (c) {
      c.decrypting.clear();
      c.trustees.forEach(t -> c.decrypting.add(t.finish(joint)));
    }
    return null;
  }

  /** The first k trustees publish their partial decryptions of the closed election's aggregate. */
  Future<Void> decrypt(String electionId) {
    Ceremony c = byElection.get(electionId);
    if (c == null || c.trustees.isEmpty()) {
      return Future.failedFuture("NOT_A_TRUSTEE");
    }
    return web.blocking(
            () -> {
              if (c.decrypting.isEmpty()) {
                // The ceremony's last step did not run (a round committed late): its shares are on
                // the ledger, so the trustees open them now.
                finish(electionId, c);
              }
              var election = queries.election(electionId).orElseThrow();
              if (election.status() != ElectionStatus.CLOSED) {
                throw new IllegalStateException("WRONG_ELECTION_STATUS");
              }
              int k = queries.trustees(electionId).orElseThrow().threshold();
              List<Ciphertext> aggregate =
                  ElectionCrypto.aggregate(
                      new LedgerStateView(web.ledger()),
                      electionId,
                      ElectionCrypto.selectionCount(election.manifest()));
              List<PublishDecryption> txs = new ArrayList<>();
              for (int t = 0; t < k; t++) {
                List<PartialDecryption> partials = new ArrayList<>();
                for (Ciphertext ct : aggregate) {
                  partials.add(c.decrypting.get(t).partialDecrypt(ct, web.random()));
                }
                txs.add(new PublishDecryption(electionId, partials));
              }
              return txs;
            })
        .compose(
            txs -> {
              List<Future<Submissions.Outcome>> sent = new ArrayList<>();
              for (int t = 0; t < txs.size(); t++) {
                sent.add(submissions.submit(c.keys.get(t), txs.get(t), TRUSTEE_WAIT_MILLIS));
              }
              return Future.all(sent).compose(x -> checked(sent));
            });
  }

  /** Every trustee submits {@code tx.apply(index)} at once (different signers, one block). */
  private Future<Void> all(
      Ceremony c, java.util.function.IntFunction<io.votechain.tx.Transaction> tx) {
    List<Future<Submissions.Outcome>> sent = new ArrayList<>();
    for (int i = 0; i < c.keys.size(); i++) {
      sent.add(submissions.submit(c.keys.get(i), tx.apply(i), TRUSTEE_WAIT_MILLIS));
    }
    return Future.all(sent).compose(x -> checked(sent));
  }

  private static Future<Void> checked(List<Future<Submissions.Outcome>> sent) {
    for (Future<Submissions.Outcome> f : sent) {
      if (!f.result().ok()) {
        return Future.failedFuture(f.result().code());
      }
    }
    return Future.succeededFuture();
  }
}

package io.votechain.web.official;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.votechain.contract.ContractExecutor;
import io.votechain.crypto.hash.Hash32;
import io.votechain.node.CommittedEvent;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Transaction;
import io.votechain.web.LedgerPort;
import io.votechain.web.LedgerQueries;
import io.votechain.web.LedgerStateView;
import io.votechain.web.WebContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs an official's transaction with the next nonce, submits it, and waits for the block that
 * commits it, so that the page can say what happened in plain words (docs/web-ui.md §3).
 *
 * <p>Nonces: the mempool checks a transaction against the committed state, where only the next
 * nonce is valid, so an official has at most one transaction in flight: submissions of one official
 * are queued, and each is signed with the committed state's next nonce once the previous one has
 * committed (or timed out).
 */
public final class Submissions {
  /** How long a page waits for the commit before it says "submitted, not yet committed". */
  static final long COMMIT_WAIT_MILLIS = 20_000;

  static final long POLL_MILLIS = 250;

  private final WebContext web;
  private final Map<String, Future<Outcome>> lastOfOfficial = new ConcurrentHashMap<>();
  private final Map<Hash32, Promise<Outcome>> waiting = new ConcurrentHashMap<>();

  public Submissions(WebContext web) {
    this.web = web;
    web.ledger().onCommitted(this::committed);
  }

  /**
   * The result of a submission.
   *
   * @param code {@code OK}, an {@code ErrorCode} name, or {@code PENDING} when not committed in
   *     time
   * @param height the committing block, or -1
   */
  public record Outcome(Hash32 txId, String code, long height) {
    public boolean ok() {
      return code.equals("OK");
    }
  }

  /** Signs {@code body} as {@code official}, submits it and waits for its outcome. */
  public Future<Outcome> submit(Official official, Transaction body) {
    return submit(official.signer(), body);
  }

  /**
   * Signs {@code body} with {@code signer} (an official's or a demo trustee's key) and submits it.
   */
  Future<Outcome> submit(io.votechain.crypto.sig.Ed25519Signer signer, Transaction body) {
    return submit(signer, body, COMMIT_WAIT_MILLIS);
  }

  /** As {@link #submit(Official, Transaction)}, waiting up to {@code waitMillis} for the commit. */
  Future<Outcome> submit(
      io.votechain.crypto.sig.Ed25519Signer signer, Transaction body, long waitMillis) {
    String who = io.votechain.tx.Keys.hex(signer.publicKey());
    Promise<Outcome> result = Promise.promise();
    Future<Outcome> previous = lastOfOfficial.put(who, result.future());
    Future<Outcome> after = previous == null ? Future.succeededFuture() : previous;
    after.transform(x -> submitNow(signer, body, waitMillis)).onComplete(result);
    result.future().onComplete(x -> lastOfOfficial.remove(who, result.future()));
    return result.future();
  }

  private Future<Outcome> submitNow(
      io.votechain.crypto.sig.Ed25519Signer signer, Transaction body, long waitMillis) {
    LedgerPort ledger = web.ledger();
    return web.blocking(
            () -> {
              long nonce =
                  ContractExecutor.nextNonce(new LedgerStateView(ledger), signer.publicKey());
              return SignedTransaction.sign(signer, nonce, body, ledger.chainId());
            })
        .compose(
            tx -> {
              Promise<Outcome> done = Promise.promise();
              waiting.put(tx.id(), done);
              long timer =
                  web.vertx()
                      .setTimer(
                          waitMillis,
                          t -> {
                            if (waiting.remove(tx.id()) != null) {
                              done.tryComplete(new Outcome(tx.id(), "PENDING", -1));
                            }
                          });
              // Also poll the receipt: it is in the committed state whatever the event delivery.
              long poll =
                  web.vertx()
                      .setPeriodic(
                          POLL_MILLIS,
                          t ->
                              web.blocking(() -> new LedgerQueries(ledger).receiptCode(tx.id()))
                                  .onSuccess(
                                      code ->
                                          code.ifPresent(
                                              c -> {
                                                if (waiting.remove(tx.id()) != null) {
                                                  done.tryComplete(
                                                      new Outcome(tx.id(), c, ledger.height()));
                                                }
                                              })));
              done.future().onComplete(x -> web.vertx().cancelTimer(poll));
              return ledger
                  .submit(tx.encode())
                  .compose(admission -> done.future())
                  .recover(
                      e -> {
                        waiting.remove(tx.id());
                        web.vertx().cancelTimer(poll);
                        return e instanceof LedgerPort.Rejected r
                            ? Future.succeededFuture(new Outcome(tx.id(), r.code(), -1))
                            : Future.failedFuture(e);
                      })
                  .onComplete(x -> web.vertx().cancelTimer(timer));
            });
  }

  private void committed(CommittedEvent event) {
    for (CommittedEvent.Outcome o : event.outcomes()) {
      Promise<Outcome> p = waiting.remove(o.txId());
      if (p != null) {
        p.tryComplete(new Outcome(o.txId(), o.code(), event.height()));
      }
    }
  }
}

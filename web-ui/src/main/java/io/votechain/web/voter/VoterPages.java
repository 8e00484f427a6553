package io.votechain.web.voter;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.TxKind;
import io.votechain.web.Csrf;
import io.votechain.web.LedgerPort;
import io.votechain.web.LedgerQueries;
import io.votechain.web.PageGroup;
import io.votechain.web.WebContext;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The voters' pages under {@code /vote/} (docs/web-voting.md): find an election, read its ballot in
 * one's language, sign in with a credential code, mark, review, encrypt in the browser, cast or
 * challenge, get a receipt, and check a ballot in the ledger. The server renders pages and relays
 * signed transactions; the ballot is encrypted and signed by {@code vote.entry.js} in the browser,
 * so neither the choices, nor the nonces, nor the credential ever reach it.
 *
 * <p>JSON routes for the scripts, under {@code /vote/api/}: the credential's roll entry and next
 * nonce, submitting a signed CastBallot or SpoilBallot (nothing else), and a transaction's receipt.
 * The check page's evidence comes from the node's public API. Every error has a code
 * (docs/web-voting.md §7).
 */
public final class VoterPages implements PageGroup {
  /**
   * Mounted as {@code /vote*}: pages at {@code /vote/}, {@code /vote/check}, {@code
   * /vote/election/<id>}.
   */
  static final String PREFIX = "/vote";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern KEY_HEX = Pattern.compile("01[0-9a-f]{64}");
  private static final HexFormat HEX = HexFormat.of();

  private WebContext web;
  private LedgerQueries queries;

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public List<NavLink> navigation() {
    return List.of(
        new NavLink("voter.nav.vote", PREFIX + "/"),
        new NavLink("voter.nav.check", PREFIX + "/check"));
  }

  @Override
  public void routes(Router router, WebContext web) {
    this.web = web;
    this.queries = new LedgerQueries(web.ledger());
    router.get("/").handler(this::elections);
    router.get("/check").handler(this::check);
    router.get("/election/:id").handler(this::ballot);
    router.get("/election/:id/receipt/:code").handler(this::receipt);
    router.get("/api/credential/:id/:key").handler(this::credential);
    router.post("/api/submit").handler(this::submit);
    router.get("/api/receipt/:tx").handler(this::txReceipt);
  }

  private void elections(RoutingContext ctx) {
    web.blocking(() -> queries.elections())
        .onSuccess(
            all -> {
              List<Map<String, Object>> rows =
                  all.stream()
                      .map(
                          e ->
                              Map.<String, Object>of(
                                  "id", e.id(),
                                  "name",
                                      BallotView.pick(e.manifest().name(), WebContext.locale(ctx)),
                                  "open", e.status() == ElectionStatus.OPEN,
                                  "status", e.status().name()))
                      .toList();
              web.render(ctx, "voter/elections", Map.of("elections", rows));
            })
        .onFailure(ctx::fail);
  }

  private void ballot(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      notFound(ctx);
      return;
    }
    LedgerPort ledger = web.ledger();
    web.blocking(
            () -> {
              Optional<LedgerQueries.Election> election = queries.election(id);
              if (election.isEmpty()) {
                return null;
              }
              Map<String, Object> model = new HashMap<>();
              model.put("ballot", BallotView.of(election.get().manifest(), WebContext.locale(ctx)));
              model.put("open", election.get().status() == ElectionStatus.OPEN);
              model.put("chainId", ledger.chainId());
              model.put(
                  "extendedBaseHash",
                  ledger.state(StateKeys.extendedBaseHash(id)).map(HEX::formatHex).orElse(""));
              model.put(
                  "electionKey",
                  ledger.state(StateKeys.electionJointKey(id)).map(HEX::formatHex).orElse(""));
              return model;
            })
        .onSuccess(
            model -> {
              if (model == null) {
                notFound(ctx);
                return;
              }
              model.put("csrfHeader", Csrf.HEADER);
              web.render(ctx, "voter/ballot", model);
            })
        .onFailure(ctx::fail);
  }

  private void receipt(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Optional<Hash32> hash = TrackingCode.parse(ctx.pathParam("code"));
    if (!ID.matcher(id).matches() || hash.isEmpty()) {
      notFound(ctx);
      return;
    }
    web.blocking(() -> web.ledger().state(StateKeys.ballotTx(id, hash.get())).isPresent())
        .onSuccess(
            recorded ->
                web.render(
                    ctx,
                    "voter/receipt",
                    Map.of(
                        "electionId", id,
                        "code", TrackingCode.of(hash.get()),
                        "recorded", recorded)))
        .onFailure(ctx::fail);
  }

  private void check(RoutingContext ctx) {
    String id = Optional.ofNullable(ctx.request().getParam("election")).orElse("").trim();
    String code = Optional.ofNullable(ctx.request().getParam("code")).orElse("").trim();
    Map<String, Object> model = new HashMap<>();
    model.put("electionId", id);
    model.put("code", code);
    boolean asked = !id.isEmpty() || !code.isEmpty();
    Optional<Hash32> hash = TrackingCode.parse(code);
    boolean valid = ID.matcher(id).matches() && hash.isPresent();
    model.put("error", asked && !valid ? "voter.check.badInput" : "");
    model.put("normalizedCode", hash.map(TrackingCode::of).orElse(""));
    model.put("ballotHash", valid ? hash.get().hex() : "");
    // The browser fetches the evidence from the node's public API (docs/api.md §2.2), the same
    // answer any independent client gets, rather than from a route of the web UI's own.
    model.put("ballotUrl", valid ? "/api/v1/elections/" + id + "/ballots/" + hash.get().hex() : "");
    model.put("electionUrl", valid ? "/api/v1/elections/" + id : "");
    model.put("validatorsUrl", "/api/v1/validators");
    PinnedValidators pinned = PinnedValidators.of(web.config());
    model.put("pinnedValidators", pinned.keysCsv());
    model.put("pinnedChainId", pinned.chainId());
    if (!valid) {
      model.put("server", ServerCheck.NOT_ASKED);
      web.render(ctx, asked ? 400 : 200, "voter/check", model);
      return;
    }
    web.blocking(() -> ServerCheck.of(web.ledger(), id, hash.get()))
        .onSuccess(
            server -> {
              model.put("server", server);
              web.render(ctx, "voter/check", model);
            })
        .onFailure(ctx::fail);
  }

  /**
   * {@code {onRoll, nonce, voted}} for a credential key (public data: the roll is on the ledger).
   */
  private void credential(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String keyHex = ctx.pathParam("key");
    if (!ID.matcher(id).matches() || !KEY_HEX.matcher(keyHex).matches()) {
      error(ctx, 400, "BAD_REQUEST");
      return;
    }
    Ed25519PublicKey key;
    try {
      key = Ed25519PublicKey.decode(HEX.parseHex(keyHex.substring(2)));
    } catch (RuntimeException e) {
      error(ctx, 400, "BAD_CREDENTIAL_KEY");
      return;
    }
    LedgerPort ledger = web.ledger();
    web.blocking(
            () -> {
              long nonce =
                  ledger
                      .state(StateKeys.nonce(key))
                      .map(b -> new CanonicalReader(b).varint(Long.MAX_VALUE))
                      .orElse(0L);
              return new JsonObject()
                  .put("onRoll", ledger.state(StateKeys.rollEntry(id, key)).isPresent())
                  .put("voted", ledger.state(StateKeys.vote(id, key)).isPresent())
                  .put("nonce", nonce);
            })
        .onSuccess(json -> json(ctx, 200, json))
        .onFailure(e -> error(ctx, 503, "LEDGER_UNAVAILABLE"));
  }

  /** Relays a signed CastBallot or SpoilBallot to the node; any other kind is refused. */
  private void submit(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    SignedTransaction tx;
    try {
      tx = SignedTransaction.decode(bytes);
    } catch (EncodingException e) {
      error(ctx, 400, SignedTransaction.rejection(e).code().name());
      return;
    }
    if (tx.kind() != TxKind.CAST_BALLOT && tx.kind() != TxKind.SPOIL_BALLOT) {
      error(ctx, 400, "NOT_A_BALLOT_TRANSACTION");
      return;
    }
    web.ledger()
        .submit(bytes)
        .onSuccess(
            admission ->
                json(
                    ctx,
                    202,
                    new JsonObject().put("id", tx.id().hex()).put("admission", admission.name())))
        .onFailure(
            e ->
                error(
                    ctx,
                    e instanceof LedgerPort.Rejected r ? 400 : 503,
                    e instanceof LedgerPort.Rejected r ? r.code() : "LEDGER_UNAVAILABLE"));
  }

  private void txReceipt(RoutingContext ctx) {
    Hash32 id;
    try {
      id = Hash32.fromHex(ctx.pathParam("tx"));
    } catch (RuntimeException e) {
      error(ctx, 400, "BAD_TRANSACTION_ID");
      return;
    }
    web.blocking(() -> queries.receiptCode(id))
        .onSuccess(
            code ->
                json(
                    ctx,
                    200,
                    new JsonObject()
                        .put("id", id.hex())
                        .put("committed", code.isPresent())
                        .put("code", code.orElse(null))))
        .onFailure(e -> error(ctx, 503, "LEDGER_UNAVAILABLE"));
  }

  private void notFound(RoutingContext ctx) {
    web.render(ctx, 404, "layout/refused", Map.of("reason", "refused.notFound"));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  private static void error(RoutingContext ctx, int status, String code) {
    json(ctx, status, new JsonObject().put("error", code));
  }
}

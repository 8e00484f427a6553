package io.votechain.api;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.votechain.mempool.Admission;
import io.votechain.mempool.MempoolLimits;
import io.votechain.node.NodeContext;
import io.votechain.node.NodeExtension;
import io.votechain.node.ValidatorNode;
import io.votechain.tx.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The node's public HTTP API under {@code /api/v1} (docs/api.md), as a {@link NodeExtension}
 * started before the web UI that links to it. Everything it serves is public ledger data; the only
 * write is submitting a signed transaction, whose signature and rights the contracts check. Reads
 * run on the API's own worker pool, never on the event loop. Every error is JSON with a documented
 * code; every client is rate limited by remote address.
 */
public final class PublicApi implements NodeExtension {
  static final String PREFIX = "/api/v1";
  static final String OPENAPI_RESOURCE = "/openapi/votechain-api.json";

  private NodeContext node;
  private ApiConfig config;
  private WorkerExecutor workers;
  private EventStream events;
  private Buffer openApi;

  @Override
  public String name() {
    return "api";
  }

  @Override
  public int order() {
    return 10;
  }

  /** The configuration in force (tests read it). */
  ApiConfig config() {
    return config;
  }

  /** Event-stream clients connected now (tests and diagnostics). */
  int streamClients() {
    return events == null ? 0 : events.clients();
  }

  @Override
  public Future<Void> start(NodeContext node) {
    try {
      this.node = node;
      this.config = ApiConfig.from(node.config().section(name()));
      if (config.keepAliveSeconds() >= node.config().httpIdleTimeoutSeconds()) {
        // The server would close every quiet stream before its keep-alive comment.
        throw new IllegalArgumentException(
            "api.events.keepAliveSeconds ("
                + config.keepAliveSeconds()
                + ") must be below http.idleTimeoutSeconds ("
                + node.config().httpIdleTimeoutSeconds()
                + ")");
      }
      NistQueries.reporting(config.nist());
      this.openApi = Buffer.buffer(readResource(OPENAPI_RESOURCE));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    workers =
        node.vertx()
            .createSharedWorkerExecutor(
                "votechain-api-" + node.config().validatorIndex(), config.workerThreads());
    LedgerReads ledger = new LedgerReads(node.store(), config.storeTimeoutMillis());
    java.util.Optional<io.votechain.contract.GenesisConfig> contracts = readContracts(node);
    ChainQueries chain = new ChainQueries(node, ledger, contracts);
    ElectionQueries elections = new ElectionQueries(node, ledger);
    NistQueries nist = new NistQueries(ledger, elections, config.nist());
    DeviceQueries devices = new DeviceQueries(ledger);
    events = new EventStream(node.vertx(), workers, ledger, elections, config);
    Responder r = new Responder(workers);
    Router router = node.router();

    RateLimiter limiter =
        new RateLimiter(
            config.requestsPerSecond(),
            config.burst(),
            config.maxTrackedClients(),
            System::nanoTime);
    router.route(PREFIX + "/*").order(-20).handler(ctx -> rateLimit(ctx, limiter));
    if (!config.corsOrigins().isEmpty()) {
      router
          .route(PREFIX + "/*")
          .order(-10)
          .handler(
              CorsHandler.create()
                  .addOrigins(config.corsOrigins())
                  .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
                  .allowedHeader("content-type"));
    }
    router.route(PREFIX + "/*").failureHandler(PublicApi::failure);

    router
        .post(PREFIX + "/transactions")
        .handler(BodyHandler.create().setBodyLimit(bodyLimit(contracts.isPresent())))
        .handler(this::submit);
    router
        .get(PREFIX + "/transactions/:id")
        .handler(r.route(ctx -> hashQuery(ctx, "id", chain::transaction)));
    router
        .get(PREFIX + "/blocks")
        .handler(
            r.route(
                ctx -> {
                  String from = ctx.queryParams().get("from");
                  Long start =
                      from == null ? null : Params.query(from, "from", 1, Long.MAX_VALUE, 1);
                  int limit =
                      (int)
                          Params.query(
                              ctx.queryParams().get("limit"),
                              "limit",
                              1,
                              ChainQueries.MAX_PAGE,
                              20);
                  return () -> chain.blocks(start, limit);
                }));
    router
        .get(PREFIX + "/blocks/:height")
        .handler(
            r.route(
                ctx -> {
                  long h = Params.height(ctx.pathParam("height"));
                  return () -> chain.block(h);
                }));
    router
        .get(PREFIX + "/blocks/:height/encoding")
        .handler(
            r.route(
                ctx -> {
                  long h = Params.height(ctx.pathParam("height"));
                  return () -> chain.blockEncoding(h);
                }));
    router.get(PREFIX + "/validators").handler(r.route(ctx -> chain::validators));
    router.get(PREFIX + "/genesis").handler(r.route(ctx -> chain::genesis));
    router.get(PREFIX + "/elections").handler(r.route(ctx -> elections::list));
    router.get(PREFIX + "/elections/:id").handler(r.route(ctx -> idQuery(ctx, elections::detail)));
    router
        .get(PREFIX + "/elections/:id/manifest.bin")
        .handler(r.route(ctx -> idQuery(ctx, elections::manifestBytes)));
    router
        .get(PREFIX + "/elections/:id/turnout")
        .handler(
            r.route(
                ctx -> {
                  String id = Params.id(ctx.pathParam("id"));
                  String after = Params.after(ctx.queryParams().get("after"));
                  int limit = Params.pageLimit(ctx.queryParams().get("limit"));
                  return () -> elections.turnout(id, after, limit);
                }));
    router
        .get(PREFIX + "/elections/:id/trustees")
        .handler(r.route(ctx -> idQuery(ctx, elections::trustees)));
    router
        .get(PREFIX + "/elections/:id/ballots/:trackingCode")
        .handler(
            r.route(
                ctx -> {
                  String id = Params.id(ctx.pathParam("id"));
                  var code = Params.hash(ctx.pathParam("trackingCode"));
                  return () -> elections.ballot(id, code);
                }));
    router
        .get(PREFIX + "/elections/:id/results/nist")
        .handler(r.route(ctx -> idQuery(ctx, nist::results)));
    RecordExport record = new RecordExport(node, contracts, ledger, workers);
    router.get(PREFIX + "/elections/:id/record").handler(record::handle);
    router
        .get(PREFIX + "/devices")
        .handler(
            r.route(
                ctx -> {
                  String after = Params.after(ctx.queryParams().get("after"));
                  int limit = Params.pageLimit(ctx.queryParams().get("limit"));
                  return () -> devices.list(after, limit);
                }));
    router.get(PREFIX + "/devices/:id").handler(r.route(ctx -> idQuery(ctx, devices::device)));
    EvidenceQueries evidence = new EvidenceQueries(node.genesis(), ledger);
    router.get(PREFIX + "/evidence").handler(r.route(ctx -> evidence::list));
    router
        .get(PREFIX + "/evidence/:hash")
        .handler(r.route(ctx -> hashQuery(ctx, "hash", evidence::one)));
    router.get(PREFIX + "/events").handler(events::handle);
    router
        .get(PREFIX + "/openapi.json")
        .handler(
            ctx ->
                ctx.response().putHeader("content-type", "application/json").end(openApi.copy()));

    router.errorHandler(404, ctx -> notFound(ctx, ApiError.NOT_FOUND));
    router.errorHandler(405, ctx -> notFound(ctx, ApiError.METHOD_NOT_ALLOWED));

    node.onCommitted(events::committed);
    events.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    if (events != null) {
      events.stop();
    }
    return workers == null ? Future.succeededFuture() : workers.close();
  }

  private static java.util.concurrent.Callable<Reply> idQuery(
      RoutingContext ctx, java.util.function.Function<String, Reply> query) {
    String id = Params.id(ctx.pathParam("id"));
    return () -> query.apply(id);
  }

  private static java.util.concurrent.Callable<Reply> hashQuery(
      RoutingContext ctx,
      String param,
      java.util.function.Function<io.votechain.crypto.hash.Hash32, Reply> query) {
    var hash = Params.hash(ctx.pathParam(param));
    return () -> query.apply(hash);
  }

  private static void rateLimit(RoutingContext ctx, RateLimiter limiter) {
    SocketAddress remote = ctx.request().remoteAddress();
    String client = remote == null || remote.hostAddress() == null ? "?" : remote.hostAddress();
    RateLimiter.Decision d = limiter.acquire(client);
    if (d.allowed()) {
      ctx.next();
    } else {
      ctx.response().putHeader("retry-after", Long.toString(d.retryAfterSeconds()));
      Responder.error(ctx, new ApiException(ApiError.RATE_LIMITED));
    }
  }

  /** Unknown routes: JSON under the API's prefix; elsewhere (the web UI's pages) plain text. */
  private static void notFound(RoutingContext ctx, ApiError error) {
    if (ctx.normalizedPath().startsWith("/api/")) {
      Responder.error(ctx, new ApiException(error));
    } else {
      ctx.response()
          .setStatusCode(error.httpStatus())
          .putHeader("content-type", "text/plain; charset=utf-8")
          .end(error.httpStatus() == 404 ? "Not Found" : "Method Not Allowed");
    }
  }

  /** Failures raised by Vert.x itself (body too large, ...) become the API's JSON errors. */
  private static void failure(RoutingContext ctx) {
    if (ctx.failure() instanceof ApiException api) {
      Responder.error(ctx, api);
      return;
    }
    int status = ctx.statusCode();
    ApiError error =
        switch (status) {
          case 413 -> ApiError.BODY_TOO_LARGE;
          case 404 -> ApiError.NOT_FOUND;
          case 405 -> ApiError.METHOD_NOT_ALLOWED;
          case 400 -> ApiError.INVALID_QUERY;
          default -> ApiError.INTERNAL_ERROR;
        };
    Responder.error(ctx, new ApiException(error));
  }

  private void submit(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    byte[] tx = body == null ? new byte[0] : body.getBytes();
    // The id after the check: the check decodes the transaction (on a worker) and the node keeps
    // the decoding, so the event loop never decodes a ballot itself.
    node.submit(tx)
        .onSuccess(admission -> admitted(ctx, node.transactionId(tx).hex(), admission))
        .onFailure(
            e -> {
              if (e instanceof ValidatorNode.TransactionRejected rejected) {
                Responder.error(ctx, rejection(rejected.code()));
              } else {
                Responder.fail(ctx, e);
              }
            });
  }

  private static void admitted(RoutingContext ctx, String id, Admission admission) {
    ApiException error =
        switch (admission) {
          case ACCEPTED, DUPLICATE -> null;
          case ALREADY_COMMITTED -> new ApiException(ApiError.ALREADY_COMMITTED);
          case TOO_LARGE -> rejection(ErrorCode.TRANSACTION_TOO_LARGE.name());
          case SENDER_LIMIT -> new ApiException(ApiError.SENDER_LIMIT);
          case MEMPOOL_FULL -> new ApiException(ApiError.MEMPOOL_FULL);
        };
    if (error == null) {
      Responder.json(ctx, 202, new JsonObject().put("id", id).put("admission", admission.name()));
    } else {
      Responder.json(
          ctx,
          error.httpStatus(),
          new JsonObject()
              .put("error", error.code())
              .put("message", error.getMessage())
              .put("id", id)
              .put("admission", admission.name()));
    }
  }

  /** A state machine's refusal: the contracts' code with its own status and meaning. */
  static ApiException rejection(String code) {
    try {
      ErrorCode c = ErrorCode.valueOf(code);
      return new ApiException(c.name(), c.httpStatus(), c.meaning());
    } catch (IllegalArgumentException e) {
      // a state machine other than the contracts (the notary) has codes of its own
      return new ApiException(code, 400, "the state machine refused the transaction");
    }
  }

  /**
   * The largest body {@code POST /transactions} reads: the contracts refuse anything above {@link
   * io.votechain.tx.TxKind#MAX_SIZE} before parsing, so more is never worth reading; a chain
   * without the contracts takes what its mempool takes.
   */
  static int bodyLimit(boolean contracts) {
    return contracts
        ? io.votechain.tx.TxKind.MAX_SIZE
        : MempoolLimits.defaults().maxTransactionBytes();
  }

  /** The contracts' genesis (chain id, authority), which the election record starts with. */
  private static java.util.Optional<io.votechain.contract.GenesisConfig> readContracts(
      NodeContext node) {
    try {
      return io.votechain.node.GenesisFile.readContracts(node.config().genesisFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readResource(String name) {
    try (InputStream in = PublicApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

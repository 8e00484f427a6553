package io.votechain.web.standalone;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.sstore.SessionStore;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.node.NodeConfig;
import io.votechain.web.WebUi;
import io.votechain.web.session.SessionStores;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web UI on its own, against any node's public API (docs/web-ui.md §6): the same pages as in a
 * validator ({@link WebUi}), on this process's own Vert.x server, reading the ledger through {@link
 * HttpLedger}.
 *
 * <p>Start-up, as an operator would want it: a bad command line stops at once (exit status 2,
 * {@code STANDALONE_*} code); a node that does not answer yet is retried with a growing pause and a
 * log line each time (a UI started before its node, or while the node restarts, comes up by
 * itself); a node that answers with another chain than the pinned one, or with a genesis that does
 * not verify, stops the process (exit status 3, {@code NODE_*} code), because retrying cannot fix a
 * wrong address.
 */
public final class StandaloneWebUi implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(StandaloneWebUi.class.getName());
  static final long FIRST_CONNECT_RETRY_MILLIS = 1_000;
  static final long MAX_CONNECT_RETRY_MILLIS = 30_000;

  private final Vertx vertx;
  private final HttpLedger ledger;
  private final WebUi ui;
  private final HttpServer server;
  private final SessionStore sessions;

  private StandaloneWebUi(
      Vertx vertx, HttpLedger ledger, WebUi ui, HttpServer server, SessionStore sessions) {
    this.sessions = sessions;
    this.vertx = vertx;
    this.ledger = ledger;
    this.ui = ui;
    this.server = server;
  }

  public static void main(String[] args) {
    StandaloneOptions options;
    try {
      options = StandaloneOptions.parse(args);
    } catch (StandaloneOptions.Invalid e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      StandaloneWebUi ui = start(options);
      Runtime.getRuntime().addShutdownHook(new Thread(ui::close, "votechain-web-ui-stop"));
      System.out.println(
          "votechain web UI on http://"
              + options.host()
              + ":"
              + ui.port()
              + "/ reading "
              + options.node()
              + " (chain "
              + ui.ledger().consensusChainId().hex()
              + ")");
    } catch (NodeAnswerException e) {
      System.err.println(e.getMessage());
      System.exit(3);
    }
  }

  /**
   * Connects to the node (retrying while it does not answer), mounts the pages and listens.
   * Blocking; throws {@link NodeAnswerException} when the node answers something that does not
   * verify.
   */
  public static StandaloneWebUi start(StandaloneOptions options) {
    Vertx vertx = Vertx.vertx();
    try {
      HttpLedger ledger = connect(vertx, options);
      Router router = Router.router(vertx);
      new ApiPassThrough(ledger.api()).mount(router);
      // Officials stay signed in across a restart of the UI, as in a validator (docs/web-ui.md
      // §2.2); without web.sessionsDir the records go to ./web-sessions.
      SessionStore sessions =
          SessionStores.fromConfig(vertx, options.web(), Path.of("web-sessions"));
      WebUi ui =
          WebUi.mount(
              vertx,
              router,
              ledger,
              withCheckedValidators(options.web(), ledger.genesis().orElseThrow()),
              sessions);
      router.route().failureHandler(ctx -> failed(ui, ctx));
      HttpServer server =
          vertx
              // Idle keep-alive connections are closed as the node's are (docs/node.md §2).
              .createHttpServer(
                  new HttpServerOptions()
                      .setIdleTimeout(NodeConfig.DEFAULT_HTTP_IDLE_TIMEOUT_SECONDS)
                      .setIdleTimeoutUnit(TimeUnit.SECONDS))
              .requestHandler(router)
              .listen(options.port(), options.host())
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      LOG.info(
          "web UI listening on "
              + options.host()
              + ":"
              + server.actualPort()
              + ", node "
              + options.node());
      return new StandaloneWebUi(vertx, ledger, ui, server, sessions);
    } catch (NodeAnswerException e) {
      vertx.close();
      throw e;
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the web UI did not start: " + e.getMessage(), e);
    }
  }

  private static HttpLedger connect(Vertx vertx, StandaloneOptions options) {
    long wait = FIRST_CONNECT_RETRY_MILLIS;
    while (true) {
      try {
        HttpLedger ledger = HttpLedger.connect(vertx, options.node(), options.pinnedChainId());
        LOG.info("node " + options.node() + " serves chain " + ledger.consensusChainId().hex());
        return ledger;
      } catch (NodeAnswerException e) {
        if (e.error() != NodeAnswerError.NODE_UNAVAILABLE
            && e.error() != NodeAnswerError.NODE_RATE_LIMITED) {
          throw e;
        }
        LOG.warning(e.getMessage() + "; retrying in " + wait + " ms");
        try {
          Thread.sleep(wait);
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          throw e;
        }
        wait = Math.min(wait * 2, MAX_CONNECT_RETRY_MILLIS);
      }
    }
  }

  /**
   * The {@code web} section with the checked genesis's validators pinned for the voters' check page
   * ({@code validators}, {@code consensusChainId}: docs/web-voting.md §5), unless the operator
   * pinned some: the browser then verifies certificates against the genesis this UI checked (and
   * the operator's pin, if given), not against the keys the node's {@code /api/v1/validators}
   * reports.
   */
  static JsonObject withCheckedValidators(JsonObject web, Genesis genesis) {
    JsonObject out = web.copy();
    if (!out.containsKey("validators") && !out.containsKey("consensusChainId")) {
      JsonArray keys = new JsonArray();
      genesis.validators().forEach(v -> keys.add(HexFormat.of().formatHex(v.key().encoded())));
      out.put("validators", keys).put("consensusChainId", genesis.hash().hex());
    }
    return out;
  }

  /** A page whose node answer was refused says so in words (502/503), the log says the code. */
  private static void failed(WebUi ui, RoutingContext ctx) {
    Throwable f = ctx.failure();
    while (f != null && !(f instanceof NodeAnswerException)) {
      f = f.getCause();
    }
    if (f instanceof NodeAnswerException refused) {
      LOG.warning(ctx.request().path() + ": " + refused.getMessage());
      boolean down =
          refused.error() == NodeAnswerError.NODE_UNAVAILABLE
              || refused.error() == NodeAnswerError.NODE_RATE_LIMITED;
      ui.context()
          .render(
              ctx,
              down ? 503 : 502,
              "layout/refused",
              Map.of("reason", down ? "refused.nodeUnavailable" : "refused.nodeUntrusted"));
      return;
    }
    if (ctx.failure() != null) {
      LOG.log(Level.WARNING, ctx.request().path() + " failed", ctx.failure());
    }
    ctx.next();
  }

  /** The port the pages are served on. */
  public int port() {
    return server.actualPort();
  }

  public HttpLedger ledger() {
    return ledger;
  }

  /** The mounted pages (tests reach the groups' state through it). */
  public WebUi ui() {
    return ui;
  }

  @Override
  public void close() {
    ui.stop();
    ledger.close();
    try {
      SessionStores.close(sessions)
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "sessions were not all written", e);
    }
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "web UI did not stop cleanly", e);
    }
  }
}

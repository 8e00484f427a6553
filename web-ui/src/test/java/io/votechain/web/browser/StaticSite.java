package io.votechain.web.browser;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A loopback HTTP server for browser tests of the bundled scripts alone: {@code /static/**} from
 * the class path (where build.mjs writes the bundles) and an empty page at {@code /blank}, so that
 * a test can {@code import('/static/js/crypto.entry.js')} from a real origin (ES modules do not
 * load from file URLs). Close it after the test class.
 */
public final class StaticSite implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  public StaticSite() throws Exception {
    Router router = Router.router(vertx);
    router
        .get("/blank")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(
                        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<title>test</title></head><body><main></main></body></html>"));
    router.route("/static/*").handler(StaticHandler.create("static").setCachingEnabled(false));
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String origin() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing Vert.x", e);
    }
  }
}

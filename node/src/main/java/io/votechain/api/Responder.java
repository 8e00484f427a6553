package io.votechain.api;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a route's ledger reads on the API's worker pool and writes the answer back on the request's
 * event loop; turns every failure into a JSON error body {@code {"error": CODE, "message": ...}}
 * (docs/api.md §3). An unexpected exception is logged and answered {@code INTERNAL_ERROR}, never
 * with its text.
 */
final class Responder {
  private static final Logger LOG = Logger.getLogger(Responder.class.getName());

  private final WorkerExecutor workers;

  Responder(WorkerExecutor workers) {
    this.workers = workers;
  }

  /** A handler that checks its parameters on the event loop, then answers with {@code query}. */
  Handler<RoutingContext> route(Route route) {
    return ctx -> {
      Callable<Reply> query;
      try {
        query = route.prepare(ctx);
      } catch (ApiException e) {
        error(ctx, e);
        return;
      }
      workers
          .executeBlocking(query, false)
          .onSuccess(reply -> write(ctx, reply))
          .onFailure(e -> fail(ctx, e));
    };
  }

  /** Parameter checks (on the event loop), returning the blocking part of the route. */
  @FunctionalInterface
  interface Route {
    Callable<Reply> prepare(RoutingContext ctx);
  }

  static void write(RoutingContext ctx, Reply reply) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (reply instanceof Reply.Json json) {
      json(ctx, json.status(), json.body());
    } else if (reply instanceof Reply.Bytes bytes) {
      bytes.headers().forEach(ctx.response()::putHeader);
      ctx.response()
          .putHeader("content-type", bytes.contentType())
          .end(Buffer.buffer(bytes.body()));
    }
  }

  static void fail(RoutingContext ctx, Throwable e) {
    if (e instanceof ApiException api) {
      error(ctx, api);
    } else {
      LOG.log(Level.WARNING, "API route " + ctx.normalizedPath() + " failed", e);
      error(ctx, new ApiException(ApiError.INTERNAL_ERROR));
    }
  }

  static void error(RoutingContext ctx, ApiException e) {
    json(
        ctx,
        e.httpStatus(),
        new JsonObject().put("error", e.code()).put("message", e.getMessage()));
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }
}

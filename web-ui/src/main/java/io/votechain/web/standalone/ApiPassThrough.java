package io.votechain.web.standalone;

import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * Serves the node's public API reads under this UI's own origin: the pages' scripts and links read
 * {@code /api/v1/...} from the origin they came from (the ballot check, the live turnout's event
 * stream, the election record and results downloads; the Content-Security-Policy allows no other
 * origin), so the standalone UI passes {@code GET /api/v1/*} on to its node and streams the answer
 * back, event streams and records included. Only reads pass: writes go through the pages (CSRF,
 * sessions). Nothing of the browser's request but the path, the query and {@code accept} is sent
 * on, so the UI's session cookie never reaches the node. What passes is the node's word, checked
 * where it matters by the browser itself (the check page verifies the inclusion proof and the
 * certificate, docs/web-voting.md).
 */
final class ApiPassThrough {
  /** Answer headers worth passing back; hop-by-hop and cookie headers are not. */
  private static final Set<String> HEADERS =
      Set.of(
          "content-type",
          "content-disposition",
          "retry-after",
          "x-votechain-height",
          "x-votechain-state-hash");

  private final NodeApi api;

  ApiPassThrough(NodeApi api) {
    this.api = api;
  }

  void mount(Router router) {
    router.get("/api/v1/*").handler(this::passOn);
  }

  private void passOn(RoutingContext ctx) {
    HttpServerResponse out = ctx.response();
    api.passOn(
            ctx.request().uri(), ctx.request().getHeader("accept"), EventFeed.IDLE_TIMEOUT_MILLIS)
        .onSuccess(in -> pipe(in, out))
        .onFailure(
            e ->
                out.setStatusCode(503)
                    .putHeader("content-type", "application/json")
                    .end(
                        "{\"error\":\"NODE_UNAVAILABLE\",\"message\":\""
                            + NodeAnswerError.NODE_UNAVAILABLE.meaning()
                            + "\"}"));
  }

  private static void pipe(HttpClientResponse in, HttpServerResponse out) {
    out.setStatusCode(in.statusCode()).setChunked(true);
    in.headers()
        .forEach(
            h -> {
              if (HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.putHeader(h.getKey(), h.getValue());
              }
            });
    // A browser that goes away closes its answer: close the node's too (an event stream would
    // otherwise stay open on the node until its next keep-alive fails).
    in.pipeTo(out).onFailure(e -> in.request().connection().close());
  }
}

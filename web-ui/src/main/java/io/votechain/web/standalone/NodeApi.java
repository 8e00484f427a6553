package io.votechain.web.standalone;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP to one node's public API (docs/api.md) with Vert.x's HTTP client. Requests start on an
 * event-loop context of their own, so a caller on a worker thread ({@link
 * io.votechain.web.WebContext#blocking}) may wait for the answer ({@link #get}) without ever
 * blocking the loop that completes it; waiting on an event loop is refused. A {@code 429} is waited
 * out (its {@code Retry-After}, a few times) because one standalone UI is one client of the node's
 * per-address rate limit for all its users. Thread safe.
 */
final class NodeApi implements AutoCloseable {
  /** Longest a blocking read waits for its answer (generous: a large block over a slow link). */
  static final long ANSWER_TIMEOUT_MILLIS = 30_000;

  /** As many as a node serves event streams by default (docs/api.md §2.5). */
  static final int PASS_THROUGH_CONNECTIONS = 256;

  private static final int RATE_LIMIT_RETRIES = 5;
  private static final long MAX_RETRY_AFTER_MILLIS = 5_000;

  private final URI base;
  private final String prefix;
  private final boolean https;
  private final int port;
  private final HttpClientAgent client;

  /**
   * For the browsers' reads passed through to the node ({@link ApiPassThrough}): a pool of its own,
   * because event streams hold their connection open and must not starve the pages' reads.
   */
  private final HttpClientAgent passThrough;

  private final Context io;

  /** A node's answer: status, headers, body. */
  record Answer(int status, MultiMap headers, byte[] body) {
    Answer {
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  NodeApi(Vertx vertx, URI base) {
    this.base = base;
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    this.prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.https = "https".equals(base.getScheme());
    this.port = base.getPort() >= 0 ? base.getPort() : https ? 443 : 80;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(https)
                .setConnectTimeout(5_000)
                .setKeepAlive(true)
                .setDefaultHost(base.getHost())
                .setDefaultPort(port),
            new PoolOptions().setHttp1MaxSize(16));
    this.passThrough =
        vertx.createHttpClient(
            new HttpClientOptions().setSsl(https).setConnectTimeout(5_000).setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(PASS_THROUGH_CONNECTIONS));
    this.io = vertx.getOrCreateContext();
  }

  URI base() {
    return base;
  }

  /** Where a request for API path {@code path} goes. */
  RequestOptions options(HttpMethod method, String path) {
    return new RequestOptions()
        .setMethod(method)
        .setHost(base.getHost())
        .setPort(port)
        .setSsl(https)
        .setURI(prefix + path)
        .setIdleTimeout(ANSWER_TIMEOUT_MILLIS);
  }

  /** Sends a request and reads the whole answer, on this API's own context. */
  Future<Answer> send(HttpMethod method, String path, byte[] body) {
    Promise<Answer> answer = Promise.promise();
    io.runOnContext(
        v ->
            client
                .request(options(method, path))
                .compose(
                    req -> {
                      if (body != null) {
                        req.putHeader("content-type", "application/octet-stream");
                        return req.send(Buffer.buffer(body));
                      }
                      return req.send();
                    })
                .compose(
                    resp ->
                        resp.body()
                            .map(b -> new Answer(resp.statusCode(), resp.headers(), b.getBytes())))
                .onComplete(answer));
    return answer.future();
  }

  /** Opens a streaming {@code GET} (the event stream): the response, unread. */
  Future<HttpClientResponse> stream(String path, long idleTimeoutMillis) {
    Promise<HttpClientResponse> response = Promise.promise();
    io.runOnContext(
        v ->
            client
                .request(options(HttpMethod.GET, path).setIdleTimeout(idleTimeoutMillis))
                .compose(req -> req.putHeader("accept", "text/event-stream").send())
                .onComplete(response));
    return response.future();
  }

  /**
   * A browser's {@code GET} of {@code uri} (path and query, under {@code /api/v1/}) sent on to the
   * node, with only the {@code accept} header: the UI's cookies never reach the node. Called on an
   * event loop; the response is unread, for piping.
   */
  Future<HttpClientResponse> passOn(String uri, String accept, long idleTimeoutMillis) {
    return passThrough
        .request(options(HttpMethod.GET, uri).setIdleTimeout(idleTimeoutMillis))
        .compose(
            req -> {
              if (accept != null) {
                req.putHeader("accept", accept);
              }
              return req.send();
            });
  }

  /**
   * A blocking {@code GET} for worker threads; waits out {@code 429}; a failure to connect, a
   * timeout or a {@code 5xx} other than the documented ones is {@code NODE_UNAVAILABLE}.
   */
  Answer get(String path) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("a blocking node read on an event loop: " + path);
    }
    for (int attempt = 0; ; attempt++) {
      Answer a = await(send(HttpMethod.GET, path, null), path);
      if (a.status() != 429) {
        if (a.status() == 500 || a.status() == 502 || a.status() == 504) {
          throw new NodeAnswerException(
              NodeAnswerError.NODE_UNAVAILABLE, "GET " + path + " answered " + a.status());
        }
        return a;
      }
      if (attempt == RATE_LIMIT_RETRIES) {
        throw new NodeAnswerException(NodeAnswerError.NODE_RATE_LIMITED, "GET " + path);
      }
      sleep(retryAfterMillis(a.headers().get("retry-after")));
    }
  }

  /** {@code Retry-After} in whole seconds, bounded; 1 s when absent or unreadable. */
  static long retryAfterMillis(String header) {
    try {
      long seconds = Long.parseLong(header == null ? "1" : header.trim());
      return Math.min(Math.max(seconds, 1) * 1000, MAX_RETRY_AFTER_MILLIS);
    } catch (NumberFormatException e) {
      return 1000;
    }
  }

  private static Answer await(Future<Answer> answer, String path) {
    CompletableFuture<Answer> f = answer.toCompletionStage().toCompletableFuture();
    try {
      return f.get(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeAnswerException(NodeAnswerError.NODE_UNAVAILABLE, "GET " + path, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new NodeAnswerException(
          NodeAnswerError.NODE_UNAVAILABLE,
          "GET " + path,
          e instanceof ExecutionException ? e.getCause() : e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeAnswerException(NodeAnswerError.NODE_UNAVAILABLE, "interrupted");
    }
  }

  @Override
  public void close() {
    passThrough.close();
    client.close();
  }
}

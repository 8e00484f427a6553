package io.votechain.web.standalone;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows a node's committed blocks over its event stream ({@code GET /api/v1/events}, docs/api.md
 * §2.5) and calls back with each {@code block} event's height, on an event loop. When the stream
 * fails, ends or goes silent (no byte, not even the keep-alive comment, for {@link
 * #IDLE_TIMEOUT_MILLIS}), it reconnects after a back-off that doubles from {@link
 * #FIRST_RETRY_MILLIS} to {@link #MAX_RETRY_MILLIS} and starts again from the first once a stream
 * is open. Blocks committed while it was away are not replayed by the node; {@link HttpLedger}
 * fills the gap from the next event's height.
 */
final class EventFeed {
  private static final Logger LOG = Logger.getLogger(EventFeed.class.getName());
  static final long FIRST_RETRY_MILLIS = 500;
  static final long MAX_RETRY_MILLIS = 30_000;

  /** Four of the node's 15 s keep-alive comments. */
  static final long IDLE_TIMEOUT_MILLIS = 60_000;

  private final Vertx vertx;
  private final NodeApi api;
  private final LongConsumer blockHeight;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile long retryMillis = FIRST_RETRY_MILLIS;
  private volatile HttpClientResponse current;
  private volatile boolean connected;

  EventFeed(Vertx vertx, NodeApi api, LongConsumer blockHeight) {
    this.vertx = vertx;
    this.api = api;
    this.blockHeight = blockHeight;
  }

  void start() {
    if (running.compareAndSet(false, true)) {
      connect();
    }
  }

  /** Whether a stream is open now (diagnostics, tests). */
  boolean connected() {
    return connected;
  }

  void stop() {
    running.set(false);
    HttpClientResponse r = current;
    if (r != null) {
      r.request().connection().close();
    }
  }

  /** Doubling back-off, capped. */
  static long nextRetry(long previous) {
    return Math.min(previous * 2, MAX_RETRY_MILLIS);
  }

  private void connect() {
    if (!running.get()) {
      return;
    }
    api.stream("/api/v1/events", IDLE_TIMEOUT_MILLIS)
        .onSuccess(
            response -> {
              if (response.statusCode() != 200) {
                response.end(); // drain and close this answer, then retry
                retry("the node answered " + response.statusCode());
                return;
              }
              current = response;
              connected = true;
              retryMillis = FIRST_RETRY_MILLIS;
              AtomicBoolean over = new AtomicBoolean();
              SseParser parser =
                  new SseParser(
                      event -> {
                        if (event.type().equals("block")) {
                          blockHeight.accept(ApiJson.blockEventHeight(event.data()));
                        }
                      });
              response.handler(
                  chunk -> {
                    try {
                      parser.feed(chunk.getBytes());
                    } catch (RuntimeException e) {
                      // A malformed event or an over-long line: this stream is not trusted further.
                      LOG.log(Level.WARNING, "event stream refused: " + e.getMessage());
                      response.request().connection().close();
                    }
                  });
              response.exceptionHandler(
                  e -> {
                    if (over.compareAndSet(false, true)) {
                      ended("failed: " + e.getMessage());
                    }
                  });
              response.endHandler(
                  v -> {
                    if (over.compareAndSet(false, true)) {
                      ended("ended");
                    }
                  });
            })
        .onFailure(e -> retry("could not connect: " + e.getMessage()));
  }

  private void ended(String why) {
    connected = false;
    current = null;
    retry(why);
  }

  private void retry(String why) {
    if (!running.get()) {
      return;
    }
    long wait = retryMillis;
    retryMillis = nextRetry(wait);
    LOG.info("event stream of " + api.base() + " " + why + "; reconnecting in " + wait + " ms");
    vertx.setTimer(wait, t -> connect());
  }
}

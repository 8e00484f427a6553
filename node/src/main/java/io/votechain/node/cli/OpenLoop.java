package io.votechain.node.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load run: offers transactions at a fixed rate, round robin over the validators' HTTP
 * APIs, follows the committed blocks of one validator, and measures submit-to-commit latency
 * (HdrHistogram). Open loop means a slow network does not slow the offered load, so queueing shows
 * up in the latency instead of hiding in a lower offered rate.
 */
final class OpenLoop {
  /** A transaction to offer and the id the validators' block listing shows for it. */
  record Offer(byte[] bytes, String id) {}

  record Report(
      long offered,
      long accepted,
      long refused,
      long unanswered,
      long committed,
      long notCommitted,
      double committedPerSecond,
      Histogram latencyMicros) {
    void print(String what, int rate, int validators) {
      System.out.printf(
          "offered %d %s at %d/s to %d validators%n", offered, what, rate, validators);
      System.out.printf(
          "accepted %d, refused %d, no answer %d, committed %d, not committed %d%n",
          accepted, refused, unanswered, committed, notCommitted);
      System.out.printf("committed throughput %.1f %s/s%n", committedPerSecond, what);
      System.out.printf(
          "submit-to-commit latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
          latencyMicros.getValueAtPercentile(50) / 1000.0,
          latencyMicros.getValueAtPercentile(95) / 1000.0,
          latencyMicros.getValueAtPercentile(99) / 1000.0,
          latencyMicros.getMaxValue() / 1000.0);
    }
  }

  /** A long run (the heap run's million ballots) says how far it is once a minute. */
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

  private OpenLoop() {}

  static Report run(List<String> urls, int rate, long total, IntFunction<Offer> offers)
      throws Exception {
    HttpClient client =
        // HTTP/1.1 with a connection pool: over one HTTP/2 connection (the client's default, by
        // upgrade) an open loop soon exceeds the server's concurrent-stream limit and fails.
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5))
            .build();
    Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    Histogram latencyMicros = new Histogram(120_000_000L, 3);
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    // Requests that failed or timed out on the client's side: the validator may still have taken
    // the transaction, so it stays in submittedAt and counts as committed if a block shows it.
    AtomicLong unanswered = new AtomicLong();
    long committed = 0;
    long startHeight = get(client, urls.get(0) + "/api/v1/status").getLong("height");
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    long periodNanos = 1_000_000_000L / rate;
    AtomicLong next = new AtomicLong();
    // Counted once in submittedAt, not when taken: an offer still being made (a streamed run's
    // encryption) must not let the run end before it is sent.
    AtomicLong sent = new AtomicLong();
    long t0 = System.nanoTime();
    AtomicLong lastSentNanos = new AtomicLong(t0);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    scheduler.scheduleAtFixedRate(
        () -> {
          long n = next.getAndIncrement();
          if (n >= total) {
            return;
          }
          Offer offer;
          try {
            offer = offers.apply((int) n);
          } catch (RuntimeException e) {
            // A failed task is never run again: without this the run would wait for it forever.
            failure.compareAndSet(null, e);
            return;
          }
          long now = System.nanoTime();
          lastSentNanos.set(now);
          submittedAt.put(offer.id(), now);
          sent.incrementAndGet();
          String url = urls.get((int) (n % urls.size()));
          client
              .sendAsync(
                  HttpRequest.newBuilder(URI.create(url + "/api/v1/transactions"))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(offer.bytes()))
                      .header("content-type", "application/octet-stream")
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (r, error) -> {
                    if (error != null) {
                      unanswered.incrementAndGet();
                    } else if (r.statusCode() == 202) {
                      accepted.incrementAndGet();
                    } else {
                      refused.incrementAndGet();
                      submittedAt.remove(offer.id());
                    }
                  });
        },
        0,
        periodNanos,
        TimeUnit.NANOSECONDS);
    long height = startHeight;
    long lastCommitNanos = t0;
    long nextProgressNanos = t0 + PROGRESS_EVERY_NANOS;
    // Its own client: the submissions' connections must not starve the follower's, and a poll
    // that fails (a saturated validator not accepting a connection in time) is retried rather
    // than ending the run.
    HttpClient follower =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5))
            .build();
    // A minute after the last offer, what is not committed counts as not committed. From the last
    // offer actually sent, not the schedule's end: offers made on demand (a streamed run's
    // encryption) may fall behind the schedule.
    while (failure.get() == null
        && (sent.get() < total
            || System.nanoTime() < lastSentNanos.get() + TimeUnit.SECONDS.toNanos(60))) {
      if (System.nanoTime() >= nextProgressNanos) {
        nextProgressNanos += PROGRESS_EVERY_NANOS;
        System.out.printf(
            "  %.0f s: offered %d, committed %d, waiting for %d%n",
            (System.nanoTime() - t0) / 1e9, sent.get(), committed, submittedAt.size());
      }
      long tip;
      try {
        tip = get(follower, urls.get(0) + "/api/v1/status").getLong("height");
      } catch (java.io.IOException e) {
        System.err.println("status poll failed (" + e + "); retrying");
        Thread.sleep(200);
        continue;
      }
      while (height < tip) {
        JsonArray ids;
        try {
          ids =
              get(follower, urls.get(0) + "/api/v1/blocks/" + (height + 1))
                  .getJsonArray("transactions");
        } catch (java.io.IOException e) {
          System.err.println("block poll failed (" + e + "); retrying");
          Thread.sleep(200);
          continue;
        }
        height++;
        long now = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
          Long at = submittedAt.remove(ids.getString(i));
          if (at != null) {
            latencyMicros.recordValue(Math.max(1, (now - at) / 1000));
            committed++;
            lastCommitNanos = now;
          }
        }
      }
      if (sent.get() >= total && submittedAt.isEmpty()) {
        break;
      }
      Thread.sleep(20);
    }
    scheduler.shutdownNow();
    if (failure.get() != null) {
      throw failure.get();
    }
    double elapsed = (lastCommitNanos - t0) / 1e9;
    return new Report(
        sent.get(),
        accepted.get(),
        refused.get(),
        unanswered.get(),
        committed,
        submittedAt.size(),
        committed / Math.max(elapsed, 1e-9),
        latencyMicros);
  }

  /**
   * The JSON body of a 200 answer. Any other answer (429 from the API's per-client rate limit, 503
   * from a busy store) is an {@link java.io.IOException}, which the polls above retry: read as a
   * body, it would end the run with a missing field.
   */
  static JsonObject get(HttpClient client, String url) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new java.io.IOException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }
}

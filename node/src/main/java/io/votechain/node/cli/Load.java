package io.votechain.node.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.crypto.hash.Sha256;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An open-loop load run against a running network: submits transactions at a fixed rate, round
 * robin over the validators' HTTP APIs, follows the committed blocks of one validator, and reports
 * committed transactions per second and submit-to-commit latency percentiles (HdrHistogram). Open
 * loop means a slow network does not slow the offered load, so queueing shows up in the latency.
 */
@Command(name = "load", description = "Offer transactions at a fixed rate and measure commits.")
final class Load implements Callable<Integer> {
  @Option(names = "--urls", required = true, split = ",", description = "Validators' HTTP URLs.")
  List<String> urls;

  @Option(names = "--rate", defaultValue = "100", description = "Transactions per second.")
  int rate;

  @Option(names = "--seconds", defaultValue = "30", description = "How long to offer load.")
  int seconds;

  @Option(names = "--size", defaultValue = "1500", description = "Bytes per transaction.")
  int size;

  @Override
  public Integer call() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    Histogram latencyMicros = new Histogram(60_000_000L, 3);
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong committed = new AtomicLong();
    long startHeight = status(client, urls.get(0)).getLong("height");
    long runId = System.nanoTime();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    long periodNanos = 1_000_000_000L / rate;
    long total = (long) rate * seconds;
    AtomicLong sent = new AtomicLong();
    long t0 = System.nanoTime();
    scheduler.scheduleAtFixedRate(
        () -> {
          long n = sent.getAndIncrement();
          if (n >= total) {
            return;
          }
          byte[] tx = new byte[size];
          ByteBuffer.wrap(tx).putLong(runId).putLong(n);
          String id = Sha256.hash(tx).hex();
          submittedAt.put(id, System.nanoTime());
          String url = urls.get((int) (n % urls.size()));
          client
              .sendAsync(
                  HttpRequest.newBuilder(URI.create(url + "/api/v1/transactions"))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(tx))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .thenAccept(
                  r -> {
                    if (r.statusCode() == 202) {
                      accepted.incrementAndGet();
                    } else {
                      refused.incrementAndGet();
                      submittedAt.remove(id);
                    }
                  });
        },
        0,
        periodNanos,
        TimeUnit.NANOSECONDS);
    long height = startHeight;
    long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds + 30L);
    long lastCommitNanos = t0;
    while (System.nanoTime() < deadline) {
      long tip = status(client, urls.get(0)).getLong("height");
      while (height < tip) {
        height++;
        JsonArray ids = block(client, urls.get(0), height).getJsonArray("transactions");
        long now = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
          Long at = submittedAt.remove(ids.getString(i));
          if (at != null) {
            latencyMicros.recordValue(Math.max(1, (now - at) / 1000));
            committed.incrementAndGet();
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
    double elapsed = (lastCommitNanos - t0) / 1e9;
    System.out.printf(
        "offered %d tx at %d/s for %d s (%d bytes each) to %d validators%n",
        Math.min(sent.get(), total), rate, seconds, size, urls.size());
    System.out.printf(
        "accepted %d, refused %d, committed %d, not committed %d%n",
        accepted.get(), refused.get(), committed.get(), submittedAt.size());
    System.out.printf(
        "committed throughput %.1f tx/s%n", committed.get() / Math.max(elapsed, 1e-9));
    System.out.printf(
        "submit-to-commit latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
        latencyMicros.getValueAtPercentile(50) / 1000.0,
        latencyMicros.getValueAtPercentile(95) / 1000.0,
        latencyMicros.getValueAtPercentile(99) / 1000.0,
        latencyMicros.getMaxValue() / 1000.0);
    return submittedAt.isEmpty() ? 0 : 1;
  }

  private static JsonObject status(HttpClient client, String url) throws Exception {
    return get(client, url + "/api/v1/status");
  }

  private static JsonObject block(HttpClient client, String url, long h) throws Exception {
    return get(client, url + "/api/v1/blocks/" + h);
  }

  private static JsonObject get(HttpClient client, String url) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body());
  }
}

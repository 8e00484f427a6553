package io.votechain.api;

import io.votechain.util.BoundedLruCache;
import java.util.function.LongSupplier;

/**
 * Per-client token buckets (docs/api.md §4): each client (remote IP address) has a bucket of {@code
 * burst} tokens refilled at {@code ratePerSecond}; a request takes one token, and a client with
 * none is told how many whole seconds until it has one. At most {@code maxClients} buckets are
 * kept, the least recently used forgotten first (a forgotten client starts again with a full
 * bucket, which costs at most one burst). Thread safe. The clock is injected so tests need no
 * sleeping.
 */
final class RateLimiter {
  /** The verdict for one request: allowed, or refused with the seconds to wait. */
  record Decision(boolean allowed, long retryAfterSeconds) {}

  private static final class Bucket {
    double tokens;
    long lastNanos;
  }

  private final double ratePerSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final BoundedLruCache<String, Bucket> buckets;

  RateLimiter(double ratePerSecond, int burst, int maxClients, LongSupplier nanoTime) {
    if (!(ratePerSecond > 0) || burst < 1 || maxClients < 1) {
      throw new IllegalArgumentException("rate, burst and clients must be positive");
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.buckets = new BoundedLruCache<>(maxClients);
  }

  synchronized Decision acquire(String client) {
    long now = nanoTime.getAsLong();
    Bucket b = buckets.get(client);
    if (b == null) {
      b = new Bucket();
      b.tokens = burst;
      b.lastNanos = now;
      buckets.put(client, b);
    } else {
      double elapsed = Math.max(0, now - b.lastNanos) / 1e9;
      b.tokens = Math.min(burst, b.tokens + elapsed * ratePerSecond);
      b.lastNanos = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return new Decision(true, 0);
    }
    long wait = (long) Math.ceil((1 - b.tokens) / ratePerSecond);
    return new Decision(false, Math.max(1, wait));
  }
}

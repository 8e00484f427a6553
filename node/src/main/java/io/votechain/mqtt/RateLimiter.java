package io.votechain.mqtt;

import io.votechain.util.BoundedLruCache;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per device, for the last {@code maxDevices} devices seen (least recently
 * used evicted, so a stream of invented device ids cannot grow memory without bound). Not thread
 * safe: used on the gateway's event loop.
 */
final class RateLimiter {
  private final double perSecond;
  private final int burst;
  private final LongSupplier nanoClock;
  private final BoundedLruCache<String, TokenBucket> buckets;

  RateLimiter(double perSecond, int burst, int maxDevices, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
    this.buckets = new BoundedLruCache<>(maxDevices);
  }

  boolean tryAcquire(String deviceId) {
    return buckets
        .computeIfAbsent(deviceId, d -> new TokenBucket(perSecond, burst, nanoClock))
        .tryTake();
  }
}

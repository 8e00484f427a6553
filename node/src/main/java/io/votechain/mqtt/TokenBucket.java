package io.votechain.mqtt;

import java.util.function.LongSupplier;

/**
 * A token bucket (docs/mqtt.md §8): {@code burst} tokens, refilled at {@code perSecond}; each
 * message takes one. Time comes from an injected nanosecond clock so tests need no sleeping. Not
 * thread safe: the gateway uses it on its event loop only.
 */
final class TokenBucket {
  private final double perNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private double tokens;
  private long last;

  TokenBucket(double perSecond, int burst, LongSupplier nanoClock) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.nanoClock = nanoClock;
    this.tokens = burst;
    this.last = nanoClock.getAsLong();
  }

  /** Takes a token if there is one. */
  boolean tryTake() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(burst, tokens + Math.max(0, now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}

package io.votechain.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void burstIsAllowedThenRefusedWithTheSecondsUntilTheNextToken() {
    RateLimiter limiter = new RateLimiter(0.5, 3, 100, now::get);
    for (int i = 0; i < 3; i++) {
      assertTrue(limiter.acquire("a").allowed());
    }
    RateLimiter.Decision refused = limiter.acquire("a");
    assertFalse(refused.allowed());
    assertEquals(2, refused.retryAfterSeconds());
  }

  @Test
  void tokensComeBackAtTheConfiguredRate() {
    RateLimiter limiter = new RateLimiter(2, 1, 100, now::get);
    assertTrue(limiter.acquire("a").allowed());
    assertFalse(limiter.acquire("a").allowed());
    now.addAndGet(400_000_000L); // 0.4 s: 0.8 token
    assertFalse(limiter.acquire("a").allowed());
    now.addAndGet(100_000_000L); // 0.5 s in all: one token
    assertTrue(limiter.acquire("a").allowed());
  }

  @Test
  void clientsHaveTheirOwnBuckets() {
    RateLimiter limiter = new RateLimiter(1, 1, 100, now::get);
    assertTrue(limiter.acquire("a").allowed());
    assertFalse(limiter.acquire("a").allowed());
    assertTrue(limiter.acquire("b").allowed());
  }

  @Test
  void bucketNeverHoldsMoreThanTheBurst() {
    RateLimiter limiter = new RateLimiter(100, 2, 100, now::get);
    limiter.acquire("a");
    now.addAndGet(3_600_000_000_000L);
    assertTrue(limiter.acquire("a").allowed());
    assertTrue(limiter.acquire("a").allowed());
    assertFalse(limiter.acquire("a").allowed());
  }

  @Test
  void forgottenClientsAreTheLeastRecentlySeen() {
    RateLimiter limiter = new RateLimiter(0.001, 1, 2, now::get);
    limiter.acquire("a");
    limiter.acquire("b");
    limiter.acquire("a"); // a is now the most recent
    limiter.acquire("c"); // forgets b
    assertFalse(limiter.acquire("a").allowed());
    assertTrue(limiter.acquire("b").allowed());
  }

  @Test
  void nonsensicalSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, 1, now::get));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, 0, 1, now::get));
  }
}

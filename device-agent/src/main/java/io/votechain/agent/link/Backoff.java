package io.votechain.agent.link;

import java.util.Random;

/**
 * Exponential back-off with "full jitter": the n-th consecutive failure waits a uniformly random
 * time in {@code [0, min(cap, base · 2^n))}. The jitter spreads the reconnects of a whole polling
 * station's kiosks (or a simulated fleet) after a node comes back, instead of having them hammer it
 * in lock-step. The random source is injected, so tests replay a seed. Not thread safe.
 */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final Random random;
  private int failures;

  public Backoff(long baseMillis, long capMillis, Random random) {
    if (baseMillis < 1 || capMillis < baseMillis) {
      throw new IllegalArgumentException("need 1 <= base <= cap");
    }
    this.baseMillis = baseMillis;
    this.capMillis = capMillis;
    this.random = random;
  }

  /** The delay before the next attempt after one more failure. */
  public long nextDelayMillis() {
    long ceiling = ceilingMillis(failures);
    failures = Math.min(failures + 1, 62);
    return (long) (random.nextDouble() * ceiling);
  }

  /** The upper bound of the delay after {@code failures} earlier consecutive failures. */
  public long ceilingMillis(int failures) {
    if (failures >= 62 || baseMillis << failures > capMillis || baseMillis << failures <= 0) {
      return capMillis;
    }
    return Math.min(capMillis, baseMillis << failures);
  }

  /** A success: the next failure starts from the base again. */
  public void reset() {
    failures = 0;
  }

  public int failures() {
    return failures;
  }
}

package io.votechain.agent.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void theCeilingDoublesUpToTheCap() {
    Backoff b = new Backoff(100, 1_000, new Random(1));
    assertEquals(
        List.of(100L, 200L, 400L, 800L, 1_000L, 1_000L),
        List.of(
            b.ceilingMillis(0),
            b.ceilingMillis(1),
            b.ceilingMillis(2),
            b.ceilingMillis(3),
            b.ceilingMillis(4),
            b.ceilingMillis(70)));
  }

  @Test
  void delaysStayBelowTheirCeilingAndDependOnlyOnTheSeed() {
    Backoff one = new Backoff(100, 10_000, new Random(7));
    Backoff two = new Backoff(100, 10_000, new Random(7));
    List<Long> first = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long d = one.nextDelayMillis();
      assertTrue(d >= 0 && d < one.ceilingMillis(i), "attempt " + i + ": " + d);
      first.add(d);
      assertEquals(d, two.nextDelayMillis());
    }
    assertTrue(first.stream().distinct().count() > 5, "jitter spreads the delays");
  }

  @Test
  void aSuccessStartsOverFromTheBase() {
    Backoff b = new Backoff(100, 10_000, new Random(3));
    for (int i = 0; i < 5; i++) {
      b.nextDelayMillis();
    }
    b.reset();
    assertTrue(b.nextDelayMillis() < 100);
  }
}

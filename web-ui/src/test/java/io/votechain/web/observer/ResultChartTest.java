package io.votechain.web.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultChartTest {
  @Test
  void theLargestCountFillsTheBarAreaAndSharesAreWholePerCent() {
    ResultChart c = ResultChart.of("Mayor", List.of("Alice", "Bob", "Carol"), List.of(6L, 3L, 0L));
    assertEquals(ResultChart.BAR_AREA, c.bars().get(0).length());
    assertEquals(ResultChart.BAR_AREA / 2, c.bars().get(1).length());
    assertEquals(0, c.bars().get(2).length());
    assertEquals(List.of(66L, 33L, 0L), c.bars().stream().map(ResultChart.Bar::percent).toList());
    assertEquals(ResultChart.ROW, c.bars().get(1).y());
  }

  @Test
  void noVotesDrawsNoBars() {
    ResultChart c = ResultChart.of("Mayor", List.of("Alice", "Bob"), List.of(0L, 0L));
    assertEquals(0, c.bars().get(0).length());
    assertEquals(0, c.bars().get(0).percent());
  }

  @Test
  void labelsAndCountsMustMatch() {
    assertThrows(
        IllegalArgumentException.class, () -> ResultChart.of("x", List.of("a"), List.of()));
  }
}

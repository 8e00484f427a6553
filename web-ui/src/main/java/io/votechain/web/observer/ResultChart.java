package io.votechain.web.observer;

import java.util.List;

/**
 * A horizontal bar chart of one contest's result, as data for the SVG the template draws: readable
 * without JavaScript, and every bar carries its label and number as text, so no information is in
 * the bar's length or colour alone. Immutable.
 */
public record ResultChart(String title, List<Bar> bars, int width, int height) {
  static final int LABEL_WIDTH = 200;
  static final int BAR_AREA = 360;
  static final int ROW = 32;

  public ResultChart {
    bars = List.copyOf(bars);
  }

  /** One choice: its label, its count, its share in whole per cent, and the bar's geometry. */
  public record Bar(String label, long count, long percent, int y, int length) {}

  /**
   * Lays out {@code counts} (same order as {@code labels}) with the largest count at full width.
   */
  public static ResultChart of(String title, List<String> labels, List<Long> counts) {
    if (labels.size() != counts.size()) {
      throw new IllegalArgumentException("one count per label");
    }
    long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
    long total = counts.stream().mapToLong(Long::longValue).sum();
    List<Bar> bars = new java.util.ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      long c = counts.get(i);
      bars.add(
          new Bar(
              labels.get(i),
              c,
              total == 0 ? 0 : c * 100 / total,
              i * ROW,
              max == 0 ? 0 : (int) (c * BAR_AREA / max)));
    }
    return new ResultChart(title, bars, LABEL_WIDTH + BAR_AREA + 120, labels.size() * ROW + 8);
  }
}

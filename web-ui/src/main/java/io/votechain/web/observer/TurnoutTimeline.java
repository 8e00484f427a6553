package io.votechain.web.observer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Ballots per time interval, as data for the column chart the template draws in SVG (docs/web-ui.md
 * §4.1): the voting window from its start to the latest block (or the window's end, if earlier) cut
 * into {@link #INTERVALS} equal intervals, each column labelled with its count as text, so nothing
 * is told by a column's height alone; the template also gives the same numbers as a table. Time is
 * block time, never the server's clock, so validators at one height draw the same chart. Immutable.
 *
 * @param columns the intervals, oldest first
 * @param total the ballots in all intervals
 * @param width the SVG's width
 * @param height the SVG's height
 */
public record TurnoutTimeline(List<Column> columns, long total, int width, int height) {
  static final int INTERVALS = 12;
  static final int LEFT = 8;
  static final int COLUMN = 48;
  static final int PLOT = 140;
  static final int TOP = 24;
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  // Intervals shorter than a minute (a window seen shortly after it opened) need seconds, or
  // neighbouring ticks would read the same.
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  public TurnoutTimeline {
    columns = List.copyOf(columns);
  }

  /**
   * One interval {@code [from, to)}: its ballots, its times as UTC text, and the column's geometry
   * ({@code x}, {@code y} of its top, {@code barHeight}).
   */
  public record Column(
      long from,
      long to,
      long ballots,
      String fromUtc,
      String toUtc,
      String tick,
      int x,
      int y,
      int barHeight) {}

  /**
   * Buckets {@code arrivals} into the window {@code [start, min(end, latestBlockTime)]}; empty (no
   * columns) when the latest block is not after the start.
   */
  public static TurnoutTimeline of(
      List<BallotArrivals.Arrival> arrivals, long start, long end, long latestBlockTime) {
    long stop = Math.min(end, latestBlockTime);
    if (stop <= start) {
      return new TurnoutTimeline(List.of(), 0, 0, 0);
    }
    long span = stop - start;
    // Ceiling division, so INTERVALS columns always cover the whole span.
    long step = Math.max(1, (span + INTERVALS - 1) / INTERVALS);
    long[] counts = new long[INTERVALS];
    long total = 0;
    for (BallotArrivals.Arrival a : arrivals) {
      if (a.timestamp() < start || a.timestamp() > stop) {
        continue; // before the window (cannot be accepted) or after the chart's right edge
      }
      int i = (int) Math.min(INTERVALS - 1, (a.timestamp() - start) / step);
      counts[i] += a.ballots();
      total += a.ballots();
    }
    long max = 0;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    DateTimeFormatter ticks = step < 60_000 ? SECONDS : MINUTES;
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < INTERVALS; i++) {
      long from = start + i * step;
      long to = Math.min(stop, from + step);
      int bar = max == 0 ? 0 : (int) (counts[i] * PLOT / max);
      columns.add(
          new Column(
              from,
              to,
              counts[i],
              UTC.format(Instant.ofEpochMilli(from)),
              UTC.format(Instant.ofEpochMilli(to)),
              ticks.format(Instant.ofEpochMilli(from)),
              LEFT + i * COLUMN,
              TOP + PLOT - bar,
              bar));
    }
    return new TurnoutTimeline(columns, total, LEFT + INTERVALS * COLUMN + LEFT, TOP + PLOT + 40);
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /** Whether the column's time label is drawn: every third, so the labels do not overlap. */
  public boolean ticked(int index) {
    return index % 3 == 0;
  }
}

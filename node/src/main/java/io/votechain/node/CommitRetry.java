package io.votechain.node;

/**
 * How long a validator keeps trying to commit a decided block while its store is unavailable
 * ({@link LedgerApplication}): waits doubling from {@code firstDelayMillis} up to {@code
 * maxDelayMillis}, for at most {@code budgetMillis} of waiting in all; then it stops (fail-stop).
 */
public record CommitRetry(long firstDelayMillis, long maxDelayMillis, long budgetMillis) {
  /**
   * Two minutes: long enough to ride out a Cassandra node's restart or a long garbage-collection
   * pause, short enough that a store which is gone is reported by the validator stopping, not by it
   * hanging (docs/storage.md §1).
   */
  public static final CommitRetry DEFAULT = new CommitRetry(100, 5_000, 120_000);

  public CommitRetry {
    if (firstDelayMillis < 1 || maxDelayMillis < firstDelayMillis || budgetMillis < 0) {
      throw new IllegalArgumentException(
          "bad commit retry: " + firstDelayMillis + ", " + maxDelayMillis + ", " + budgetMillis);
    }
  }
}

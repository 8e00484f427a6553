package io.votechain.ballot;

import java.util.ArrayList;
import java.util.List;

/**
 * One contest of a ballot style (docs/crypto.md §6.1): {@code selectionCount} yes/no selections, at
 * most {@code selectionLimit} of which may be marked, each mark worth {@code weight} (1 in a public
 * election; the holder's number of shares in a shareholder vote). A selection then encrypts 0 or
 * {@code weight}, and the contest's sum one of {@code 0, weight, ..., selectionLimit·weight}.
 *
 * <p>Immutable.
 */
public record ContestDescription(
    String contestId, int selectionCount, int selectionLimit, long weight) {
  public static final int MAX_ID_BYTES = 64;
  public static final int MAX_SELECTIONS = 64;

  /** The sum proof has {@code selectionLimit + 1} branches. */
  public static final int MAX_SELECTION_LIMIT = 64;

  /** Keeps every tally below 2^62 even with 2^16 voters (a bound for the discrete logarithm). */
  public static final long MAX_WEIGHT = 1L << 40;

  public ContestDescription {
    BallotStyle.checkId(contestId, "contest id");
    if (selectionCount < 1 || selectionCount > MAX_SELECTIONS) {
      throw new IllegalArgumentException("1 to " + MAX_SELECTIONS + " selections");
    }
    if (selectionLimit < 1 || selectionLimit > Math.min(selectionCount, MAX_SELECTION_LIMIT)) {
      throw new IllegalArgumentException("selection limit must be in 1..selectionCount");
    }
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException("weight must be in 1.." + MAX_WEIGHT);
    }
  }

  /** A one-vote-per-mark contest. */
  public static ContestDescription of(String contestId, int selectionCount, int selectionLimit) {
    return new ContestDescription(contestId, selectionCount, selectionLimit, 1);
  }

  /** The same contest for a voter whose marks weigh {@code newWeight}. */
  public ContestDescription withWeight(long newWeight) {
    return new ContestDescription(contestId, selectionCount, selectionLimit, newWeight);
  }

  /** What a selection may encrypt: {@code [0, weight]}. */
  public List<Long> selectionValues() {
    return List.of(0L, weight);
  }

  /** What the contest sum may encrypt: {@code [0, weight, ..., selectionLimit·weight]}. */
  public List<Long> sumValues() {
    List<Long> values = new ArrayList<>(selectionLimit + 1);
    for (int k = 0; k <= selectionLimit; k++) {
      values.add(k * weight);
    }
    return List.copyOf(values);
  }
}

package io.votechain.consensus.core;

/**
 * The last (height, round, step) this validator signed something for. The core signs only for a
 * strictly greater slot, which makes double-signing impossible even across restarts. Ranks:
 * proposal 0, prevote 1, precommit 2 — the order Algorithm 1 signs them in within a round.
 */
public record SignWatermark(long height, int round, int rank) implements Comparable<SignWatermark> {
  public static final SignWatermark NONE = new SignWatermark(0, 0, -1);
  public static final int PROPOSAL = 0;
  public static final int PREVOTE = 1;
  public static final int PRECOMMIT = 2;

  @Override
  public int compareTo(SignWatermark o) {
    if (height != o.height) {
      return Long.compare(height, o.height);
    }
    if (round != o.round) {
      return Integer.compare(round, o.round);
    }
    return Integer.compare(rank, o.rank);
  }
}

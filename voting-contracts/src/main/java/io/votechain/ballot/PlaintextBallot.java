package io.votechain.ballot;

import java.util.List;

/**
 * What the voter marked: for each contest of the style, in order, one 0 or 1 per selection
 * (docs/crypto.md §6.1). The weight of a shareholder is applied at encryption, not here. Immutable;
 * secret (never logged).
 */
public record PlaintextBallot(String ballotId, String styleId, List<List<Integer>> marks) {
  public PlaintextBallot {
    BallotStyle.checkId(ballotId, "ballot id");
    BallotStyle.checkId(styleId, "style id");
    marks = marks.stream().map(List::copyOf).toList();
  }

  @Override
  public String toString() {
    return "PlaintextBallot[ballotId=" + ballotId + ", styleId=" + styleId + ", marks=<secret>]";
  }
}

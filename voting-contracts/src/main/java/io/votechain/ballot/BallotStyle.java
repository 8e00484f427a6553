package io.votechain.ballot;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contests one voter is given, in ballot order (docs/crypto.md §6.1). Immutable.
 *
 * @param styleId the style's name in the manifest
 * @param contests in ballot order; contest ids are distinct
 */
public record BallotStyle(String styleId, List<ContestDescription> contests) {
  public static final int MAX_CONTESTS = 64;

  public BallotStyle {
    checkId(styleId, "style id");
    contests = List.copyOf(contests);
    if (contests.isEmpty() || contests.size() > MAX_CONTESTS) {
      throw new IllegalArgumentException("1 to " + MAX_CONTESTS + " contests");
    }
    Set<String> ids = new HashSet<>();
    for (ContestDescription contest : contests) {
      if (!ids.add(contest.contestId())) {
        throw new IllegalArgumentException("duplicate contest id " + contest.contestId());
      }
    }
  }

  /** The same style for a voter whose marks weigh {@code weight} (a shareholder). */
  public BallotStyle withWeight(long weight) {
    return new BallotStyle(styleId, contests.stream().map(c -> c.withWeight(weight)).toList());
  }

  static void checkId(String id, String what) {
    if (id == null
        || id.isEmpty()
        || id.getBytes(StandardCharsets.UTF_8).length > ContestDescription.MAX_ID_BYTES) {
      throw new IllegalArgumentException(
          what + " must be 1 to " + ContestDescription.MAX_ID_BYTES + " bytes of UTF-8");
    }
  }
}

package io.votechain.ballot;

import java.util.List;

/**
 * The verdict on a batch of ballots: how many were checked and which were invalid, in batch order,
 * each with the reason the one-by-one verifier gives for it (docs/crypto.md §7.4).
 */
public record BatchVerification(int size, List<InvalidBallot> invalid) {
  /** Ballot {@code index} of the batch (id {@code ballotId}) is invalid for {@code reason}. */
  public record InvalidBallot(int index, String ballotId, BallotVerification reason) {}

  public BatchVerification {
    if (size < 0) {
      throw new IllegalArgumentException("size must be non-negative");
    }
    invalid = List.copyOf(invalid);
  }

  public boolean allValid() {
    return invalid.isEmpty();
  }
}

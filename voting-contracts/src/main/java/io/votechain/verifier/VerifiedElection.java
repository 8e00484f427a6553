package io.votechain.verifier;

import io.votechain.contract.ElectionStatus;
import io.votechain.contract.MeetingResult;
import io.votechain.tx.election.ElectionManifest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the verifier recomputed from the record: the manifest the officials approved, the status the
 * lifecycle reached, the decrypted count per selection (manifest order; empty before the tally),
 * the number of counted and of spoiled ballots (for a meeting: of holders whose ballot counts), the
 * timestamp of the block that tallied (0 if none) and, for a tallied shareholder meeting, the
 * decision the verifier recomputed (docs/contracts.md §8.5).
 */
public record VerifiedElection(
    ElectionManifest manifest,
    ElectionStatus status,
    List<Long> result,
    long counted,
    long spoiled,
    long talliedAt,
    Optional<MeetingResult> meeting) {
  public VerifiedElection {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(status, "status");
    result = List.copyOf(result);
    Objects.requireNonNull(meeting, "meeting");
  }
}

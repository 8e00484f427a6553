package io.votechain.verifier;

import io.votechain.contract.ElectionStatus;
import io.votechain.tx.election.ElectionManifest;
import java.util.List;
import java.util.Objects;

/**
 * What the verifier recomputed from the record: the manifest the officials approved, the status the
 * lifecycle reached, the decrypted count per selection (manifest order; empty before the tally),
 * the number of counted and of spoiled ballots, and the timestamp of the block that tallied (0 if
 * none).
 */
public record VerifiedElection(
    ElectionManifest manifest,
    ElectionStatus status,
    List<Long> result,
    long counted,
    long spoiled,
    long talliedAt) {
  public VerifiedElection {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(status, "status");
    result = List.copyOf(result);
  }
}

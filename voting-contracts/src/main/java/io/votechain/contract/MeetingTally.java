package io.votechain.contract;

import io.votechain.tx.meeting.MeetingManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * Implements the meeting decision (docs/contracts.md §8.5): from the decrypted share totals of
 * every selection (resolution by resolution: for, against, abstain), the shares represented and the
 * shares issued, decides the quorum and each resolution. Pure.
 */
final class MeetingTally {
  private MeetingTally() {}

  /**
   * @param counts the decrypted aggregate, three per resolution in manifest order
   * @throws IllegalStateException if a resolution's totals do not add up to the shares represented:
   *     every counted ballot proves each resolution sums to its weight, so this is a bug, and every
   *     validator fails identically
   */
  static MeetingResult decide(
      MeetingManifest manifest, List<Long> counts, long represented, long issued) {
    List<String> ids = manifest.resolutionIds();
    if (counts.size() != 3 * ids.size()) {
      throw new IllegalStateException("expected three totals per resolution");
    }
    boolean quorumMet = manifest.quorum().met(represented, issued);
    List<MeetingResult.Resolution> resolutions = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      long votesFor = counts.get(3 * i + MeetingManifest.FOR);
      long against = counts.get(3 * i + MeetingManifest.AGAINST);
      long abstain = counts.get(3 * i + MeetingManifest.ABSTAIN);
      if (votesFor + against + abstain != represented) {
        throw new IllegalStateException(ids.get(i) + ": totals do not add up to the represented");
      }
      boolean passed = quorumMet && manifest.thresholds().get(i).passes(votesFor, against);
      resolutions.add(new MeetingResult.Resolution(ids.get(i), votesFor, against, abstain, passed));
    }
    return new MeetingResult(issued, represented, quorumMet, resolutions);
  }
}

package io.votechain.contract;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.Identifiers;
import io.votechain.tx.election.ElectionManifest;
import java.util.List;

/**
 * The decided meeting (docs/contracts.md §8.5), stored under {@code election/<id>/meeting-result}:
 * {@code varint issued, varint represented, bool quorumMet, list<resolution>}, each resolution
 * {@code text id, varint for, varint against, varint abstain, bool passed}. Share totals, not
 * holder counts. Immutable.
 */
public record MeetingResult(
    long issuedShares, long representedShares, boolean quorumMet, List<Resolution> resolutions) {

  /** One resolution's share totals and whether it passed (quorum met and threshold reached). */
  public record Resolution(
      String resolutionId, long votesFor, long votesAgainst, long abstentions, boolean passed) {
    public Resolution {
      Identifiers.require(resolutionId, "resolution id");
      if (votesFor < 0 || votesAgainst < 0 || abstentions < 0) {
        throw new IllegalArgumentException("totals are non-negative");
      }
    }

    void writeTo(CanonicalWriter w) {
      w.text(resolutionId).varint(votesFor).varint(votesAgainst).varint(abstentions).bool(passed);
    }

    static Resolution readFrom(CanonicalReader r) {
      return new Resolution(
          r.text(Identifiers.MAX_LENGTH),
          r.varint(Long.MAX_VALUE),
          r.varint(Long.MAX_VALUE),
          r.varint(Long.MAX_VALUE),
          r.bool());
    }
  }

  public MeetingResult {
    resolutions = List.copyOf(resolutions);
    if (representedShares < 0 || representedShares > issuedShares) {
      throw new IllegalArgumentException("need 0 <= represented <= issued");
    }
  }

  public byte[] encode() {
    return new CanonicalWriter()
        .varint(issuedShares)
        .varint(representedShares)
        .bool(quorumMet)
        .list(resolutions, (w, res) -> res.writeTo(w))
        .toByteArray();
  }

  public static MeetingResult decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    MeetingResult m =
        new MeetingResult(
            r.varint(Long.MAX_VALUE),
            r.varint(Long.MAX_VALUE),
            r.bool(),
            r.list(ElectionManifest.MAX_CONTESTS, Resolution::readFrom));
    r.finish();
    return m;
  }
}

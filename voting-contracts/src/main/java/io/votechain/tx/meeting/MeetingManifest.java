package io.votechain.tx.meeting;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.Decoding;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A shareholder meeting (docs/contracts.md §8.1): an election manifest whose contests are the
 * resolutions — each ONE_OF_N with limit 1 and exactly the choices {@code for}, {@code against},
 * {@code abstain} in that order — plus what makes it a meeting: the record date of the share
 * register, the quorum, and one pass threshold per resolution, in contest order.
 *
 * <p>The embedded election manifest is what the election machinery (lifecycle, key ceremony, tally)
 * sees under {@code election/<id>/manifest}; the meeting terms are stored beside it. The meeting id
 * is the election id. Immutable.
 */
public record MeetingManifest(
    ElectionManifest election, long recordDate, Quorum quorum, List<PassThreshold> thresholds) {
  /** Domain tag 'G' (general meeting) of the meeting-manifest hash. */
  public static final int HASH_DOMAIN = 0x47;

  /** The choice ids of every resolution, in ballot order. */
  public static final List<String> CHOICES = List.of("for", "against", "abstain");

  public static final int FOR = 0;
  public static final int AGAINST = 1;
  public static final int ABSTAIN = 2;

  public MeetingManifest {
    Objects.requireNonNull(election, "election");
    Objects.requireNonNull(quorum, "quorum");
    thresholds = List.copyOf(thresholds);
    if (thresholds.size() > ElectionManifest.MAX_CONTESTS) {
      throw new IllegalArgumentException("at most " + ElectionManifest.MAX_CONTESTS + " rules");
    }
  }

  public String meetingId() {
    return election.electionId();
  }

  /** The resolution ids, in ballot order. */
  public List<String> resolutionIds() {
    return election.contests().stream().map(Contest::contestId).toList();
  }

  /**
   * The first meeting rule broken, if any: the election manifest's own rules; every contest is a
   * resolution (ONE_OF_N, limit 1, choices for/against/abstain); one threshold per resolution; and
   * {@code 0 <= recordDate <= votingStart} (the register is a snapshot taken before voting).
   */
  public Optional<String> problem() {
    Optional<String> manifest = election.problem();
    if (manifest.isPresent()) {
      return manifest;
    }
    for (Contest c : election.contests()) {
      List<String> choices = c.choices().stream().map(Choice::choiceId).toList();
      if (c.kind() != ContestKind.ONE_OF_N || c.selectionLimit() != 1 || !choices.equals(CHOICES)) {
        return Optional.of(
            c.contestId() + ": a resolution is ONE_OF_N, limit 1, choices for/against/abstain");
      }
    }
    if (thresholds.size() != election.contests().size()) {
      return Optional.of("one pass threshold per resolution");
    }
    if (recordDate < 0 || recordDate > election.votingStart()) {
      return Optional.of("record date must satisfy 0 <= recordDate <= votingStart");
    }
    return Optional.empty();
  }

  /** {@code ElectionManifest, i64 recordDate, Quorum, list<PassThreshold>}. */
  public void writeTo(CanonicalWriter w) {
    election.writeTo(w);
    w.i64(recordDate);
    quorum.writeTo(w);
    w.list(thresholds, (cw, t) -> t.writeTo(cw));
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  /** SHA-256(0x47 || canonical encoding): names the meeting's terms in events and the record. */
  public Hash32 hash() {
    return Sha256.tagged(HASH_DOMAIN, encode());
  }

  public static MeetingManifest readFrom(CanonicalReader r) {
    ElectionManifest election = ElectionManifest.readFrom(r);
    long recordDate = r.i64();
    Quorum quorum = Quorum.readFrom(r);
    return new MeetingManifest(
        election,
        recordDate,
        quorum,
        r.list(ElectionManifest.MAX_CONTESTS, PassThreshold::readFrom));
  }

  public static MeetingManifest decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    MeetingManifest m = Decoding.guard(() -> readFrom(r));
    r.finish();
    return m;
  }
}

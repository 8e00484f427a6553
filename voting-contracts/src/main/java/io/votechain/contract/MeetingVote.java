package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * The ballot that counts for a holder ({@code election/<id>/meeting-vote/<holder>}): {@code u8
 * source, fixed(32) ballotHash}. Immutable.
 */
public record MeetingVote(VoteSource source, Hash32 ballotHash) {
  public MeetingVote {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(ballotHash, "ballotHash");
  }

  public byte[] encode() {
    return new CanonicalWriter().u8(source.tag()).fixed(ballotHash.bytes()).toByteArray();
  }

  public static MeetingVote decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    MeetingVote v = new MeetingVote(VoteSource.ofTag(r.u8()), Hash32.of(r.fixed(Hash32.LENGTH)));
    r.finish();
    return v;
  }
}

package io.votechain.tx;

import io.votechain.ballot.EncryptedBallot;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * Casts a weighted meeting ballot for {@code holder}: signed by the holder itself or by the proxy
 * the holder appointed. The ballot has the encoding of an election ballot (docs/crypto.md §6.4) but
 * is encrypted with the holder's weight and exact resolution sums (docs/crypto.md §11).
 */
public record CastMeetingVote(String meetingId, Ed25519PublicKey holder, EncryptedBallot ballot)
    implements Transaction {
  public CastMeetingVote {
    Identifiers.require(meetingId, "meeting id");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(ballot, "ballot");
  }

  @Override
  public TxKind kind() {
    return TxKind.CAST_MEETING_VOTE;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(meetingId);
    holder.writeTo(w);
    w.bytes(ballot.encode());
  }

  static CastMeetingVote readFields(CanonicalReader r) {
    String meeting = r.text(Identifiers.MAX_LENGTH);
    Ed25519PublicKey holder = Keys.readEd25519(r);
    return new CastMeetingVote(
        meeting, holder, EncryptedBallot.decode(r.bytes(TxKind.CAST_MEETING_VOTE.maxSize())));
  }
}

package io.votechain.contract;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.tx.Keys;
import java.util.Objects;

/**
 * What the ledger remembers of every recorded meeting ballot, counted or not ({@code
 * election/<id>/meeting-ballot/<hash>}): {@code PublicKey holder, u8 source, varint height}. It
 * lets a holder confirm a ballot by its tracking code even after it was superseded. Immutable.
 */
public record MeetingBallotRecord(Ed25519PublicKey holder, VoteSource source, long height) {
  public MeetingBallotRecord {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(source, "source");
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    holder.writeTo(w);
    return w.u8(source.tag()).varint(height).toByteArray();
  }

  public static MeetingBallotRecord decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    MeetingBallotRecord m =
        new MeetingBallotRecord(
            Keys.readEd25519(r), VoteSource.ofTag(r.u8()), r.varint(Long.MAX_VALUE));
    r.finish();
    return m;
  }
}

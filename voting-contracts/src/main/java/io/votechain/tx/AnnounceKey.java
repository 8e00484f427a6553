package io.votechain.tx;

import io.votechain.crypto.threshold.KeyCeremonyAnnouncement;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * A trustee publishes its key-ceremony announcement (docs/crypto-threshold.md §3.3): Feldman
 * commitments with Schnorr proofs and its share-encryption key. Signed by the trustee registered at
 * index {@code announcement.dealer()}.
 */
public record AnnounceKey(String electionId, KeyCeremonyAnnouncement announcement)
    implements Transaction {
  public AnnounceKey {
    Identifiers.require(electionId, "election id");
    Objects.requireNonNull(announcement, "announcement");
  }

  @Override
  public TxKind kind() {
    return TxKind.ANNOUNCE_KEY;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(electionId);
    announcement.writeTo(w);
  }

  static AnnounceKey readFields(CanonicalReader r) {
    String election = r.text(Identifiers.MAX_LENGTH);
    return new AnnounceKey(election, KeyCeremonyAnnouncement.readFrom(r));
  }
}

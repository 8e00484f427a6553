package io.votechain.tx;

import io.votechain.ballot.EncryptedBallot;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * Casts an encrypted ballot for {@code credential}: signed by the credential itself (a web vote) or
 * by the attested device of the credential's station that checked the voter in (an in-person vote).
 * The ballot is carried as its canonical encoding (docs/crypto.md §6.4), length-prefixed.
 */
public record CastBallot(String electionId, Ed25519PublicKey credential, EncryptedBallot ballot)
    implements Transaction {
  public CastBallot {
    Identifiers.require(electionId, "election id");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(ballot, "ballot");
  }

  @Override
  public TxKind kind() {
    return TxKind.CAST_BALLOT;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(electionId);
    credential.writeTo(w);
    w.bytes(ballot.encode());
  }

  static CastBallot readFields(CanonicalReader r) {
    String election = r.text(Identifiers.MAX_LENGTH);
    Ed25519PublicKey credential = Keys.readEd25519(r);
    return new CastBallot(
        election, credential, EncryptedBallot.decode(r.bytes(TxKind.CAST_BALLOT.maxSize())));
  }
}

package io.votechain.tx;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/**
 * Poll-book check-in of an in-person voter, signed by an attested device of the voter's station
 * (the transaction signer must be {@code deviceId}'s key).
 */
public record CheckIn(String electionId, String deviceId, Ed25519PublicKey credential)
    implements Transaction {
  public CheckIn {
    Identifiers.require(electionId, "election id");
    Identifiers.require(deviceId, "device id");
    Objects.requireNonNull(credential, "credential");
  }

  @Override
  public TxKind kind() {
    return TxKind.CHECK_IN;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(electionId).text(deviceId);
    credential.writeTo(w);
  }

  static CheckIn readFields(CanonicalReader r) {
    String election = r.text(Identifiers.MAX_LENGTH);
    String device = r.text(Identifiers.MAX_LENGTH);
    return new CheckIn(election, device, Keys.readEd25519(r));
  }
}

package io.votechain.tx;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.List;

/**
 * An official adds eligible voters' credential public keys to an election's roll, all voting at
 * {@code stationId} in person. The keys are issued by a registrar off-ledger and carry no identity.
 */
public record AddCredentials(
    String electionId, String stationId, List<Ed25519PublicKey> credentials)
    implements Transaction {
  public static final int MAX_CREDENTIALS = 1000;

  public AddCredentials {
    Identifiers.require(electionId, "election id");
    Identifiers.require(stationId, "station id");
    credentials = List.copyOf(credentials);
    if (credentials.isEmpty() || credentials.size() > MAX_CREDENTIALS) {
      throw new IllegalArgumentException("1.." + MAX_CREDENTIALS + " credentials");
    }
  }

  @Override
  public TxKind kind() {
    return TxKind.ADD_CREDENTIALS;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(electionId).text(stationId).list(credentials, (cw, k) -> k.writeTo(cw));
  }

  static AddCredentials readFields(CanonicalReader r) {
    String election = r.text(Identifiers.MAX_LENGTH);
    String station = r.text(Identifiers.MAX_LENGTH);
    return new AddCredentials(election, station, r.list(MAX_CREDENTIALS, Keys::readEd25519));
  }
}

package io.votechain.contract;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.PublicKey;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.StateView;
import io.votechain.tx.Keys;
import java.util.List;
import java.util.Optional;

/**
 * An election's trustees as registered, in order: the trustee at position {@code i − 1} is trustee
 * {@code i} of the key ceremony. Immutable.
 */
public record Trustees(List<Ed25519PublicKey> keys, int threshold) {
  public Trustees {
    keys = List.copyOf(keys);
  }

  public static Optional<Trustees> read(StateView state, String electionId) {
    return state.get(StateKeys.electionTrustees(electionId)).map(Trustees::decode);
  }

  /** The 1-based ceremony index of {@code key}, or 0 if it is not a trustee. */
  int indexOf(PublicKey key) {
    return keys.indexOf(key) + 1;
  }

  byte[] encode() {
    return new CanonicalWriter().list(keys, (w, k) -> k.writeTo(w)).varint(threshold).toByteArray();
  }

  static Trustees decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Trustees t = new Trustees(r.list(64, Keys::readEd25519), (int) r.varint(64));
    r.finish();
    return t;
  }
}

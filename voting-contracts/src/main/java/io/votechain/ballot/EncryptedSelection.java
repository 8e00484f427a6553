package io.votechain.ballot;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.proof.RangeProof;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;

/**
 * One encrypted yes/no mark with its proof that it encrypts 0 or the contest weight (docs/crypto.md
 * §6.3). Immutable.
 */
public record EncryptedSelection(Ciphertext ciphertext, RangeProof proof) {
  public EncryptedSelection {
    if (ciphertext == null || proof == null) {
      throw new IllegalArgumentException("selection components must be present");
    }
  }

  void writeTo(CanonicalWriter w) {
    ciphertext.writeTo(w);
    proof.writeTo(w);
  }

  static EncryptedSelection readFrom(CanonicalReader r) {
    // A selection proof has exactly two branches; allow no more on the wire.
    return new EncryptedSelection(Ciphertext.readFrom(r, false), RangeProof.readFrom(r, 2));
  }
}

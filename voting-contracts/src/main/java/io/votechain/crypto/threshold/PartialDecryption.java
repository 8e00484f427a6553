package io.votechain.crypto.threshold;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.proof.ChaumPedersenProof;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;

/**
 * Trustee {@code ℓ}'s partial decryption {@code M_ℓ = s_ℓ·A} of a ciphertext {@code (A, B)} with
 * the Chaum–Pedersen proof that it used its share (docs/crypto-threshold.md §7). Immutable.
 */
public record PartialDecryption(int trustee, GroupElement share, ChaumPedersenProof proof) {

  public PartialDecryption {
    if (trustee < 1 || trustee > CeremonyParameters.MAX_TRUSTEES) {
      throw new IllegalArgumentException("trustee index out of range: " + trustee);
    }
    if (share == null || proof == null) {
      throw new IllegalArgumentException("share and proof must be present");
    }
  }

  /**
   * Checks the proof against trustee {@code ℓ}'s verification key (docs/crypto-threshold.md §7.2).
   *
   * @throws IllegalArgumentException if {@code ℓ} is not a trustee of {@code jointKey}'s ceremony
   */
  public ChaumPedersenProof.Verification verify(JointElectionKey jointKey, Ciphertext ciphertext) {
    return proof.verify(
        jointKey.extendedBaseHash(), trustee, ciphertext, jointKey.verificationKey(trustee), share);
  }

  public void writeTo(CanonicalWriter w) {
    w.varint(trustee).fixed(share.encode());
    proof.writeTo(w);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  /** Reads {@code varint ℓ || M_ℓ (33, identity allowed) || proof (130)}. */
  public static PartialDecryption readFrom(CanonicalReader r) {
    int trustee = (int) r.varint(CeremonyParameters.MAX_TRUSTEES);
    GroupElement m = GroupElement.decodeAllowingIdentity(r.fixed(GroupElement.LENGTH));
    ChaumPedersenProof proof = ChaumPedersenProof.readFrom(r);
    try {
      return new PartialDecryption(trustee, m, proof);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  public static PartialDecryption decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    PartialDecryption p = readFrom(r);
    r.finish();
    return p;
  }
}

package io.votechain.crypto.threshold;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.proof.SchnorrProof;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.List;

/**
 * What trustee {@code i} publishes in the first round of the key ceremony (docs/crypto-threshold.md
 * §3.3): the Feldman commitments {@code K_{i,j} = a_{i,j}·G} to its polynomial's coefficients with
 * a Schnorr proof for each, and its share-encryption key {@code κ_i = ζ_i·G} with a Schnorr proof
 * at coefficient index {@code k}. Immutable; check it with {@link KeyCeremony#verifyAnnouncement}.
 */
public record KeyCeremonyAnnouncement(
    int dealer,
    List<GroupElement> commitments,
    List<SchnorrProof> coefficientProofs,
    GroupElement shareEncryptionKey,
    SchnorrProof shareEncryptionKeyProof) {

  public KeyCeremonyAnnouncement {
    if (dealer < 1 || dealer > CeremonyParameters.MAX_TRUSTEES) {
      throw new IllegalArgumentException("dealer index out of range: " + dealer);
    }
    commitments = List.copyOf(commitments);
    coefficientProofs = List.copyOf(coefficientProofs);
    if (commitments.isEmpty() || commitments.size() != coefficientProofs.size()) {
      throw new IllegalArgumentException("one proof per commitment, at least one commitment");
    }
    if (commitments.size() > CeremonyParameters.MAX_TRUSTEES) {
      throw new IllegalArgumentException("more commitments than trustees");
    }
    if (shareEncryptionKey == null || shareEncryptionKeyProof == null) {
      throw new IllegalArgumentException("share-encryption key and its proof must be present");
    }
    for (GroupElement k : commitments) {
      if (k.isIdentity()) {
        throw new IllegalArgumentException("a commitment is the identity");
      }
    }
    if (shareEncryptionKey.isIdentity()) {
      throw new IllegalArgumentException("share-encryption key is the identity");
    }
  }

  /** {@code K_{i,0}}, the dealer's contribution to the joint election key. */
  public GroupElement publicKey() {
    return commitments.get(0);
  }

  public void writeTo(CanonicalWriter w) {
    w.varint(dealer)
        .list(commitments, (out, k) -> out.fixed(k.encode()))
        .list(coefficientProofs, (out, p) -> p.writeTo(out))
        .fixed(shareEncryptionKey.encode());
    shareEncryptionKeyProof.writeTo(w);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  /**
   * Reads the encoding of {@link #writeTo}; any malformed input is an {@link EncodingException}.
   */
  public static KeyCeremonyAnnouncement readFrom(CanonicalReader r) {
    int dealer = (int) r.varint(CeremonyParameters.MAX_TRUSTEES);
    List<GroupElement> commitments =
        r.list(
            CeremonyParameters.MAX_TRUSTEES,
            in -> GroupElement.decode(in.fixed(GroupElement.LENGTH)));
    List<SchnorrProof> proofs = r.list(CeremonyParameters.MAX_TRUSTEES, SchnorrProof::readFrom);
    GroupElement kappa = GroupElement.decode(r.fixed(GroupElement.LENGTH));
    SchnorrProof kappaProof = SchnorrProof.readFrom(r);
    try {
      return new KeyCeremonyAnnouncement(dealer, commitments, proofs, kappa, kappaProof);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  public static KeyCeremonyAnnouncement decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    KeyCeremonyAnnouncement a = readFrom(r);
    r.finish();
    return a;
  }
}

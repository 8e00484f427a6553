package io.votechain.consensus.message;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Arrays;
import java.util.Objects;

/** A proposal with the proposer's signature over {@link Proposal#signBytes}. Immutable. */
public record SignedProposal(Proposal proposal, byte[] signature) {
  public SignedProposal {
    Objects.requireNonNull(proposal, "proposal");
    if (signature.length != SignedVote.SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("signature must be 64 bytes");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public void writeTo(CanonicalWriter w) {
    proposal.writeTo(w);
    w.fixed(signature);
  }

  public static SignedProposal readFrom(CanonicalReader r) {
    Proposal p = Proposal.readFrom(r);
    return new SignedProposal(p, r.fixed(SignedVote.SIGNATURE_LENGTH));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedProposal other
        && proposal.equals(other.proposal)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return proposal.hashCode() * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedProposal[" + proposal + "]";
  }
}

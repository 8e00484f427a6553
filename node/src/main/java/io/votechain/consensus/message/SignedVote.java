package io.votechain.consensus.message;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Arrays;
import java.util.Objects;

/** A vote with its author's Ed25519 signature over {@link Vote#signBytes}. Immutable. */
public record SignedVote(Vote vote, byte[] signature) {
  public static final int SIGNATURE_LENGTH = 64;

  public SignedVote {
    Objects.requireNonNull(vote, "vote");
    if (signature.length != SIGNATURE_LENGTH) {
      throw new IllegalArgumentException("signature must be 64 bytes");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public void writeTo(CanonicalWriter w) {
    vote.writeTo(w);
    w.fixed(signature);
  }

  public static SignedVote readFrom(CanonicalReader r) {
    Vote vote = Vote.readFrom(r);
    return new SignedVote(vote, r.fixed(SIGNATURE_LENGTH));
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedVote other
        && vote.equals(other.vote)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return vote.hashCode() * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedVote[" + vote + "]";
  }
}

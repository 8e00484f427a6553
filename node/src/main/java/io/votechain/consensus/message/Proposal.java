package io.votechain.consensus.message;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Objects;

/**
 * The signed part of ⟨PROPOSAL, h, r, v, vr⟩ of Algorithm 1: the proposer signs id(v), not v, so
 * that two proposals are compared (and equivocation proven) by hash alone. {@code validRound} is
 * vr, −1 when the value is fresh. Immutable.
 */
public record Proposal(long height, int round, int validRound, Hash32 blockHash, int proposer) {
  public Proposal {
    Objects.requireNonNull(blockHash, "blockHash");
    if (height < 1 || round < 0 || proposer < 0 || validRound < -1 || validRound >= round) {
      throw new IllegalArgumentException("invalid proposal coordinates");
    }
  }

  public void writeTo(CanonicalWriter w) {
    // vr + 1 keeps the field an unsigned varint (−1 encodes as 0).
    w.varint(height)
        .varint(round)
        .varint(validRound + 1L)
        .fixed(blockHash.bytes())
        .varint(proposer);
  }

  public static Proposal readFrom(CanonicalReader r) {
    long height = r.varint(Long.MAX_VALUE);
    int round = (int) r.varint(Integer.MAX_VALUE);
    int validRound = (int) r.varint(Integer.MAX_VALUE) - 1;
    Hash32 hash = Hash32.of(r.fixed(Hash32.LENGTH));
    int proposer = (int) r.varint(Integer.MAX_VALUE);
    if (height < 1 || validRound >= round) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "proposal coordinates");
    }
    return new Proposal(height, round, validRound, hash, proposer);
  }

  public byte[] signBytes(Hash32 chainId) {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return SignBytes.of(chainId, SignKind.PROPOSAL, w.toByteArray());
  }
}

package io.votechain.consensus.message;

import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Objects;
import java.util.Optional;

/**
 * ⟨PREVOTE | PRECOMMIT, h, r, id(v) | nil⟩ of Algorithm 1, by validator {@code validator}. {@code
 * blockHash} empty means nil. Immutable.
 */
public record Vote(
    VoteType type, long height, int round, Optional<Hash32> blockHash, int validator) {
  public Vote {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(blockHash, "blockHash");
    if (height < 1 || round < 0 || validator < 0) {
      throw new IllegalArgumentException("height >= 1, round >= 0, validator >= 0 required");
    }
  }

  public boolean isNil() {
    return blockHash.isEmpty();
  }

  public void writeTo(CanonicalWriter w) {
    w.u8(type.tag()).varint(height).varint(round).bool(blockHash.isPresent());
    blockHash.ifPresent(h -> w.fixed(h.bytes()));
    w.varint(validator);
  }

  public static Vote readFrom(CanonicalReader r) {
    int tag = r.u8();
    VoteType type = VoteType.ofTag(tag);
    if (type == null) {
      throw CanonicalReader.unknownTag("vote type", tag);
    }
    long height = r.varint(Long.MAX_VALUE);
    int round = (int) r.varint(Integer.MAX_VALUE);
    Optional<Hash32> hash =
        r.bool() ? Optional.of(Hash32.of(r.fixed(Hash32.LENGTH))) : Optional.empty();
    int validator = (int) r.varint(Integer.MAX_VALUE);
    if (height < 1) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "height 0");
    }
    return new Vote(type, height, round, hash, validator);
  }

  /** The bytes the validator signs. */
  public byte[] signBytes(Hash32 chainId) {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return SignBytes.of(chainId, type.signKind(), w.toByteArray());
  }

  /** Same author, height, round and type: two such votes with different values equivocate. */
  public boolean sameSlot(Vote other) {
    return type == other.type
        && height == other.height
        && round == other.round
        && validator == other.validator;
  }
}

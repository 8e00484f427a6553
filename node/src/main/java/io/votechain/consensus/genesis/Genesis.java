package io.votechain.consensus.genesis;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The genesis of a chain (docs/consensus.md §2): its name, start time, the application's initial
 * state hash and the fixed validator set. Its hash ({@link #hash()}) is the chain identifier that
 * every signature of the protocol is bound to, so a vote cannot be replayed on another chain.
 *
 * <p>With n validators the protocol tolerates f = ⌊(n−1)/3⌋ faulty ones and needs a quorum of n − f
 * signatures (2f+1 when n = 3f+1). Instances are immutable.
 */
public record Genesis(
    String chainName, long genesisTime, Hash32 initialStateHash, List<ValidatorInfo> validators) {
  public static final int MAX_VALIDATORS = 256;
  public static final int MAX_CHAIN_NAME_BYTES = 64;
  private static final int HASH_TAG = 0x47; // 'G'

  public Genesis {
    Objects.requireNonNull(chainName, "chainName");
    Objects.requireNonNull(initialStateHash, "initialStateHash");
    validators = List.copyOf(validators);
    int nameBytes = chainName.getBytes(StandardCharsets.UTF_8).length;
    if (nameBytes == 0 || nameBytes > MAX_CHAIN_NAME_BYTES) {
      throw new IllegalArgumentException(
          "chain name must be 1.." + MAX_CHAIN_NAME_BYTES + " bytes");
    }
    if (validators.isEmpty() || validators.size() > MAX_VALIDATORS) {
      throw new IllegalArgumentException("1.." + MAX_VALIDATORS + " validators required");
    }
    if (validators.stream().map(ValidatorInfo::key).distinct().count() != validators.size()) {
      throw new IllegalArgumentException("validator keys must be distinct");
    }
  }

  public int size() {
    return validators.size();
  }

  /** f = ⌊(n−1)/3⌋, the number of Byzantine validators tolerated. */
  public int maxFaulty() {
    return (size() - 1) / 3;
  }

  /** n − f: any two quorums share at least f+1 validators, so at least one honest one. */
  public int quorum() {
    return size() - maxFaulty();
  }

  /** f+1: a set this large contains at least one honest validator (line 55 of Algorithm 1). */
  public int skipThreshold() {
    return maxFaulty() + 1;
  }

  public ValidatorInfo validator(int index) {
    return validators.get(index);
  }

  public boolean isValidator(int index) {
    return index >= 0 && index < size();
  }

  /** proposer(h, r) of Algorithm 1: round-robin over the validator list. */
  public int proposer(long height, int round) {
    return (int) Math.floorMod(height + round, (long) size());
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    w.text(chainName).i64(genesisTime).fixed(initialStateHash.bytes());
    w.list(validators, (x, v) -> v.writeTo(x));
    return w.toByteArray();
  }

  public static Genesis decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    String name = r.text(MAX_CHAIN_NAME_BYTES);
    long time = r.i64();
    Hash32 state = Hash32.of(r.fixed(Hash32.LENGTH));
    List<ValidatorInfo> validators = r.list(MAX_VALIDATORS, ValidatorInfo::readFrom);
    r.finish();
    try {
      return new Genesis(name, time, state, validators);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  /** The chain identifier: SHA-256(0x47 || encoding). */
  public Hash32 hash() {
    return Sha256.tagged(HASH_TAG, encode());
  }
}

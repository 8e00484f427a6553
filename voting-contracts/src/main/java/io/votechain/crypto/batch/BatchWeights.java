package io.votechain.crypto.batch;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.math.BigInteger;
import java.security.MessageDigest;

/**
 * The 128-bit random weights of a batch verification (docs/crypto.md §7.2), drawn from a seed that
 * hashes the whole batch. Weight {@code k} of item {@code i} is 16 bytes of {@code SHA-256(0x2C ||
 * seed || u64 i || u32 k/2)}: the first half for even {@code k}, the second for odd {@code k}.
 *
 * <p>Why a deterministic stream is sound: every proof is fixed before the seed is computed, and the
 * seed is a hash of all of them, so a prover who wants an invalid proof to cancel out must find a
 * batch whose hash yields weights that solve a linear equation modulo n: about 2^128 hash
 * evaluations. Why deterministic at all: a validator's verdict on a block must be reproducible by
 * every other validator and by observers.
 *
 * <p>Immutable and thread safe; each {@link Stream} is not.
 */
public final class BatchWeights {
  /** Domain byte of the weight derivation. */
  public static final int DOMAIN = 0x2C;

  private final byte[] seed;

  public BatchWeights(Hash32 seed) {
    this.seed = seed.bytes();
  }

  /** The weights of one item (one ballot) of the batch. */
  public Stream forItem(long index) {
    return new Stream(index);
  }

  /** The weights of one item, in order. Not thread safe. */
  public final class Stream {
    private final long item;
    private int counter;
    private byte[] block;

    private Stream(long item) {
      this.item = item;
    }

    /** The next weight, uniform in {@code [0, 2^128)}. */
    public BigInteger next() {
      int half = counter & 1;
      if (half == 0) {
        MessageDigest digest = Sha256.newDigest();
        digest.update((byte) DOMAIN);
        digest.update(seed);
        for (int shift = 56; shift >= 0; shift -= 8) {
          digest.update((byte) (item >>> shift));
        }
        int blockIndex = counter >>> 1;
        for (int shift = 24; shift >= 0; shift -= 8) {
          digest.update((byte) (blockIndex >>> shift));
        }
        block = digest.digest();
      }
      counter++;
      byte[] weight = new byte[16];
      System.arraycopy(block, 16 * half, weight, 0, 16);
      return new BigInteger(1, weight);
    }
  }
}

package io.votechain.consensus.block;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Objects;

/**
 * The hashed part of a block (docs/consensus.md §3). id(v) of Algorithm 1 is the hash of this
 * header; the transactions and the parent's certificate are bound to it through {@code
 * transactionsRoot} (RFC 6962 Merkle root) and {@code lastCommitHash}. {@code stateHash} is the
 * application's state hash after block {@code height − 1}. Immutable.
 */
public record BlockHeader(
    Hash32 chainId,
    long height,
    int round,
    long timestamp,
    Hash32 previousBlockHash,
    Hash32 transactionsRoot,
    int transactionCount,
    Hash32 stateHash,
    Hash32 lastCommitHash,
    int proposer) {
  private static final int HASH_TAG = 0x42; // 'B'

  public BlockHeader {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(previousBlockHash, "previousBlockHash");
    Objects.requireNonNull(transactionsRoot, "transactionsRoot");
    Objects.requireNonNull(stateHash, "stateHash");
    Objects.requireNonNull(lastCommitHash, "lastCommitHash");
    if (height < 1 || round < 0 || proposer < 0) {
      throw new IllegalArgumentException("invalid header coordinates");
    }
    if (transactionCount < 0 || transactionCount > BlockLimits.MAX_TRANSACTIONS) {
      throw new IllegalArgumentException("transaction count out of range");
    }
  }

  public void writeTo(CanonicalWriter w) {
    w.fixed(chainId.bytes())
        .varint(height)
        .varint(round)
        .i64(timestamp)
        .fixed(previousBlockHash.bytes())
        .fixed(transactionsRoot.bytes())
        .varint(transactionCount)
        .fixed(stateHash.bytes())
        .fixed(lastCommitHash.bytes())
        .varint(proposer);
  }

  public static BlockHeader readFrom(CanonicalReader r) {
    Hash32 chain = Hash32.of(r.fixed(32));
    long height = r.varint(Long.MAX_VALUE);
    int round = (int) r.varint(Integer.MAX_VALUE);
    long timestamp = r.i64();
    Hash32 previous = Hash32.of(r.fixed(32));
    Hash32 root = Hash32.of(r.fixed(32));
    int count = (int) r.varint(BlockLimits.MAX_TRANSACTIONS);
    Hash32 state = Hash32.of(r.fixed(32));
    Hash32 lastCommit = Hash32.of(r.fixed(32));
    int proposer = (int) r.varint(Integer.MAX_VALUE);
    if (height < 1) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "height 0");
    }
    return new BlockHeader(
        chain, height, round, timestamp, previous, root, count, state, lastCommit, proposer);
  }

  /** id(v): SHA-256(0x42 || header encoding). */
  public Hash32 hash() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return Sha256.tagged(HASH_TAG, w.toByteArray());
  }
}

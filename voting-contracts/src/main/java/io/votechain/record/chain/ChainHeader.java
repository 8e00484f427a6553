package io.votechain.record.chain;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Objects;

/**
 * A block header (docs/consensus.md §3), re-implemented from the document so that the verifier
 * needs no node code: {@code fixed(32) chainId, varint height, varint round, i64 timestamp,
 * fixed(32) previousBlockHash, fixed(32) transactionsRoot, varint transactionCount, fixed(32)
 * stateHash, fixed(32) lastCommitHash, varint proposer}; its hash is {@code SHA-256(0x42 ||
 * encoding)}. Immutable.
 */
public record ChainHeader(
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
  public static final int MAX_TRANSACTIONS = 10_000;
  private static final int HASH_TAG = 0x42;

  public ChainHeader {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(previousBlockHash, "previousBlockHash");
    Objects.requireNonNull(transactionsRoot, "transactionsRoot");
    Objects.requireNonNull(stateHash, "stateHash");
    Objects.requireNonNull(lastCommitHash, "lastCommitHash");
    if (height < 1 || round < 0 || proposer < 0) {
      throw new IllegalArgumentException("invalid header coordinates");
    }
    if (transactionCount < 0 || transactionCount > MAX_TRANSACTIONS) {
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

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  public static ChainHeader readFrom(CanonicalReader r) {
    Hash32 chain = Hash32.of(r.fixed(32));
    long height = r.varint(Long.MAX_VALUE);
    int round = (int) r.varint(Integer.MAX_VALUE);
    long timestamp = r.i64();
    Hash32 previous = Hash32.of(r.fixed(32));
    Hash32 root = Hash32.of(r.fixed(32));
    int count = (int) r.varint(MAX_TRANSACTIONS);
    Hash32 state = Hash32.of(r.fixed(32));
    Hash32 lastCommit = Hash32.of(r.fixed(32));
    int proposer = (int) r.varint(Integer.MAX_VALUE);
    if (height < 1) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, "height 0");
    }
    return new ChainHeader(
        chain, height, round, timestamp, previous, root, count, state, lastCommit, proposer);
  }

  /** Decodes exactly one header; throws only {@link EncodingException}. */
  public static ChainHeader decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    ChainHeader h = readFrom(r);
    r.finish();
    return h;
  }

  /** id(v): SHA-256(0x42 || encoding). */
  public Hash32 hash() {
    return Sha256.tagged(HASH_TAG, encode());
  }
}

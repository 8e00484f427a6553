package io.votechain.consensus.block;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.merkle.MerkleTree;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A block: header, the opaque transactions it batches, and the commit certificate of its parent
 * (absent only at height 1). Blocks are compared by {@link #hash()}, the header hash.
 *
 * <p>Instances are immutable (transactions are copied in and out) and do NOT check that the header
 * matches the body: that is {@link io.votechain.consensus.validation.BlockValidator}'s job, so a
 * malformed block from the network can still be represented and rejected with a reason.
 */
public final class Block {
  private final BlockHeader header;
  private final List<byte[]> transactions;
  private final Optional<CommitCertificate> lastCommit;
  private final Hash32 hash;

  public Block(
      BlockHeader header, List<byte[]> transactions, Optional<CommitCertificate> lastCommit) {
    this.header = Objects.requireNonNull(header, "header");
    Objects.requireNonNull(lastCommit, "lastCommit");
    if (transactions.size() > BlockLimits.MAX_TRANSACTIONS) {
      throw new IllegalArgumentException("too many transactions");
    }
    List<byte[]> copy = new ArrayList<>(transactions.size());
    for (byte[] tx : transactions) {
      copy.add(tx.clone());
    }
    this.transactions = List.copyOf(copy);
    this.lastCommit = lastCommit;
    this.hash = header.hash();
  }

  /** The Merkle root a header must carry for these transactions. */
  public static Hash32 transactionsRoot(List<byte[]> transactions) {
    return MerkleTree.ofLeaves(transactions).root();
  }

  /** The last-commit hash a header must carry (zero when there is no parent certificate). */
  public static Hash32 lastCommitHash(Optional<CommitCertificate> lastCommit) {
    return lastCommit.map(CommitCertificate::hash).orElse(Hash32.ZERO);
  }

  public BlockHeader header() {
    return header;
  }

  public long height() {
    return header.height();
  }

  public Hash32 hash() {
    return hash;
  }

  public int transactionCount() {
    return transactions.size();
  }

  public byte[] transaction(int i) {
    return transactions.get(i).clone();
  }

  public List<byte[]> transactions() {
    List<byte[]> out = new ArrayList<>(transactions.size());
    for (byte[] tx : transactions) {
      out.add(tx.clone());
    }
    return out;
  }

  public Optional<CommitCertificate> lastCommit() {
    return lastCommit;
  }

  public void writeTo(CanonicalWriter w) {
    header.writeTo(w);
    w.list(transactions, CanonicalWriter::bytes);
    w.bool(lastCommit.isPresent());
    lastCommit.ifPresent(c -> c.writeTo(w));
  }

  public static Block readFrom(CanonicalReader r) {
    BlockHeader header = BlockHeader.readFrom(r);
    int count = (int) r.varint(BlockLimits.MAX_TRANSACTIONS);
    List<byte[]> txs = new ArrayList<>(Math.min(count, 1024));
    long total = 0;
    for (int i = 0; i < count; i++) {
      byte[] tx = r.bytes(BlockLimits.MAX_TRANSACTION_BYTES);
      total += tx.length;
      if (total > BlockLimits.MAX_TRANSACTIONS_BYTES) {
        throw new EncodingException(EncodingException.Reason.TOO_LARGE, "block too large");
      }
      txs.add(tx);
    }
    Optional<CommitCertificate> lastCommit =
        r.bool() ? Optional.of(CommitCertificate.readFrom(r)) : Optional.empty();
    return new Block(header, txs, lastCommit);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  public static Block decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Block b = readFrom(r);
    r.finish();
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Block other && hash.equals(other.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Block[h=" + header.height() + ", r=" + header.round() + ", " + hash + "]";
  }
}

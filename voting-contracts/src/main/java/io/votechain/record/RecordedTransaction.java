package io.votechain.record;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.merkle.InclusionProof;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One transaction of a block, as the record carries it (docs/election-record.md §3): its position
 * in the block, its role, its bytes exactly as committed, and the RFC 6962 audit path from it to
 * the header's transaction root. Immutable.
 */
public record RecordedTransaction(
    int index, TransactionRole role, byte[] transaction, List<Hash32> auditPath) {
  /** The largest transaction a block may hold (docs/consensus.md §3). */
  public static final int MAX_TRANSACTION_BYTES = 64 * 1024;

  public RecordedTransaction {
    Objects.requireNonNull(role, "role");
    if (index < 0) {
      throw new IllegalArgumentException("negative index");
    }
    transaction = transaction.clone();
    auditPath = List.copyOf(auditPath);
    if (auditPath.size() > InclusionProof.MAX_PATH) {
      throw new IllegalArgumentException("audit path too long");
    }
  }

  @Override
  public byte[] transaction() {
    return transaction.clone();
  }

  /** The inclusion proof for a block of {@code transactionCount} transactions. */
  public InclusionProof proof(int transactionCount) {
    return new InclusionProof(index, transactionCount, auditPath);
  }

  void writeTo(CanonicalWriter w) {
    w.varint(index).u8(role.tag()).bytes(transaction);
    w.list(auditPath, (x, h) -> x.fixed(h.bytes()));
  }

  static RecordedTransaction readFrom(CanonicalReader r) {
    int index = (int) r.varint(Integer.MAX_VALUE);
    int tag = r.u8();
    TransactionRole role = TransactionRole.ofTag(tag);
    if (role == null) {
      throw CanonicalReader.unknownTag("transaction role", tag);
    }
    byte[] tx = r.bytes(MAX_TRANSACTION_BYTES);
    List<Hash32> path = r.list(InclusionProof.MAX_PATH, x -> Hash32.of(x.fixed(Hash32.LENGTH)));
    return new RecordedTransaction(index, role, tx, path);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordedTransaction t
        && t.index == index
        && t.role == role
        && Arrays.equals(t.transaction, transaction)
        && t.auditPath.equals(auditPath);
  }

  @Override
  public int hashCode() {
    return index * 31 + Arrays.hashCode(transaction);
  }

  @Override
  public String toString() {
    return "RecordedTransaction[" + index + ", " + role + ", " + transaction.length + " bytes]";
  }

  static EncodingException invalid(String message) {
    return new EncodingException(EncodingException.Reason.INVALID_VALUE, message);
  }
}

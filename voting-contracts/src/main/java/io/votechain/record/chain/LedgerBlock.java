package io.votechain.record.chain;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A committed block as a node stores it (docs/consensus.md §3: {@code header, list<bytes>
 * transactions, bool hasLastCommit, [certificate]}) together with the certificate that commits it:
 * {@code lastCommit} is the parent's certificate as this block carries it (absent at height 1), the
 * one the header's {@code lastCommitHash} covers; {@code certificate} is this block's own. The
 * exporter reads blocks through this view, so the record code needs no node classes. Immutable.
 */
public record LedgerBlock(
    ChainHeader header,
    List<byte[]> transactions,
    Optional<byte[]> lastCommit,
    byte[] certificate) {
  public static final int MAX_TRANSACTION_BYTES = 64 * 1024;

  public LedgerBlock {
    Objects.requireNonNull(header, "header");
    transactions = List.copyOf(transactions);
    lastCommit = lastCommit.map(byte[]::clone);
    certificate = certificate.clone();
  }

  @Override
  public Optional<byte[]> lastCommit() {
    return lastCommit.map(byte[]::clone);
  }

  @Override
  public byte[] certificate() {
    return certificate.clone();
  }

  /** Parses a stored block encoding; throws only {@code EncodingException}. */
  public static LedgerBlock parse(byte[] blockEncoding, byte[] certificate) {
    CanonicalReader r = new CanonicalReader(blockEncoding);
    ChainHeader header = ChainHeader.readFrom(r);
    List<byte[]> txs = r.list(ChainHeader.MAX_TRANSACTIONS, x -> x.bytes(MAX_TRANSACTION_BYTES));
    // The parent's certificate follows (kept byte for byte: canonical, so re-encoding it gives the
    // bytes the header's lastCommitHash covers).
    Optional<byte[]> lastCommit =
        r.bool() ? Optional.of(ChainCertificate.readFrom(r).encode()) : Optional.empty();
    return new LedgerBlock(header, txs, lastCommit, certificate);
  }

  /** The stored encoding of a block with this header and transactions (for tests and tools). */
  public static byte[] encode(
      ChainHeader header, List<byte[]> transactions, Optional<byte[]> parentCertificate) {
    CanonicalWriter w = new CanonicalWriter();
    header.writeTo(w);
    w.list(transactions, CanonicalWriter::bytes);
    w.bool(parentCertificate.isPresent());
    parentCertificate.ifPresent(w::fixed);
    return w.toByteArray();
  }
}

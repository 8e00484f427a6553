package io.votechain.record.chain;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A committed block as a node stores it (docs/consensus.md §3: {@code header, list<bytes>
 * transactions, bool hasLastCommit, [certificate]}) together with the certificate that commits it.
 * The exporter reads blocks through this view, so the record code needs no node classes. Immutable.
 */
public record LedgerBlock(ChainHeader header, List<byte[]> transactions, byte[] certificate) {
  public static final int MAX_TRANSACTION_BYTES = 64 * 1024;

  public LedgerBlock {
    Objects.requireNonNull(header, "header");
    transactions = List.copyOf(transactions);
    certificate = certificate.clone();
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
    // The parent's certificate follows; the record carries this block's own certificate instead.
    return new LedgerBlock(header, txs, certificate);
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

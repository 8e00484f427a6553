package io.votechain.consensus.block;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/** A decided block with the certificate that proves the decision. Immutable. */
public record CommittedBlock(Block block, CommitCertificate certificate) {
  public CommittedBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(certificate, "certificate");
  }

  public long height() {
    return block.height();
  }

  public void writeTo(CanonicalWriter w) {
    block.writeTo(w);
    certificate.writeTo(w);
  }

  public static CommittedBlock readFrom(CanonicalReader r) {
    Block b = Block.readFrom(r);
    return new CommittedBlock(b, CommitCertificate.readFrom(r));
  }
}

package io.votechain.tx;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Objects;

/** A device submits attestation evidence; the transaction must be signed by the device key. */
public record AttestDevice(AttestationEvidence evidence) implements Transaction {
  public AttestDevice {
    Objects.requireNonNull(evidence, "evidence");
  }

  @Override
  public TxKind kind() {
    return TxKind.ATTEST_DEVICE;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    evidence.writeTo(w);
  }

  static AttestDevice readFields(CanonicalReader r) {
    return new AttestDevice(AttestationEvidence.readFrom(r));
  }
}

package io.votechain.tx;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;

/** An official returns a suspended device to service (it must attest afresh to count). */
public record ReinstateDevice(String deviceId) implements Transaction {
  public ReinstateDevice {
    Identifiers.require(deviceId, "device id");
  }

  @Override
  public TxKind kind() {
    return TxKind.REINSTATE_DEVICE;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(deviceId);
  }

  static ReinstateDevice readFields(CanonicalReader r) {
    return new ReinstateDevice(r.text(Identifiers.MAX_LENGTH));
  }
}

package io.votechain.tx;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;

/** An official takes a device out of service until reinstated; its ballots stop counting. */
public record SuspendDevice(String deviceId, String reason) implements Transaction {
  public static final int MAX_REASON_BYTES = 256;

  public SuspendDevice {
    Identifiers.require(deviceId, "device id");
    if (reason == null || reason.length() > MAX_REASON_BYTES / 4) {
      throw new IllegalArgumentException("reason too long");
    }
  }

  @Override
  public TxKind kind() {
    return TxKind.SUSPEND_DEVICE;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(deviceId).text(reason);
  }

  static SuspendDevice readFields(CanonicalReader r) {
    return new SuspendDevice(r.text(Identifiers.MAX_LENGTH), r.text(MAX_REASON_BYTES));
  }
}

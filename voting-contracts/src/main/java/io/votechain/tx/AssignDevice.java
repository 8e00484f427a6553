package io.votechain.tx;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;

/** An official assigns a device to a polling station. */
public record AssignDevice(String deviceId, String stationId) implements Transaction {
  public AssignDevice {
    Identifiers.require(deviceId, "device id");
    Identifiers.require(stationId, "station id");
  }

  @Override
  public TxKind kind() {
    return TxKind.ASSIGN_DEVICE;
  }

  @Override
  public void writeFields(CanonicalWriter w) {
    w.text(deviceId).text(stationId);
  }

  static AssignDevice readFields(CanonicalReader r) {
    return new AssignDevice(r.text(Identifiers.MAX_LENGTH), r.text(Identifiers.MAX_LENGTH));
  }
}

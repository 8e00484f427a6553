package io.votechain.contract;

/** A device's service status: ACTIVE ⇄ SUSPENDED, either → REVOKED (final). */
public enum DeviceStatus {
  ACTIVE,
  SUSPENDED,
  REVOKED
}

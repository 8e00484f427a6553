package io.votechain.device;

/**
 * Refusals the MQTT gateway itself gives, before a transaction reaches the contracts (docs/mqtt.md
 * §5). Numbered from 200 so they never collide with {@link io.votechain.tx.ErrorCode} (0–199 stay
 * the contracts'); a receipt's code is either. Numbers are part of the protocol: never renumber.
 */
public enum GatewayError {
  /** The payload is above 256 KiB. */
  PAYLOAD_TOO_LARGE(200, "the payload exceeds 256 KiB"),
  /**
   * The transaction's signer is not the registered key of the topic's device (or no such device).
   */
  NOT_A_DEVICE(201, "the signer is not the registered key of this topic's device"),
  /** Published on a topic the client may not publish on (another device's, or not a tx topic). */
  WRONG_TOPIC(202, "the client may not publish on this topic"),
  /** The device's token bucket is empty. */
  RATE_LIMITED(203, "too many messages from this device; retry later"),
  /**
   * The node's mempool, or its queue of transactions waiting for checks, is full: back-pressure.
   */
  MEMPOOL_FULL(204, "the node's mempool or its queue of checks is full; retry later"),
  /** A kind a device may not send (only AttestDevice, CheckIn, CastBallot, SpoilBallot). */
  NOT_A_DEVICE_TRANSACTION(
      205, "devices may send only AttestDevice, CheckIn, CastBallot, SpoilBallot"),
  /** This device already has as many pending transactions as one sender may. */
  PENDING_LIMIT(206, "this device has too many pending transactions"),
  /** The node could not process the message now (stopping, store error); retry later. */
  UNAVAILABLE(207, "the node cannot process the message now; retry later");

  private final int number;
  private final String meaning;

  GatewayError(int number, String meaning) {
    this.number = number;
    this.meaning = meaning;
  }

  public int number() {
    return number;
  }

  public String meaning() {
    return meaning;
  }

  /** The gateway error with this number, or null. */
  public static GatewayError ofNumber(int number) {
    for (GatewayError e : values()) {
      if (e.number == number) {
        return e;
      }
    }
    return null;
  }
}

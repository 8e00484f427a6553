package io.votechain.mempool;

/** The mempool's answer to a submitted transaction; the API and MQTT gateway return it. */
public enum Admission {
  ACCEPTED,
  /** The same transaction id is already pending (the submission is idempotent). */
  DUPLICATE,
  /** The transaction id was committed recently. */
  ALREADY_COMMITTED,
  /** The transaction alone exceeds the size limit. */
  TOO_LARGE,
  /** This sender already has as many pending transactions as one sender may. */
  SENDER_LIMIT,
  /**
   * The mempool, or the node's queue of transactions waiting for their checks, is full:
   * back-pressure, the client should retry later.
   */
  MEMPOOL_FULL
}

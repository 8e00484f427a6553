package io.votechain.p2p;

/** Why the transport dropped a frame or a connection; each is counted (docs/p2p.md). */
public enum DropReason {
  /** The length prefix exceeds the maximum frame size. */
  FRAME_TOO_LARGE,
  /** The frame is not a canonical encoding of a known frame kind. */
  MALFORMED,
  /** A frame kind that is not expected at this point of the handshake. */
  UNEXPECTED_FRAME,
  /** Another chain, or a sender or receiver that is not a validator of this one. */
  UNKNOWN_PEER,
  /** A handshake signature that does not verify. */
  BAD_SIGNATURE,
  /** A data frame whose tag under the session's key does not verify. */
  BAD_MAC,
  /** An ephemeral key share that is a low-order point (its shared secret is public). */
  BAD_KEY_SHARE,
  /** A data frame whose sequence number is not the next one (replay or reordering). */
  BAD_SEQUENCE,
  /** The handshake did not finish in time. */
  HANDSHAKE_TIMEOUT,
  /** The peer's queue was full while it was unreachable. */
  QUEUE_FULL
}

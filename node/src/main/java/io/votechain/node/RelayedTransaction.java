package io.votechain.node;

/**
 * A transaction as a peer relayed it: its canonical bytes and the decoding aid the peer sent along
 * ({@link StateMachine#decodingAid}; empty if none), which may save the receiver work but is
 * trusted for nothing.
 */
public record RelayedTransaction(byte[] bytes, byte[] decodingAid) {
  private static final byte[] NONE = new byte[0];

  /** A transaction relayed without an aid. */
  public static RelayedTransaction of(byte[] bytes) {
    return new RelayedTransaction(bytes, NONE);
  }
}

package io.votechain.p2p;

import java.time.Duration;

/**
 * Limits of the peer transport.
 *
 * @param maxFrameBytes the largest frame accepted; a larger length prefix closes the connection
 *     before anything is buffered
 * @param maxQueuedFrames frames kept per peer while it is unreachable; beyond, new frames are
 *     dropped and counted (consensus retransmits what matters on its own timeouts)
 * @param minBackoff first reconnection delay, doubled after each failure
 * @param maxBackoff cap of the reconnection delay
 * @param handshakeTimeout a connection not authenticated by then is closed
 */
public record TransportOptions(
    int maxFrameBytes,
    int maxQueuedFrames,
    Duration minBackoff,
    Duration maxBackoff,
    Duration handshakeTimeout) {
  public TransportOptions {
    if (maxFrameBytes < 1024 || maxQueuedFrames < 1) {
      throw new IllegalArgumentException("limits too small");
    }
  }

  public static TransportOptions defaults() {
    return new TransportOptions(
        16 * 1024 * 1024,
        10_000,
        Duration.ofMillis(50),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5));
  }
}

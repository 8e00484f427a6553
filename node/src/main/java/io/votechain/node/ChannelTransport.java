package io.votechain.node;

import io.votechain.p2p.PeerTransport;

/** Prefixes the consensus channel byte to what the driver sends (see {@link ValidatorNode}). */
final class ChannelTransport {
  private final PeerTransport transport;

  ChannelTransport(PeerTransport transport) {
    this.transport = transport;
  }

  void broadcast(byte[] message) {
    transport.broadcast(framed(message));
  }

  void send(int validator, byte[] message) {
    transport.send(validator, framed(message));
  }

  private static byte[] framed(byte[] message) {
    byte[] out = new byte[message.length + 1];
    out[0] = ValidatorNode.CHANNEL_CONSENSUS;
    System.arraycopy(message, 0, out, 1, message.length);
    return out;
  }
}

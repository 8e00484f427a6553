package io.votechain.node;

import io.votechain.p2p.PeerTransport;

/** Prefixes the consensus channel byte to what the driver sends (see {@link ValidatorNode}). */
final class ChannelTransport implements EquivocationFault.ChannelSink {
  private final PeerTransport transport;
  private final java.util.Optional<EquivocationFault> fault;

  ChannelTransport(PeerTransport transport) {
    this(transport, java.util.Optional.empty());
  }

  /** With an injected fault (end-to-end tests only, see {@link EquivocationFault}). */
  ChannelTransport(PeerTransport transport, java.util.Optional<EquivocationFault> fault) {
    this.transport = transport;
    this.fault = fault;
  }

  void publish(byte[] message) {
    if (fault.isPresent()) {
      fault.get().broadcast(message, this);
    } else {
      broadcast(message);
    }
  }

  @Override
  public void broadcast(byte[] message) {
    transport.broadcast(framed(message));
  }

  @Override
  public void send(int validator, byte[] message) {
    transport.send(validator, framed(message));
  }

  private static byte[] framed(byte[] message) {
    byte[] out = new byte[message.length + 1];
    out[0] = ValidatorNode.CHANNEL_CONSENSUS;
    System.arraycopy(message, 0, out, 1, message.length);
    return out;
  }
}

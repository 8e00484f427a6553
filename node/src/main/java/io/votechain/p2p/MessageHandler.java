package io.votechain.p2p;

/** Receives authenticated payloads; called on the transport's event loop, in order per sender. */
@FunctionalInterface
public interface MessageHandler {
  void onMessage(int fromPeer, byte[] payload);
}

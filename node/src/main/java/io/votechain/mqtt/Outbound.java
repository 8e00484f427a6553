package io.votechain.mqtt;

/**
 * Where the gateway's messages go: the built-in endpoint (to the connected, subscribed devices) or
 * the external broker. Called on the gateway's event loop.
 */
interface Outbound {
  void publish(String topic, byte[] payload, boolean retained);
}

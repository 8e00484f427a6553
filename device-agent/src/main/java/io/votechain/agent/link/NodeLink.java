package io.votechain.agent.link;

import java.util.Optional;

/**
 * The agent's connection to the validators (docs/device-agent.md §5). The MQTT implementation is
 * {@link MqttLink}; tests of the agent logic may plug in another. Thread safe.
 */
public interface NodeLink extends AutoCloseable {
  /** What the link reports; called on the link's own threads. */
  interface Listener {
    void connected(String endpoint);

    void disconnected(String endpoint, String why);

    /** A raw payload from a node topic; the agent decodes and verifies it. */
    void message(String topic, byte[] payload);
  }

  void start();

  /** Publishes at QoS 1; false if not connected (the caller keeps the message and retries). */
  boolean publish(String topic, byte[] payload);

  /** Drops the current endpoint (down or slow) and connects to the next one. */
  void failover(String why);

  /** The endpoint connected to now, if any. */
  Optional<String> endpoint();

  @Override
  void close();
}

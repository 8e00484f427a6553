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

  /**
   * The will: a payload for the device's status topic that the node publishes for it if the
   * connection ends without a clean goodbye (asked again at every connect, so it can carry fresh
   * values); the topic is {@code MqttTopics.status(deviceId)}. Links without wills ignore it.
   */
  default void will(java.util.function.Supplier<Optional<byte[]>> offlineStatus) {}

  /** Publishes at QoS 1; false if not connected (the caller keeps the message and retries). */
  boolean publish(String topic, byte[] payload);

  /** Drops the current endpoint (down or slow) and connects to the next one. */
  void failover(String why);

  /** The endpoint connected to now, if any. */
  Optional<String> endpoint();

  @Override
  void close();
}

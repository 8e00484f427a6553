package io.votechain.device;

import io.votechain.tx.Identifiers;
import java.util.Optional;

/**
 * The MQTT topic names of the device protocol (docs/mqtt.md §1) and the authorisation rule on them:
 * a device publishes only on its own {@code devices/{d}/tx} and {@code devices/{d}/status}, and
 * subscribes only to its own {@code devices/{d}/...} topics plus {@code chain/#} and {@code
 * elections/#}. Pure functions; thread safe.
 */
public final class MqttTopics {
  public static final String PREFIX = "votechain/v1/";
  public static final String CHALLENGE = PREFIX + "chain/challenge";

  /** What the node subscribes to in broker mode. */
  public static final String ALL_DEVICE_TX = PREFIX + "devices/+/tx";

  public static final String ALL_DEVICE_STATUS = PREFIX + "devices/+/status";

  private static final String DEVICES = PREFIX + "devices/";

  private MqttTopics() {}

  /** The leaf of a device's own topic. */
  public enum DeviceTopic {
    TX("tx"),
    RECEIPTS("receipts"),
    CONFIG("config"),
    STATUS("status");

    private final String leaf;

    DeviceTopic(String leaf) {
      this.leaf = leaf;
    }

    public String leaf() {
      return leaf;
    }

    static Optional<DeviceTopic> ofLeaf(String leaf) {
      for (DeviceTopic t : values()) {
        if (t.leaf.equals(leaf)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  /** A parsed device topic: {@code votechain/v1/devices/{deviceId}/{leaf}}. */
  public record DeviceTopicName(String deviceId, DeviceTopic topic) {
    public DeviceTopicName {
      Identifiers.require(deviceId, "deviceId");
    }
  }

  public static String device(String deviceId, DeviceTopic topic) {
    return DEVICES + Identifiers.require(deviceId, "deviceId") + "/" + topic.leaf();
  }

  public static String tx(String deviceId) {
    return device(deviceId, DeviceTopic.TX);
  }

  public static String receipts(String deviceId) {
    return device(deviceId, DeviceTopic.RECEIPTS);
  }

  public static String config(String deviceId) {
    return device(deviceId, DeviceTopic.CONFIG);
  }

  public static String status(String deviceId) {
    return device(deviceId, DeviceTopic.STATUS);
  }

  public static String electionConfig(String electionId) {
    return PREFIX + "elections/" + Identifiers.require(electionId, "electionId") + "/config";
  }

  /** The device and leaf of a concrete device topic, or empty for anything else (wildcards too). */
  public static Optional<DeviceTopicName> parseDevice(String topic) {
    if (topic == null || !topic.startsWith(DEVICES)) {
      return Optional.empty();
    }
    String rest = topic.substring(DEVICES.length());
    int slash = rest.indexOf('/');
    if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) {
      return Optional.empty();
    }
    String deviceId = rest.substring(0, slash);
    if (!Identifiers.isValid(deviceId)) {
      return Optional.empty();
    }
    return DeviceTopic.ofLeaf(rest.substring(slash + 1))
        .map(leaf -> new DeviceTopicName(deviceId, leaf));
  }

  /** Whether {@code deviceId} may publish on {@code topic}: only its own tx and status topics. */
  public static boolean mayPublish(String deviceId, String topic) {
    Optional<DeviceTopicName> parsed = parseDevice(topic);
    return parsed.isPresent()
        && parsed.get().deviceId().equals(deviceId)
        && (parsed.get().topic() == DeviceTopic.TX || parsed.get().topic() == DeviceTopic.STATUS);
  }

  /**
   * Whether {@code deviceId} may subscribe to {@code filter}: its own device topics (exact names or
   * {@code devices/{d}/#} / {@code devices/{d}/+}), and anything under {@code chain/} and {@code
   * elections/}. Any other wildcard is refused, so a device cannot listen to another's receipts.
   */
  public static boolean maySubscribe(String deviceId, String filter) {
    if (filter == null) {
      return false;
    }
    if (filter.equals(PREFIX + "chain/#") || filter.equals(PREFIX + "elections/#")) {
      return true;
    }
    if (filter.startsWith(PREFIX + "chain/") || filter.startsWith(PREFIX + "elections/")) {
      String rest = filter.substring(PREFIX.length());
      return !rest.contains("#") || rest.endsWith("/#") && rest.indexOf('#') == rest.length() - 1;
    }
    String own = DEVICES + deviceId + "/";
    if (filter.equals(own + "#") || filter.equals(own + "+")) {
      return true;
    }
    Optional<DeviceTopicName> parsed = parseDevice(filter);
    return parsed.isPresent() && parsed.get().deviceId().equals(deviceId);
  }
}

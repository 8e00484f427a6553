package io.votechain.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttTopicsTest {
  @Test
  void topicNamesAreThoseOfTheProtocol() {
    assertEquals("votechain/v1/devices/kiosk-1/tx", MqttTopics.tx("kiosk-1"));
    assertEquals("votechain/v1/devices/kiosk-1/receipts", MqttTopics.receipts("kiosk-1"));
    assertEquals("votechain/v1/devices/kiosk-1/config", MqttTopics.config("kiosk-1"));
    assertEquals("votechain/v1/devices/kiosk-1/status", MqttTopics.status("kiosk-1"));
    assertEquals("votechain/v1/chain/challenge", MqttTopics.CHALLENGE);
    assertEquals("votechain/v1/elections/e1/config", MqttTopics.electionConfig("e1"));
  }

  @Test
  void deviceTopicParses() {
    assertEquals(
        Optional.of(new MqttTopics.DeviceTopicName("kiosk-1", MqttTopics.DeviceTopic.TX)),
        MqttTopics.parseDevice("votechain/v1/devices/kiosk-1/tx"));
    assertEquals(Optional.empty(), MqttTopics.parseDevice("votechain/v1/devices/+/tx"));
    assertEquals(Optional.empty(), MqttTopics.parseDevice("votechain/v1/devices/k/tx/more"));
    assertEquals(Optional.empty(), MqttTopics.parseDevice("votechain/v1/devices/k/other"));
  }

  @Test
  void deviceMayPublishOnlyOnItsOwnTxAndStatus() {
    assertTrue(MqttTopics.mayPublish("k1", "votechain/v1/devices/k1/tx"));
    assertTrue(MqttTopics.mayPublish("k1", "votechain/v1/devices/k1/status"));
    assertFalse(MqttTopics.mayPublish("k1", "votechain/v1/devices/k2/tx"));
    assertFalse(MqttTopics.mayPublish("k1", "votechain/v1/devices/k1/receipts"));
    assertFalse(MqttTopics.mayPublish("k1", "votechain/v1/chain/challenge"));
  }

  @Test
  void deviceMaySubscribeToItsOwnTopicsAndPublicOnes() {
    assertTrue(MqttTopics.maySubscribe("k1", "votechain/v1/devices/k1/receipts"));
    assertTrue(MqttTopics.maySubscribe("k1", "votechain/v1/devices/k1/#"));
    assertTrue(MqttTopics.maySubscribe("k1", "votechain/v1/chain/#"));
    assertTrue(MqttTopics.maySubscribe("k1", "votechain/v1/chain/challenge"));
    assertTrue(MqttTopics.maySubscribe("k1", "votechain/v1/elections/#"));
    assertTrue(MqttTopics.maySubscribe("k1", "votechain/v1/elections/e1/config"));
  }

  @Test
  void deviceMayNotSubscribeToAnotherDevicesTopics() {
    assertFalse(MqttTopics.maySubscribe("k1", "votechain/v1/devices/k2/receipts"));
    assertFalse(MqttTopics.maySubscribe("k1", "votechain/v1/devices/+/receipts"));
    assertFalse(MqttTopics.maySubscribe("k1", "votechain/v1/devices/#"));
    assertFalse(MqttTopics.maySubscribe("k1", "votechain/v1/#"));
    assertFalse(MqttTopics.maySubscribe("k1", "#"));
    assertFalse(MqttTopics.maySubscribe("k1", "votechain/v1/chain/#/x"));
  }
}

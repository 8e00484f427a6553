package io.votechain.mqtt;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.device.NodeMessage;
import io.votechain.device.Receipt;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho MQTT client standing in for a polling-station device in the tests. */
final class DeviceClient implements AutoCloseable {
  record Received(String topic, byte[] payload, boolean retained) {}

  final MqttClient client;
  final List<Received> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

  DeviceClient(String url, String clientId) throws MqttException {
    client = new MqttClient(url, clientId, new MemoryPersistence());
    client.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            messages.add(new Received(topic, message.getPayload(), message.isRetained()));
          }

          @Override
          public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
        });
  }

  DeviceClient connect(String username, String password) throws MqttException {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setKeepAliveInterval(30);
    if (username != null) {
      options.setUserName(username);
      options.setPassword(password.toCharArray());
    }
    client.connect(options);
    return this;
  }

  /** Subscribes; returns the granted QoS (128 = refused). */
  int subscribe(String filter) throws MqttException {
    try {
      IMqttToken token = client.subscribeWithResponse(filter, 1);
      return token.getGrantedQos()[0];
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
        return 128;
      }
      throw e;
    }
  }

  void publish(String topic, byte[] payload) throws MqttException {
    client.publish(topic, payload, 1, false);
  }

  /** Waits until {@code count} messages on {@code topic} satisfy the filter (fails after 30 s). */
  List<Received> await(String topic, java.util.function.Predicate<Received> filter, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      List<Received> found =
          messages.stream().filter(m -> m.topic().equals(topic) && filter.test(m)).toList();
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(found.size() + " of " + count + " messages on " + topic);
      }
      Thread.sleep(25);
    }
  }

  Received next(String topic, java.util.function.Predicate<Received> filter)
      throws InterruptedException {
    return await(topic, filter, 1).get(0);
  }

  static boolean isReceiptFor(Received m, Hash32 txId) {
    try {
      return Receipt.decode(NodeMessage.decode(m.payload()).body()).txId().equals(txId);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The receipt for {@code txId} on {@code topic}, its NodeMessage checked against the genesis. */
  Receipt receipt(String topic, Hash32 txId, String chainId, List<Ed25519PublicKey> validators)
      throws InterruptedException {
    Received r = next(topic, m -> isReceiptFor(m, txId));
    NodeMessage message = NodeMessage.decode(r.payload());
    if (message.verify(chainId, validators) != NodeMessage.Check.VALID) {
      throw new AssertionError("receipt signature: " + message.verify(chainId, validators));
    }
    return Receipt.decode(message.body());
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}

package io.votechain.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.votechain.device.MqttTopics;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Broker mode (docs/mqtt.md §11): the node as a Paho client of an external broker, serving the same
 * topics. It subscribes to every device's tx and status topic, hands each message to the {@link
 * GatewayCore} with no authenticated publisher (the broker's ACLs are the operator's, so the
 * signature against the topic's device decides), and publishes receipts, configs and the challenge
 * (retained) there. Connection loss: Paho reconnects with exponential back-off (1 s doubling to
 * {@code maxReconnectDelayMillis}); the first connection is retried the same way; on every
 * (re)connection the subscriptions and retained messages are renewed.
 *
 * <p>Threading: Paho calls back on its own threads; everything is passed to the gateway's context.
 * Messages are acknowledged (manual PUBACK) once the gateway has taken them.
 */
final class BrokerBridge implements Outbound {
  private static final Logger LOG = Logger.getLogger(BrokerBridge.class.getName());

  private final Vertx vertx;
  private final GatewayCore core;
  private final MqttSettings.Broker settings;
  private final GatewayStats stats;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicLong firstConnectDelay = new AtomicLong(500);
  private MqttAsyncClient client;

  BrokerBridge(Vertx vertx, GatewayCore core, MqttSettings.Broker settings, GatewayStats stats) {
    this.vertx = vertx;
    this.core = core;
    this.settings = settings;
    this.stats = stats;
  }

  /** Starts connecting; completes when the first connection is up or has been scheduled again. */
  Future<Void> start() {
    try {
      client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      return Future.failedFuture(e);
    }
    client.setManualAcks(true);
    client.setCallback(
        new MqttCallbackExtended() {
          @Override
          public void connectComplete(boolean reconnect, String serverUri) {
            subscribe();
          }

          @Override
          public void connectionLost(Throwable cause) {
            stats.dropped("BROKER_CONNECTION_LOST");
            LOG.log(Level.WARNING, "broker connection lost; Paho reconnects", cause);
          }

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            int id = message.getId();
            int qos = message.getQos();
            core.onContext(
                () ->
                    core.onPublish(Optional.empty(), topic, payload)
                        .onComplete(ar -> acknowledge(id, qos)));
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    Promise<Void> first = Promise.promise();
    connect(first);
    return first.future();
  }

  private void connect(Promise<Void> first) {
    if (stopped.get()) {
      return;
    }
    MqttConnectOptions options = new MqttConnectOptions();
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(
        (int) Math.min(Integer.MAX_VALUE, settings.maxReconnectDelayMillis()));
    options.setCleanSession(true);
    options.setKeepAliveInterval(30);
    options.setMaxInflight(1000);
    settings.username().ifPresent(options::setUserName);
    settings.password().ifPresent(p -> options.setPassword(p.toCharArray()));
    try {
      client.connect(
          options,
          null,
          new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              first.tryComplete();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              stats.dropped("BROKER_CONNECT_FAILED");
              // Paho retries only after a first success: the first connection backs off here.
              long delay =
                  firstConnectDelay.getAndUpdate(
                      d -> Math.min(d * 2, settings.maxReconnectDelayMillis()));
              LOG.warning(
                  "broker " + settings.url() + " unreachable, retrying in " + delay + " ms");
              first.tryComplete();
              vertx.setTimer(delay, t -> connect(Promise.promise()));
            }
          });
    } catch (MqttException e) {
      first.tryFail(e);
    }
  }

  private void subscribe() {
    String prefix = settings.sharedGroup().map(g -> "$share/" + g + "/").orElse("");
    try {
      client.subscribe(
          new String[] {prefix + MqttTopics.ALL_DEVICE_TX, prefix + MqttTopics.ALL_DEVICE_STATUS},
          new int[] {1, 1});
    } catch (MqttException e) {
      LOG.log(Level.WARNING, "subscribing at the broker failed", e);
      return;
    }
    // A broker restarted without persistence has lost the retained messages: publish them again.
    core.onContext(
        () -> {
          for (var r : core.retainedMatching("#")) {
            publish(r.getKey(), r.getValue(), true);
          }
        });
  }

  private void acknowledge(int id, int qos) {
    if (qos == 0) {
      return;
    }
    try {
      client.messageArrivedComplete(id, qos);
    } catch (MqttException e) {
      stats.dropped("BROKER_ACK_FAILED");
    }
  }

  @Override
  public void publish(String topic, byte[] payload, boolean retained) {
    if (client == null || !client.isConnected()) {
      stats.dropped("BROKER_NOT_CONNECTED"); // retained ones are republished on reconnection
      return;
    }
    try {
      client.publish(topic, payload, 1, retained);
    } catch (MqttException e) {
      stats.dropped("BROKER_PUBLISH_FAILED");
    }
  }

  Future<Void> stop() {
    stopped.set(true);
    if (client == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          try {
            if (client.isConnected()) {
              client.disconnect(2_000).waitForCompletion(3_000);
            }
          } catch (MqttException e) {
            // closing anyway
          }
          try {
            client.close(true);
          } catch (MqttException e) {
            // already closed
          }
          return null;
        });
  }
}

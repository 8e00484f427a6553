package io.votechain.agent.link;

import io.votechain.device.MqttTopics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The link to the validators over MQTT 3.1.1 with Eclipse Paho (docs/mqtt.md): several endpoints,
 * one connection at a time. A connector thread connects to the current endpoint; a failed connect,
 * a lost connection or a {@link #failover} moves to the next endpoint after an exponential back-off
 * with jitter ({@link Backoff}). Paho's own reconnect and its persistence are off: the agent's
 * {@link io.votechain.agent.queue.Outbox} is the only durable store, and the agent re-sends from it
 * after every reconnect (clean session, QoS 1).
 *
 * <p>The client id is the device id and the CONNECT password is supplied fresh for every attempt (a
 * signature over a recent challenge height), so it is never stale. Thread safe.
 */
public final class MqttLink implements NodeLink {
  private static final Logger LOG = Logger.getLogger(MqttLink.class.getName());

  private final List<String> endpoints;
  private final String deviceId;
  private final Function<String, Optional<byte[]>> password;
  private final Backoff backoff;
  private final Listener listener;
  private final int connectTimeoutSeconds;
  private final AtomicReference<MqttClient> client = new AtomicReference<>();
  private final Object signal = new Object();
  private volatile boolean running;
  private volatile boolean reconnect;
  private volatile String lastCause = "";
  private volatile java.util.function.Supplier<Optional<byte[]>> will = Optional::empty;
  private int index;
  private Thread connector;

  public MqttLink(
      List<String> endpoints,
      String deviceId,
      Function<String, Optional<byte[]>> password,
      Backoff backoff,
      int connectTimeoutSeconds,
      Listener listener) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint");
    }
    this.endpoints = List.copyOf(endpoints);
    this.deviceId = deviceId;
    this.password = password;
    this.backoff = backoff;
    this.connectTimeoutSeconds = connectTimeoutSeconds;
    this.listener = listener;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    reconnect = true;
    connector = new Thread(this::connectLoop, "mqtt-link-" + deviceId);
    connector.setDaemon(true);
    connector.start();
  }

  @Override
  public void will(java.util.function.Supplier<Optional<byte[]>> offlineStatus) {
    this.will = offlineStatus;
  }

  @Override
  public boolean publish(String topic, byte[] payload) {
    MqttClient c = client.get();
    if (c == null || !c.isConnected()) {
      return false;
    }
    try {
      MqttMessage message = new MqttMessage(payload);
      message.setQos(1);
      c.getTopic(topic).publish(message);
      return true;
    } catch (MqttException e) {
      LOG.fine(() -> "publish failed on " + c.getServerURI() + ": " + e.getMessage());
      return false;
    }
  }

  @Override
  public void failover(String why) {
    MqttClient c = client.getAndSet(null);
    if (c != null) {
      lastCause = why;
      index++;
      closeQuietly(c);
      listener.disconnected(c.getServerURI(), why);
    }
    wake();
  }

  @Override
  public Optional<String> endpoint() {
    MqttClient c = client.get();
    return c != null && c.isConnected() ? Optional.of(c.getServerURI()) : Optional.empty();
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = connector;
    }
    wake();
    MqttClient c = client.getAndSet(null);
    if (c != null) {
      closeQuietly(c);
    }
    if (t != null) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(connectTimeoutSeconds + 2L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void wake() {
    synchronized (signal) {
      reconnect = true;
      signal.notifyAll();
    }
  }

  private void connectLoop() {
    while (running) {
      synchronized (signal) {
        while (running && !reconnect) {
          try {
            signal.wait(1_000);
          } catch (InterruptedException e) {
            return;
          }
          MqttClient c = client.get();
          if (c != null && !c.isConnected()) {
            reconnect = true;
          }
        }
        reconnect = false;
      }
      if (!running) {
        return;
      }
      String uri = endpoints.get(Math.floorMod(index, endpoints.size()));
      if (connect(uri)) {
        backoff.reset();
        continue;
      }
      index++;
      long delay = backoff.nextDelayMillis();
      synchronized (signal) {
        try {
          if (running) {
            signal.wait(Math.max(1, delay));
          }
        } catch (InterruptedException e) {
          return;
        }
        reconnect = true;
      }
    }
  }

  private boolean connect(String uri) {
    MqttClient c = null;
    try {
      c = new MqttClient(uri, deviceId, new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      options.setAutomaticReconnect(false);
      options.setConnectionTimeout(connectTimeoutSeconds);
      options.setKeepAliveInterval(10);
      options.setMaxInflight(16);
      options.setUserName(deviceId);
      will.get()
          .ifPresent(status -> options.setWill(MqttTopics.status(deviceId), status, 1, false));
      Optional<byte[]> secret = password.apply(uri);
      if (secret.isPresent()) {
        options.setPassword(new String(secret.get(), StandardCharsets.ISO_8859_1).toCharArray());
      }
      MqttClient self = c;
      c.setCallback(
          new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
              if (client.compareAndSet(self, null)) {
                lastCause = String.valueOf(cause);
                index++;
                listener.disconnected(uri, lastCause);
                wake();
              }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
              listener.message(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
          });
      c.connect(options);
      c.subscribe(
          new String[] {
            MqttTopics.receipts(deviceId),
            MqttTopics.config(deviceId),
            MqttTopics.PREFIX + "chain/#",
            MqttTopics.PREFIX + "elections/#"
          },
          new int[] {1, 1, 1, 1});
      client.set(c);
      listener.connected(uri);
      return true;
    } catch (MqttException | RuntimeException e) {
      lastCause = e.getMessage();
      LOG.log(Level.FINE, "connect to " + uri + " failed", e);
      if (c != null) {
        closeQuietly(c);
      }
      listener.disconnected(uri, "connect failed: " + e.getMessage());
      return false;
    }
  }

  private static void closeQuietly(MqttClient c) {
    try {
      if (c.isConnected()) {
        c.disconnectForcibly(200, 200);
      }
    } catch (MqttException e) {
      // already gone
    }
    try {
      c.close(true);
    } catch (MqttException e) {
      // already closed
    }
  }
}

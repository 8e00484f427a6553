package io.votechain.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.device.ConnectPassword;
import io.votechain.device.MqttTopics;
import io.votechain.encoding.EncodingException;
import io.votechain.node.NodeContext;
import io.votechain.tx.Identifiers;
import io.votechain.tx.TxKind;
import java.math.BigInteger;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The node's built-in MQTT endpoint (docs/mqtt.md §6): a vertx-mqtt server that authenticates each
 * device (client id = device id; CONNECT password = a {@link ConnectPassword} in hex, or a TLS
 * client certificate for the device key), lets it publish and subscribe only on its own topics, and
 * hands its publications to the {@link GatewayCore}. vertx-mqtt is an endpoint, not a broker: this
 * class routes the gateway's messages to the subscribed sessions and replays the retained ones on
 * subscription. Sessions are not persistent: a device that reconnects re-publishes what it has no
 * receipt for, and gets the receipt from the committed state.
 *
 * <p>Threading: handlers run on the gateway's context (the server listens from it).
 */
final class EndpointServer implements Outbound {
  /** A publication larger than this is a protocol error: the decoder drops the connection. */
  static final int MAX_MESSAGE_SIZE = TxKind.MAX_SIZE + 8 * 1024;

  private final NodeContext node;
  private final GatewayCore core;
  private final MqttSettings settings;
  private final GatewayStats stats;
  private final Map<String, Session> sessions = new HashMap<>();
  private MqttServer server;

  private static final class Session {
    final String deviceId;
    final MqttEndpoint endpoint;
    final List<String> filters = new ArrayList<>();
    int inflight;
    boolean disconnected;

    Session(String deviceId, MqttEndpoint endpoint) {
      this.deviceId = deviceId;
      this.endpoint = endpoint;
    }
  }

  EndpointServer(NodeContext node, GatewayCore core, MqttSettings settings, GatewayStats stats) {
    this.node = node;
    this.core = core;
    this.settings = settings;
    this.stats = stats;
  }

  Future<Integer> listen(Vertx vertx) {
    MqttServerOptions options =
        new MqttServerOptions()
            .setHost(settings.host())
            .setPort(settings.port())
            .setMaxMessageSize(MAX_MESSAGE_SIZE)
            .setMaxClientIdLength(Identifiers.MAX_LENGTH);
    settings
        .tls()
        .ifPresent(
            tls -> {
              options
                  .setSsl(true)
                  .setKeyCertOptions(
                      new PemKeyCertOptions()
                          .setCertPath(tls.certPath())
                          .setKeyPath(tls.keyPath()));
              if (tls.clientCaPath() != null) {
                options
                    .setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCaPath()))
                    .setClientAuth(
                        tls.requireClientCert() ? ClientAuth.REQUIRED : ClientAuth.REQUEST);
              }
            });
    server = MqttServer.create(vertx, options);
    server.endpointHandler(this::onConnect).exceptionHandler(e -> stats.dropped("PROTOCOL_ERROR"));
    return server.listen().map(MqttServer::actualPort);
  }

  Future<Void> close() {
    for (Session s : List.copyOf(sessions.values())) {
      closeQuietly(s.endpoint);
    }
    sessions.clear();
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Closes a connection that may already be closing (vertx-mqtt throws for a closed one). */
  private static void closeQuietly(MqttEndpoint endpoint) {
    try {
      if (endpoint.isConnected()) {
        endpoint.close();
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      // already closed
    }
  }

  private void onConnect(MqttEndpoint endpoint) {
    String deviceId = endpoint.clientIdentifier();
    boolean v5 = endpoint.protocolVersion() == 5;
    if (!Identifiers.isValid(deviceId)) {
      refuseConnect(
          endpoint,
          v5
              ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
              : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
          "BAD_CLIENT_ID");
      return;
    }
    if (endpoint.will() != null
        && endpoint.will().isWillFlag()
        && !MqttTopics.status(deviceId).equals(endpoint.will().getWillTopic())) {
      refuseConnect(endpoint, notAuthorized(v5), "WILL_TOPIC");
      return;
    }
    core.deviceKey(deviceId)
        .onComplete(
            ar -> {
              if (ar.failed() || ar.result().isEmpty()) {
                refuseConnect(endpoint, notAuthorized(v5), "NOT_A_DEVICE");
              } else if (!authenticated(endpoint, deviceId, ar.result().get())) {
                refuseConnect(
                    endpoint,
                    v5
                        ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                        : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
                    "BAD_CREDENTIALS");
              } else {
                accept(endpoint, deviceId);
              }
            });
  }

  private static MqttConnectReturnCode notAuthorized(boolean v5) {
    return v5
        ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
        : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
  }

  private void refuseConnect(MqttEndpoint endpoint, MqttConnectReturnCode code, String reason) {
    stats.dropped("CONNECT_" + reason);
    endpoint.reject(code);
  }

  /** A TLS client certificate for the device key, else the signed CONNECT password. */
  private boolean authenticated(MqttEndpoint endpoint, String deviceId, EcdsaP256PublicKey key) {
    if (endpoint.isSsl()) {
      Optional<byte[]> certKey = clientCertificateKey(endpoint);
      if (certKey.isPresent()) {
        return java.security.MessageDigest.isEqual(certKey.get(), key.encoded());
      }
    }
    if (endpoint.auth() == null || endpoint.auth().getPassword() == null) {
      return false;
    }
    try {
      ConnectPassword password =
          ConnectPassword.decode(HexFormat.of().parseHex(endpoint.auth().getPassword()));
      return password.verify(
          key, core.chainId(), deviceId, core.committedHeight(), Math.max(1, core.nonceWindow()));
    } catch (IllegalArgumentException | EncodingException e) {
      return false;
    }
  }

  /** The client certificate's P-256 key in compressed SEC1 form, if the client sent one. */
  static Optional<byte[]> clientCertificateKey(MqttEndpoint endpoint) {
    try {
      Certificate[] chain = endpoint.sslSession().getPeerCertificates();
      if (chain.length > 0
          && chain[0] instanceof X509Certificate cert
          && cert.getPublicKey() instanceof ECPublicKey ec) {
        return Optional.of(compressed(ec));
      }
    } catch (SSLPeerUnverifiedException | RuntimeException e) {
      // no client certificate: password authentication decides
    }
    return Optional.empty();
  }

  static byte[] compressed(ECPublicKey ec) {
    BigInteger x = ec.getW().getAffineX();
    BigInteger y = ec.getW().getAffineY();
    byte[] out = new byte[33];
    out[0] = (byte) (y.testBit(0) ? 0x03 : 0x02);
    byte[] xb = x.toByteArray();
    int len = Math.min(32, xb.length);
    System.arraycopy(xb, xb.length - len, out, 33 - len, len);
    return out;
  }

  private void accept(MqttEndpoint endpoint, String deviceId) {
    Session previous = sessions.remove(deviceId);
    if (previous != null) {
      previous.disconnected = true; // MQTT: a new connection with the same client id wins
      closeQuietly(previous.endpoint);
    }
    Session session = new Session(deviceId, endpoint);
    sessions.put(deviceId, session);
    stats.connections.incrementAndGet();
    endpoint.publishAutoAck(false);
    endpoint.subscribeHandler(m -> onSubscribe(session, m));
    endpoint.unsubscribeHandler(
        m -> {
          session.filters.removeAll(m.topics());
          endpoint.unsubscribeAcknowledge(m.messageId());
        });
    endpoint.publishHandler(m -> onPublish(session, m));
    endpoint.disconnectHandler(v -> session.disconnected = true);
    endpoint.exceptionHandler(e -> stats.dropped("CONNECTION_ERROR"));
    endpoint.closeHandler(v -> onClose(session));
    endpoint.accept(false);
  }

  private void onClose(Session session) {
    if (sessions.get(session.deviceId) == session) {
      sessions.remove(session.deviceId);
    }
    if (!session.disconnected
        && session.endpoint.will() != null
        && session.endpoint.will().isWillFlag()) {
      // An unclean close: the will (a signed offline heartbeat) is published for the device.
      core.onPublish(
          Optional.of(session.deviceId),
          session.endpoint.will().getWillTopic(),
          session.endpoint.will().getWillMessageBytes());
    }
  }

  private void onSubscribe(Session session, MqttSubscribeMessage message) {
    List<MqttQoS> granted = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    for (MqttTopicSubscription s : message.topicSubscriptions()) {
      if (MqttTopics.maySubscribe(session.deviceId, s.topicName())) {
        granted.add(
            s.qualityOfService() == MqttQoS.AT_MOST_ONCE
                ? MqttQoS.AT_MOST_ONCE
                : MqttQoS.AT_LEAST_ONCE);
        accepted.add(s.topicName());
      } else {
        stats.dropped("SUBSCRIBE_REFUSED");
        granted.add(MqttQoS.FAILURE);
      }
    }
    session.filters.addAll(accepted);
    session.endpoint.subscribeAcknowledge(message.messageId(), granted);
    for (String filter : accepted) {
      for (Map.Entry<String, byte[]> r : core.retainedMatching(filter)) {
        send(session, r.getKey(), r.getValue(), true);
      }
      if (TopicFilter.matches(filter, MqttTopics.config(session.deviceId))) {
        core.publishDeviceConfig(session.deviceId);
      }
    }
  }

  private void onPublish(Session session, MqttPublishMessage message) {
    if (message.qosLevel() == MqttQoS.EXACTLY_ONCE) {
      stats.dropped("QOS2_REFUSED"); // the protocol is QoS 1: a QoS 2 flow is not supported
      closeQuietly(session.endpoint);
      return;
    }
    if (session.inflight >= settings.maxInflight()) {
      stats.dropped("INFLIGHT_LIMIT");
      closeQuietly(session.endpoint);
      return;
    }
    session.inflight++;
    core.onPublish(Optional.of(session.deviceId), message.topicName(), message.payload().getBytes())
        .onComplete(
            ar -> {
              session.inflight--;
              if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE && session.endpoint.isConnected()) {
                session.endpoint.publishAcknowledge(message.messageId());
              }
            });
  }

  @Override
  public void publish(String topic, byte[] payload, boolean retained) {
    for (Session s : List.copyOf(sessions.values())) {
      for (String filter : s.filters) {
        if (TopicFilter.matches(filter, topic)) {
          send(s, topic, payload, false);
          break;
        }
      }
    }
  }

  private void send(Session s, String topic, byte[] payload, boolean retained) {
    if (s.endpoint.isConnected()) {
      s.endpoint.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, retained);
    }
  }
}

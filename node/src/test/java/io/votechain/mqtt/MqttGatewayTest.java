package io.votechain.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.device.BallotInclusion;
import io.votechain.device.Challenge;
import io.votechain.device.ConnectPassword;
import io.votechain.device.DeviceConfig;
import io.votechain.device.ElectionConfig;
import io.votechain.device.GatewayError;
import io.votechain.device.MqttTopics;
import io.votechain.device.NodeMessage;
import io.votechain.device.Receipt;
import io.votechain.encoding.CanonicalReader;
import io.votechain.testing.Await;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CheckIn;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.SignedTransaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway's built-in endpoint over real MQTT (TCP, Paho clients as kiosks) in front of a real
 * contracts validator: attestation, check-in and an in-person ballot end with committed, signed
 * receipts whose inclusion proofs verify; hostile devices get the documented refusals. The methods
 * run in order on one network (each builds on the ledger the previous ones left).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MqttGatewayTest {
  private Path dir;
  private DeviceNetwork net;
  private String url;
  private DeviceClient kiosk1;
  private DeviceClient kiosk2;

  @BeforeAll
  void start() throws Exception {
    dir = DeviceNetwork.tempDir();
    net =
        DeviceNetwork.open(
            dir,
            new JsonObject()
                .put("host", "127.0.0.1")
                .put("port", 0)
                .put("ratePerSecond", 2.0)
                .put("burst", 8)
                .put("challengeEveryBlocks", 2));
    url = "tcp://127.0.0.1:" + net.gateway().port().orElseThrow();
    kiosk1 = connected("kiosk-1");
    kiosk2 = connected("kiosk-2");
  }

  @AfterAll
  void stop() throws Exception {
    for (DeviceClient c : new DeviceClient[] {kiosk1, kiosk2}) {
      if (c != null) {
        c.close();
      }
    }
    if (net != null) {
      net.close();
    }
    DeviceNetwork.deleteQuietly(dir);
  }

  private DeviceClient connected(String deviceId) throws Exception {
    DeviceClient c = new DeviceClient(url, deviceId);
    c.connect(deviceId, password(deviceId, net.devices.get(deviceId)));
    assertEquals(1, c.subscribe(MqttTopics.receipts(deviceId)));
    assertEquals(1, c.subscribe(MqttTopics.config(deviceId)));
    assertEquals(1, c.subscribe("votechain/v1/chain/#"));
    assertEquals(1, c.subscribe("votechain/v1/elections/#"));
    return c;
  }

  private String password(String deviceId, EcdsaP256Signer key) {
    return HexFormat.of()
        .formatHex(ConnectPassword.sign(key, net.chainId, deviceId, net.node.height()).encode());
  }

  private NodeMessage verified(DeviceClient.Received m) {
    NodeMessage message = NodeMessage.decode(m.payload());
    assertEquals(NodeMessage.Check.VALID, message.verify(net.chainId, net.validators));
    return message;
  }

  private Receipt send(DeviceClient client, String deviceId, SignedTransaction tx)
      throws Exception {
    client.publish(MqttTopics.tx(deviceId), tx.encode());
    Receipt r = client.receipt(MqttTopics.receipts(deviceId), tx.id(), net.chainId, net.validators);
    return r;
  }

  /** Attests with the retained challenge; returns the committed receipt. */
  private Receipt attest(DeviceClient client, String deviceId) throws Exception {
    DeviceClient.Received retained = client.next(MqttTopics.CHALLENGE, m -> true);
    Challenge challenge = Challenge.decode(verified(retained).body());
    EcdsaP256Signer key = net.devices.get(deviceId);
    SignedTransaction tx =
        net.sign(
            key,
            new AttestDevice(
                AttestationEvidence.sign(
                    key,
                    net.chainId,
                    deviceId,
                    DeviceNetwork.MEASUREMENT,
                    1,
                    challenge.height(),
                    challenge.blockHash())));
    return send(client, deviceId, tx);
  }

  @Test
  @Order(1)
  void statsAreServedOverHttpAsTheOpenApiDocumentDescribesThem() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + net.node.httpPort();
    JsonObject openApi = new JsonObject(get(http, base + "/api/v1/openapi.json"));
    assertTrue(openApi.getJsonObject("paths").containsKey("/api/v1/mqtt/stats"));
    JsonObject stats = new JsonObject(get(http, base + "/api/v1/mqtt/stats"));
    io.votechain.api.SchemaCheck schemas = new io.votechain.api.SchemaCheck(openApi);
    assertEquals(List.of(), schemas.check("MqttStats", stats));
    // The schema is strict enough to notice a wrong answer.
    assertTrue(!schemas.check("MqttStats", stats.copy().put("received", -1)).isEmpty());
    assertTrue(!schemas.check("MqttStats", stats.copy().put("surprise", 1)).isEmpty());
  }

  private static String get(java.net.http.HttpClient http, String uri) throws Exception {
    java.net.http.HttpResponse<String> r =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), uri);
    return r.body();
  }

  @Test
  @Order(1)
  void retainedConfigsReachANewSubscriber() throws Exception {
    NodeMessage election =
        verified(kiosk1.next(MqttTopics.electionConfig(DeviceNetwork.ELECTION), m -> m.retained()));
    ElectionConfig config = ElectionConfig.decode(election.body());
    assertEquals(net.manifest, config.manifest());
    assertTrue(config.jointKey().isPresent());
    DeviceConfig device =
        DeviceConfig.decode(verified(kiosk1.next(MqttTopics.config("kiosk-1"), m -> true)).body());
    assertEquals(DeviceNetwork.STATION, device.stationId());
    assertEquals(List.of(DeviceNetwork.ELECTION), device.elections());
  }

  @Test
  @Order(2)
  void kioskAttestsChecksInAndCastsABallotWithAVerifiableReceipt() throws Exception {
    Receipt attested = attest(kiosk1, "kiosk-1");
    assertEquals("OK", attested.codeName(), attested.reason());
    assertTrue(attested.height() > 0);

    var voter = net.voters.get(0);
    EcdsaP256Signer key = net.devices.get("kiosk-1");
    Receipt checkedIn =
        send(
            kiosk1,
            "kiosk-1",
            net.sign(key, new CheckIn(DeviceNetwork.ELECTION, "kiosk-1", voter.publicKey())));
    assertEquals("OK", checkedIn.codeName(), checkedIn.reason());

    EncryptedBallot ballot = net.ballot("ballot-1", 0);
    SignedTransaction cast =
        net.sign(key, new CastBallot(DeviceNetwork.ELECTION, voter.publicKey(), ballot));
    Receipt receipt = send(kiosk1, "kiosk-1", cast);
    assertEquals("OK", receipt.codeName(), receipt.reason());
    BallotInclusion inclusion = receipt.inclusion().orElseThrow();
    assertEquals(ballot.hash(net.extendedBaseHash()), inclusion.trackingCode());
    assertEquals(
        BallotInclusion.Check.VALID,
        inclusion.verify(cast.encode(), receipt.height(), receipt.blockHash()));
    assertEquals(net.node.storedBlock(receipt.height()).orElseThrow().hash(), receipt.blockHash());
    // the proof is for these bytes only
    assertEquals(
        BallotInclusion.Check.PROOF_FAILS,
        inclusion.verify(
            SignedTransaction.sign(
                    key,
                    99,
                    new CheckIn(DeviceNetwork.ELECTION, "kiosk-1", voter.publicKey()),
                    net.chainId)
                .encode(),
            receipt.height(),
            receipt.blockHash()));

    // Re-delivery of the same bytes: the same receipt, from the committed state; counted once.
    long replays = net.gateway().stats().getLong("replays");
    kiosk1.publish(MqttTopics.tx("kiosk-1"), cast.encode());
    List<DeviceClient.Received> both =
        kiosk1.await(
            MqttTopics.receipts("kiosk-1"), m -> DeviceClient.isReceiptFor(m, cast.id()), 2);
    assertArrayEquals(both.get(0).payload(), both.get(1).payload());
    assertEquals(replays + 1, net.gateway().stats().getLong("replays"));
    assertEquals(1, counted());
  }

  /**
   * A challenge of ballot {@code ballotId}, which encrypts choice {@code encrypted}, revealing its
   * nonces and the plaintext of choice {@code revealed} (the truth when the two are equal).
   */
  private io.votechain.tx.SpoilBallot challenge(String ballotId, int encrypted, int revealed) {
    var challenged = net.encrypted(ballotId, encrypted);
    return new io.votechain.tx.SpoilBallot(
        DeviceNetwork.ELECTION,
        challenged.ballot(),
        challenged.nonces(),
        DeviceNetwork.plaintext(ballotId, revealed));
  }

  /**
   * A challenged ballot over MQTT (Benaloh at the kiosk): the kiosk reveals the nonces and the
   * plaintext; the receipt is OK and the ballot is recorded as spoiled, not counted. Revealing a
   * plaintext the ballot does not encrypt is refused before any block.
   */
  @Test
  @Order(10)
  void aKioskChallengeIsCommittedAsASpoiledBallot() throws Exception {
    EcdsaP256Signer key = net.devices.get("kiosk-1");
    long countedBefore = counted();
    SignedTransaction spoil = net.sign(key, challenge("ballot-challenged", 0, 0));
    Receipt receipt = send(kiosk1, "kiosk-1", spoil);
    assertEquals("OK", receipt.codeName(), receipt.reason());
    assertTrue(receipt.height() > 0);
    assertEquals(countedBefore, counted(), "a spoiled ballot is not counted");

    SignedTransaction claim = net.sign(key, challenge("ballot-lying", 0, 1));
    Receipt refused = send(kiosk1, "kiosk-1", claim);
    assertTrue(!"OK".equals(refused.codeName()), "a plaintext the ballot does not encrypt");
    // The node's check refused it before any block: nothing committed, the nonce is unused.
    assertEquals(0, refused.height(), refused.codeName());
    net.refusedBeforeCommit(key);
  }

  /**
   * A device whose nonce disagrees with the ledger (its data restored from an old backup) is told
   * the ledger's next nonce in the BAD_NONCE receipt (docs/mqtt.md §3); the same body signed with
   * that nonce is committed, so the device need not lose the transaction.
   */
  @Test
  @Order(11)
  void aBadNonceRefusalNamesTheLedgersNextNonceWhichTheLedgerThenAccepts() throws Exception {
    EcdsaP256Signer key = net.devices.get("kiosk-1");
    io.votechain.tx.SpoilBallot body = challenge("ballot-resync", 1, 1);
    SignedTransaction behind = SignedTransaction.sign(key, 0, body, net.chainId);
    Receipt stale = send(kiosk1, "kiosk-1", behind);
    assertEquals(ErrorCode.BAD_NONCE.number(), stale.code(), stale.reason());
    assertEquals(0, stale.height());

    SignedTransaction resigned = net.sign(key, body);
    assertEquals("expected nonce " + resigned.nonce() + ", got 0", stale.reason());
    SignedTransaction ahead = SignedTransaction.sign(key, 1_000_000, body, net.chainId);
    assertEquals(
        "expected nonce " + resigned.nonce() + ", got 1000000",
        send(kiosk1, "kiosk-1", ahead).reason());

    Receipt committed = send(kiosk1, "kiosk-1", resigned);
    assertEquals("OK", committed.codeName(), committed.reason());
    assertTrue(committed.height() > 0);
  }

  private byte[] heartbeat(EcdsaP256Signer key, String deviceId, boolean online) {
    return io.votechain.device.DeviceHeartbeat.sign(
            key, net.chainId, deviceId, online, 0, net.node.height(), "test-agent/1", 0)
        .encode();
  }

  private long dropped(String reason) {
    return net.gateway().stats().getJsonObject("dropped").getLong(reason, 0L);
  }

  /**
   * Heartbeats over the wire: a signed one is counted, one signed by another key is dropped as
   * {@code BAD_HEARTBEAT}; the will (a signed offline heartbeat) is published when a device's
   * connection ends without a DISCONNECT, and not when it disconnects cleanly; a QoS 2 publication
   * closes the connection. These take over kiosk-2's session, so they run after its other tests.
   */
  @Test
  @Order(15)
  void heartbeatsTheWillAndQos2OverTheWire() throws Exception {
    EcdsaP256Signer key = net.devices.get("kiosk-2");
    long heartbeats = net.gateway().stats().getLong("heartbeats");
    kiosk2.publish(MqttTopics.status("kiosk-2"), heartbeat(key, "kiosk-2", true));
    Await.until(
        () -> net.gateway().stats().getLong("heartbeats") == heartbeats + 1,
        30,
        "heartbeat counted");
    long bad = dropped("BAD_HEARTBEAT");
    kiosk2.publish(
        MqttTopics.status("kiosk-2"), heartbeat(net.devices.get("kiosk-1"), "kiosk-2", true));
    Await.until(() -> dropped("BAD_HEARTBEAT") == bad + 1, 30, "forged heartbeat dropped");
    kiosk2.close();

    // A device whose connection breaks: its will is published, once.
    org.eclipse.paho.client.mqttv3.MqttClient vanishing =
        new org.eclipse.paho.client.mqttv3.MqttClient(
            url, "kiosk-2", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    org.eclipse.paho.client.mqttv3.MqttConnectOptions options =
        new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
    options.setUserName("kiosk-2");
    options.setPassword(password("kiosk-2", key).toCharArray());
    options.setWill(MqttTopics.status("kiosk-2"), heartbeat(key, "kiosk-2", false), 1, false);
    vanishing.connect(options);
    long beforeWill = net.gateway().stats().getLong("heartbeats");
    long offline = net.gateway().stats().getLong("offlineHeartbeats");
    vanishing.disconnectForcibly(0, 1000, false); // TCP closed, no DISCONNECT packet
    vanishing.close();
    Await.until(
        () -> net.gateway().stats().getLong("heartbeats") == beforeWill + 1,
        30,
        "the will arrives");

    // A clean disconnect publishes no will.
    org.eclipse.paho.client.mqttv3.MqttClient polite =
        new org.eclipse.paho.client.mqttv3.MqttClient(
            url, "kiosk-2", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    options.setPassword(password("kiosk-2", key).toCharArray());
    polite.connect(options);
    polite.disconnect();
    polite.close();

    // QoS 2 is outside the protocol: the connection is closed and the refusal counted.
    long qos2 = dropped("QOS2_REFUSED");
    org.eclipse.paho.client.mqttv3.MqttClient exactlyOnce =
        new org.eclipse.paho.client.mqttv3.MqttClient(
            url, "kiosk-2", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    org.eclipse.paho.client.mqttv3.MqttConnectOptions plain =
        new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
    plain.setUserName("kiosk-2");
    plain.setPassword(password("kiosk-2", key).toCharArray());
    exactlyOnce.connect(plain);
    try {
      exactlyOnce.publish(MqttTopics.status("kiosk-2"), heartbeat(key, "kiosk-2", true), 2, false);
    } catch (MqttException closed) {
      // the endpoint closes the connection instead of completing the QoS 2 flow
    }
    Await.until(() -> dropped("QOS2_REFUSED") == qos2 + 1, 30, "QoS 2 refused");
    Await.until(() -> !exactlyOnce.isConnected(), 30, "the connection is closed");
    exactlyOnce.close();
    // The clean disconnect above added no heartbeat; the QoS 2 one was never processed.
    assertEquals(beforeWill + 1, net.gateway().stats().getLong("heartbeats"));
    assertEquals(offline + 1, net.gateway().stats().getLong("offlineHeartbeats"));
  }

  /**
   * A device on MQTT 5 (Paho's v5 client): the endpoint serves 3.1.1 and 5 alike; the same
   * attestation-free path (kiosk-1 attested in order 2) checks a voter in and casts with a receipt
   * whose proof verifies. Last, because it takes over kiosk-1's session.
   */
  @Test
  @Order(20)
  void aDeviceSpeakingMqtt5CastsAndGetsItsReceipt() throws Exception {
    kiosk1.close();
    EcdsaP256Signer key = net.devices.get("kiosk-1");
    java.util.List<org.eclipse.paho.mqttv5.common.MqttMessage> receipts =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    org.eclipse.paho.mqttv5.client.MqttClient v5 =
        new org.eclipse.paho.mqttv5.client.MqttClient(
            url, "kiosk-1", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
    try {
      org.eclipse.paho.mqttv5.client.MqttConnectionOptions options =
          new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
      options.setCleanStart(true);
      options.setUserName("kiosk-1");
      options.setPassword(
          password("kiosk-1", key).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      v5.connect(options);
      v5.subscribe(
          new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
            new org.eclipse.paho.mqttv5.common.MqttSubscription(MqttTopics.receipts("kiosk-1"), 1)
          },
          new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
            (topic, message) -> receipts.add(message)
          });
      var voter = net.voters.get(1);
      SignedTransaction checkIn =
          net.sign(key, new CheckIn(DeviceNetwork.ELECTION, "kiosk-1", voter.publicKey()));
      assertEquals("OK", receiptOver(v5, receipts, checkIn).codeName());
      EncryptedBallot ballot = net.ballot("ballot-mqtt5", 1);
      SignedTransaction cast =
          net.sign(key, new CastBallot(DeviceNetwork.ELECTION, voter.publicKey(), ballot));
      Receipt receipt = receiptOver(v5, receipts, cast);
      assertEquals("OK", receipt.codeName(), receipt.reason());
      assertEquals(
          BallotInclusion.Check.VALID,
          receipt
              .inclusion()
              .orElseThrow()
              .verify(cast.encode(), receipt.height(), receipt.blockHash()));
    } finally {
      if (v5.isConnected()) {
        v5.disconnect();
      }
      v5.close();
    }
  }

  private Receipt receiptOver(
      org.eclipse.paho.mqttv5.client.MqttClient v5,
      java.util.List<org.eclipse.paho.mqttv5.common.MqttMessage> receipts,
      SignedTransaction tx)
      throws Exception {
    v5.publish(
        MqttTopics.tx("kiosk-1"), new org.eclipse.paho.mqttv5.common.MqttMessage(tx.encode()));
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (org.eclipse.paho.mqttv5.common.MqttMessage m : receipts) {
        NodeMessage message = NodeMessage.decode(m.getPayload());
        Receipt r = Receipt.decode(message.body());
        if (r.txId().equals(tx.id())) {
          assertEquals(NodeMessage.Check.VALID, message.verify(net.chainId, net.validators));
          return r;
        }
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no receipt over MQTT 5 for " + tx.id());
  }

  private long counted() {
    byte[] v = net.node.state(StateKeys.counted(DeviceNetwork.ELECTION).bytes()).orElseThrow();
    return new CanonicalReader(v).varint(Long.MAX_VALUE);
  }

  static Stream<Arguments> payloadsThatAreNoTransaction() {
    return Stream.of(
        Arguments.argumentSet(
            "garbage",
            "not a transaction".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            ErrorCode.MALFORMED_TRANSACTION.number()),
        Arguments.argumentSet(
            "one byte above 256 KiB",
            new byte[256 * 1024 + 1],
            GatewayError.PAYLOAD_TOO_LARGE.number()));
  }

  @ParameterizedTest
  @MethodSource("payloadsThatAreNoTransaction")
  @Order(3)
  void garbageAndOversizedPayloadsGetTheirRefusals(byte[] payload, int code, TestInfo testCase)
      throws Exception {
    kiosk2.publish(MqttTopics.tx("kiosk-2"), payload);
    Receipt refused =
        kiosk2.receipt(
            MqttTopics.receipts("kiosk-2"),
            io.votechain.crypto.hash.Sha256.tagged(SignedTransaction.ID_DOMAIN, payload),
            net.chainId,
            net.validators);
    // Surefire names a failed case by its index only: the message names the case.
    assertEquals(code, refused.code(), testCase.getDisplayName());
    assertEquals(0, refused.height(), testCase.getDisplayName());
    assertEquals(Hash32.ZERO, refused.blockHash(), testCase.getDisplayName());
  }

  /**
   * Instance-bound (the class's lifecycle is per class): the cases sign with the network's keys.
   */
  Stream<Arguments> transactionsNotSignedByTheTopicsDevice() {
    var voter = net.voters.get(1);
    // kiosk-2's key but a corrupted signature: the node's check refuses it
    byte[] corrupted =
        SignedTransaction.sign(
                net.devices.get("kiosk-2"),
                0,
                new CheckIn(DeviceNetwork.ELECTION, "kiosk-2", voter.publicKey()),
                net.chainId)
            .encode();
    corrupted[corrupted.length - 1] ^= 1;
    return Stream.of(
        // signed by kiosk-1's key, published on kiosk-2's topic by kiosk-2: not kiosk-2's signature
        Arguments.argumentSet(
            "signed by another device's key",
            SignedTransaction.sign(
                net.devices.get("kiosk-1"),
                99,
                new CheckIn(DeviceNetwork.ELECTION, "kiosk-2", voter.publicKey()),
                net.chainId),
            GatewayError.NOT_A_DEVICE.number()),
        Arguments.argumentSet(
            "the device's key, a corrupted signature",
            SignedTransaction.decode(corrupted),
            ErrorCode.BAD_SIGNATURE.number()));
  }

  @ParameterizedTest
  @MethodSource("transactionsNotSignedByTheTopicsDevice")
  @Order(4)
  void transactionsNotSignedByTheTopicsDeviceAreRefused(
      SignedTransaction tx, int code, TestInfo testCase) throws Exception {
    Receipt refused = send(kiosk2, "kiosk-2", tx);
    assertEquals(code, refused.code(), testCase.getDisplayName());
    assertEquals(0, refused.height(), testCase.getDisplayName());
  }

  @Test
  @Order(5)
  void publishingOrSubscribingOnAnotherDevicesTopicIsRefused() throws Exception {
    SignedTransaction tx =
        SignedTransaction.sign(
            net.devices.get("kiosk-1"),
            99,
            new CheckIn(DeviceNetwork.ELECTION, "kiosk-2", net.voters.get(1).publicKey()),
            net.chainId);
    kiosk1.publish(MqttTopics.tx("kiosk-2"), tx.encode());
    Receipt wrongTopic =
        kiosk1.receipt(MqttTopics.receipts("kiosk-1"), tx.id(), net.chainId, net.validators);
    assertEquals(GatewayError.WRONG_TOPIC.number(), wrongTopic.code());

    assertEquals(128, kiosk1.subscribe(MqttTopics.receipts("kiosk-2")));
    assertEquals(128, kiosk1.subscribe("votechain/v1/devices/+/receipts"));
    assertTrue(net.gateway().stats().getJsonObject("dropped").getLong("SUBSCRIBE_REFUSED") >= 2);
  }

  static Stream<Arguments> connectionsWithKiosk1sKey() {
    return Stream.of(
        Arguments.argumentSet(
            "an unknown device", "kiosk-9", MqttException.REASON_CODE_NOT_AUTHORIZED),
        Arguments.argumentSet(
            "another device (an impostor)",
            "kiosk-2",
            MqttException.REASON_CODE_FAILED_AUTHENTICATION));
  }

  @ParameterizedTest
  @MethodSource("connectionsWithKiosk1sKey")
  @Order(6)
  void connectionsWithoutTheDeviceKeyAreRefused(String deviceId, int reasonCode, TestInfo testCase)
      throws Exception {
    try (DeviceClient client = new DeviceClient(url, deviceId)) {
      MqttException e =
          assertThrows(
              MqttException.class,
              () -> client.connect(deviceId, password(deviceId, net.devices.get("kiosk-1"))));
      assertEquals(reasonCode, e.getReasonCode(), testCase.getDisplayName());
    }
  }

  @Test
  @Order(7)
  void aFloodingDeviceIsRateLimitedWhileAnHonestDevicesBallotCommits() throws Exception {
    assertEquals("OK", attest(kiosk2, "kiosk-2").codeName());
    byte[] junk = new byte[64];
    new Random(1).nextBytes(junk);
    long limitedBefore = net.gateway().stats().getJsonObject("refused").getLong("RATE_LIMITED", 0L);
    for (int i = 0; i < 60; i++) {
      kiosk2.client.publish(MqttTopics.tx("kiosk-2"), junk, 0, false);
    }
    // the honest kiosk checks in and casts meanwhile
    var voter = net.voters.get(2);
    EcdsaP256Signer key = net.devices.get("kiosk-1");
    assertEquals(
        "OK",
        send(
                kiosk1,
                "kiosk-1",
                net.sign(key, new CheckIn(DeviceNetwork.ELECTION, "kiosk-1", voter.publicKey())))
            .codeName());
    Receipt cast =
        send(
            kiosk1,
            "kiosk-1",
            net.sign(
                key,
                new CastBallot(
                    DeviceNetwork.ELECTION, voter.publicKey(), net.ballot("ballot-2", 1))));
    assertEquals("OK", cast.codeName(), cast.reason());
    Await.until(
        () ->
            net.gateway().stats().getJsonObject("refused").getLong("RATE_LIMITED", 0L)
                    - limitedBefore
                >= 40,
        30,
        "the flood is rate limited");
    List<Receipt> refusals = new ArrayList<>();
    for (DeviceClient.Received m :
        kiosk2.await(
            MqttTopics.receipts("kiosk-2"),
            m ->
                Receipt.decode(NodeMessage.decode(m.payload()).body()).code()
                    == GatewayError.RATE_LIMITED.number(),
            40)) {
      refusals.add(Receipt.decode(verified(m).body()));
    }
    assertTrue(refusals.stream().allMatch(r -> r.height() == 0));
    assertEquals(2, counted());
  }
}

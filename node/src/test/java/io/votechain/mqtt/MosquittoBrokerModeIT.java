package io.votechain.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.device.BallotInclusion;
import io.votechain.device.Challenge;
import io.votechain.device.GatewayError;
import io.votechain.device.MqttTopics;
import io.votechain.device.NodeMessage;
import io.votechain.device.Receipt;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.AttestationEvidence;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CheckIn;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.SignedTransaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Broker mode end to end against a real Mosquitto (docs/mqtt.md §11): the node is a client of the
 * broker; a Paho device and the third-party {@code mosquitto_pub}/{@code mosquitto_sub} clients
 * talk to it only through the broker, which has no ACLs — so the node's own signature check is what
 * keeps one device from speaking for another.
 */
class MosquittoBrokerModeIT {
  private Path dir;
  private Mosquitto broker;
  private DeviceNetwork net;
  private DeviceClient kiosk1;
  private DeviceClient kiosk2;

  @AfterEach
  void stop() throws Exception {
    try {
      for (DeviceClient c : new DeviceClient[] {kiosk1, kiosk2}) {
        if (c != null) {
          c.close();
        }
      }
      if (net != null) {
        net.close();
      }
    } finally {
      if (broker != null) {
        broker.close(); // never leave the broker process behind
      }
      DeviceNetwork.deleteQuietly(dir);
    }
  }

  private Challenge challenge(DeviceClient client) throws Exception {
    NodeMessage m = NodeMessage.decode(client.next(MqttTopics.CHALLENGE, r -> true).payload());
    assertEquals(NodeMessage.Check.VALID, m.verify(net.chainId, net.validators));
    return Challenge.decode(m.body());
  }

  private Receipt send(DeviceClient client, String deviceId, SignedTransaction tx)
      throws Exception {
    client.publish(MqttTopics.tx(deviceId), tx.encode());
    return client.receipt(MqttTopics.receipts(deviceId), tx.id(), net.chainId, net.validators);
  }

  @Test
  void devicesVoteThroughMosquittoAndThirdPartyClientsSeeTheDocumentedMessages() throws Exception {
    dir = DeviceNetwork.tempDir();
    broker = Mosquitto.start(dir);
    net =
        DeviceNetwork.open(
            dir.resolve("chain"),
            new JsonObject()
                .put("endpoint", false)
                .put("challengeEveryBlocks", 2)
                .put(
                    "broker",
                    new JsonObject()
                        .put("url", broker.url())
                        .put("clientId", "votechain-test-node")
                        .put("maxReconnectDelayMillis", 1_000)));
    kiosk1 = new DeviceClient(broker.url(), "kiosk-1").connect(null, null);
    kiosk2 = new DeviceClient(broker.url(), "kiosk-2").connect(null, null);
    for (String d : new String[] {"kiosk-1", "kiosk-2"}) {
      DeviceClient c = d.equals("kiosk-1") ? kiosk1 : kiosk2;
      c.subscribe(MqttTopics.receipts(d));
      c.subscribe(MqttTopics.CHALLENGE);
    }

    // The retained challenge, read by mosquitto_sub (payload printed in hex).
    String hex =
        broker
            .run("mosquitto_sub", "-t", MqttTopics.CHALLENGE, "-C", "1", "-W", "20", "-F", "%x")
            .trim();
    NodeMessage challengeMessage = NodeMessage.decode(HexFormat.of().parseHex(hex));
    assertEquals(NodeMessage.Check.VALID, challengeMessage.verify(net.chainId, net.validators));
    assertTrue(Challenge.decode(challengeMessage.body()).height() > 0);

    // Attest, check in and cast through the broker.
    EcdsaP256Signer key = net.devices.get("kiosk-1");
    Challenge c = challenge(kiosk1);
    Receipt attested =
        send(
            kiosk1,
            "kiosk-1",
            net.sign(
                key,
                new AttestDevice(
                    AttestationEvidence.sign(
                        key,
                        net.chainId,
                        "kiosk-1",
                        DeviceNetwork.MEASUREMENT,
                        1,
                        c.height(),
                        c.blockHash()))));
    assertEquals("OK", attested.codeName(), attested.reason());
    var voter = net.voters.get(0);
    assertEquals(
        "OK",
        send(
                kiosk1,
                "kiosk-1",
                net.sign(key, new CheckIn(DeviceNetwork.ELECTION, "kiosk-1", voter.publicKey())))
            .codeName());
    SignedTransaction cast =
        net.sign(
            key,
            new CastBallot(DeviceNetwork.ELECTION, voter.publicKey(), net.ballot("ballot-1", 1)));
    Receipt receipt = send(kiosk1, "kiosk-1", cast);
    assertEquals("OK", receipt.codeName(), receipt.reason());
    assertEquals(
        BallotInclusion.Check.VALID,
        receipt
            .inclusion()
            .orElseThrow()
            .verify(cast.encode(), receipt.height(), receipt.blockHash()));

    // A garbage publish by mosquitto_pub gets the documented error receipt.
    broker.run("mosquitto_pub", "-t", MqttTopics.tx("kiosk-2"), "-q", "1", "-m", "garbage");
    Receipt malformed =
        kiosk2.receipt(
            MqttTopics.receipts("kiosk-2"),
            Sha256.tagged(
                SignedTransaction.ID_DOMAIN, "garbage".getBytes(StandardCharsets.US_ASCII)),
            net.chainId,
            net.validators);
    assertEquals(ErrorCode.MALFORMED_TRANSACTION.number(), malformed.code());
    assertEquals(0, malformed.height());

    // The broker lets kiosk-1 publish on kiosk-2's topic; the node's signature check does not.
    SignedTransaction foreign =
        SignedTransaction.sign(
            key,
            99,
            new CheckIn(DeviceNetwork.ELECTION, "kiosk-2", net.voters.get(1).publicKey()),
            net.chainId);
    kiosk1.publish(MqttTopics.tx("kiosk-2"), foreign.encode());
    assertEquals(
        GatewayError.NOT_A_DEVICE.number(),
        kiosk2
            .receipt(MqttTopics.receipts("kiosk-2"), foreign.id(), net.chainId, net.validators)
            .code());

    // The broker restarts (losing its retained messages); the node reconnects with back-off,
    // subscribes again and republishes the retained challenge.
    kiosk1.close();
    kiosk2.close();
    kiosk1 = null;
    kiosk2 = null;
    broker.kill();
    assertEquals(null, broker.launch());
    String again =
        broker
            .run("mosquitto_sub", "-t", MqttTopics.CHALLENGE, "-C", "1", "-W", "30", "-F", "%x")
            .trim();
    assertEquals(
        NodeMessage.Check.VALID,
        NodeMessage.decode(HexFormat.of().parseHex(again)).verify(net.chainId, net.validators));
    kiosk1 = new DeviceClient(broker.url(), "kiosk-1").connect(null, null);
    kiosk1.subscribe(MqttTopics.receipts("kiosk-1"));
    // Re-delivery after the restart: answered from the committed state with the same receipt.
    Receipt replayed = send(kiosk1, "kiosk-1", cast);
    assertEquals(receipt, replayed);
  }
}

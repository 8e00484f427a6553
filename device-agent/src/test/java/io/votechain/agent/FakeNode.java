package io.votechain.agent;

import io.votechain.agent.link.NodeLink;
import io.votechain.contract.DeviceStatus;
import io.votechain.contract.ElectionStatus;
import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.device.Challenge;
import io.votechain.device.DeviceConfig;
import io.votechain.device.ElectionConfig;
import io.votechain.device.MqttTopics;
import io.votechain.device.NodeMessage;
import io.votechain.device.NodeMessageKind;
import io.votechain.device.Receipt;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.election.ElectionManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A validator's side of the MQTT protocol in memory, for tests of the agent's logic: it checks
 * every published transaction's signature and nonce like the ledger's envelope rules, answers with
 * signed receipts (committed one block per transaction, or refused with a code the test chooses),
 * and publishes signed challenges and configs. No sockets, no threads of its own.
 */
final class FakeNode implements NodeLink {
  final Ed25519Signer validator;
  final String chainId;
  final List<SignedTransaction> committed = new ArrayList<>();
  final List<byte[]> published = new ArrayList<>();
  private Listener listener;
  private boolean connected;
  private long height = 10;

  /** The ledger's next nonce for the device (a test may start it ahead: a restored backup). */
  long nextNonce;

  Function<SignedTransaction, Optional<ErrorCode>> refuse = tx -> Optional.empty();

  /** The reason of a BAD_NONCE refusal; the gateway's (docs/mqtt.md §3) unless a test lies. */
  Function<SignedTransaction, String> badNonceReason =
      tx -> "expected nonce " + nextNonce + ", got " + tx.nonce();

  FakeNode(Ed25519Signer validator, String chainId) {
    this.validator = validator;
    this.chainId = chainId;
  }

  NodeLink attach(Listener l) {
    this.listener = l;
    return this;
  }

  @Override
  public synchronized void start() {}

  void connect() {
    connected = true;
    listener.connected("fake://node-0");
  }

  void disconnect() {
    connected = false;
    listener.disconnected("fake://node-0", "test");
  }

  @Override
  public synchronized boolean publish(String topic, byte[] payload) {
    if (!connected) {
      return false;
    }
    published.add(payload);
    if (!topic.endsWith("/tx")) {
      return true;
    }
    SignedTransaction tx = SignedTransaction.decode(payload);
    String device = MqttTopics.parseDevice(topic).orElseThrow().deviceId();
    if (committed.stream().anyMatch(c -> c.id().equals(tx.id()))) {
      // A re-delivery of a committed transaction: the same receipt again.
      send(device, NodeMessageKind.RECEIPT, committedReceipt(tx, committedHeight(tx)).encode());
      return true;
    }
    Optional<ErrorCode> refusal =
        !tx.verifySignature(chainId)
            ? Optional.of(ErrorCode.BAD_SIGNATURE)
            : tx.nonce() != nextNonce ? Optional.of(ErrorCode.BAD_NONCE) : refuse.apply(tx);
    if (refusal.isPresent()) {
      send(
          device,
          NodeMessageKind.RECEIPT,
          Receipt.refused(
                  tx.id(),
                  refusal.get(),
                  refusal.get() == ErrorCode.BAD_NONCE ? badNonceReason.apply(tx) : "test")
              .encode());
      return true;
    }
    nextNonce++;
    height++;
    committed.add(tx);
    send(device, NodeMessageKind.RECEIPT, committedReceipt(tx, height).encode());
    return true;
  }

  private long committedHeight(SignedTransaction tx) {
    return 11 + committed.indexOf(tx);
  }

  private Receipt committedReceipt(SignedTransaction tx, long h) {
    return Receipt.committed(
        tx.id(), ErrorCode.OK, "", h, Sha256.hash(new byte[] {(byte) h}), Optional.empty());
  }

  void challenge() {
    send(
        null,
        NodeMessageKind.CHALLENGE,
        new Challenge(height, Sha256.hash(new byte[] {(byte) height}), 600).encode());
  }

  /** Blocks committed by others: the chain's height moves on (the next challenge names it). */
  void advance(long blocks) {
    height += blocks;
  }

  void deviceConfig(
      String deviceId, EcdsaP256PublicKey key, Hash32 reference, Optional<Long> attestedAt) {
    deviceConfig(deviceId, key, reference, attestedAt, DeviceStatus.ACTIVE);
  }

  void deviceConfig(
      String deviceId,
      EcdsaP256PublicKey key,
      Hash32 reference,
      Optional<Long> attestedAt,
      DeviceStatus status) {
    DeviceConfig c =
        new DeviceConfig(
            deviceId,
            key,
            "test-kiosk",
            reference,
            "station-1",
            status,
            -1,
            attestedAt.map(h -> new io.votechain.contract.DeviceRecord.Attestation(reference, h)),
            List.of());
    send(deviceId, NodeMessageKind.DEVICE_CONFIG, c.encode());
  }

  /** Publishes an OPEN election whose joint key is {@code secret·G}. */
  void election(ElectionManifest manifest, Scalar secret, Hash32 extendedBaseHash) {
    GroupElement k = P256.G.multiply(secret);
    send(
        null,
        NodeMessageKind.ELECTION_CONFIG,
        new ElectionConfig(
                ElectionStatus.OPEN, manifest, Optional.of(k), Optional.of(extendedBaseHash))
            .encode());
  }

  void sendSignedBy(Ed25519Signer signer, NodeMessageKind kind, String topic, byte[] body) {
    listener.message(topic, NodeMessage.sign(kind, chainId, 0, height, body, signer).encode());
  }

  private void send(String deviceId, NodeMessageKind kind, byte[] body) {
    String topic =
        switch (kind) {
          case RECEIPT -> MqttTopics.receipts(deviceId);
          case DEVICE_CONFIG -> MqttTopics.config(deviceId);
          case CHALLENGE -> MqttTopics.CHALLENGE;
          case ELECTION_CONFIG -> MqttTopics.PREFIX + "elections/e/config";
        };
    listener.message(topic, NodeMessage.sign(kind, chainId, 0, height, body, validator).encode());
  }

  @Override
  public void failover(String why) {}

  @Override
  public Optional<String> endpoint() {
    return connected ? Optional.of("fake://node-0") : Optional.empty();
  }

  @Override
  public void close() {}
}

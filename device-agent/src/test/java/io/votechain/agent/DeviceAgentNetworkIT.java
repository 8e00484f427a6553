package io.votechain.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.agent.attestation.AttestationCounters;
import io.votechain.agent.attestation.Measurement;
import io.votechain.agent.identity.Pkcs12DeviceKey;
import io.votechain.agent.kiosk.KioskSession;
import io.votechain.agent.kiosk.VoterReceipt;
import io.votechain.agent.link.Backoff;
import io.votechain.agent.link.MqttLink;
import io.votechain.agent.queue.Outbox;
import io.votechain.contract.StateKeys;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.TcpProxy;
import io.votechain.testing.Await;
import io.votechain.tx.CheckIn;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent against a real validator with the MQTT gateway: provisioning → registration →
 * attestation → check-in → ballot → committed receipt; a tampered agent refused; a revoked device
 * refused; the link cut while the kiosk keeps taking ballots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceAgentNetworkIT {
  private Path dir;
  private LedgerNetwork network;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private int nextVoter;

  @BeforeAll
  void startNetwork() throws Exception {
    dir = LedgerNetwork.scratchDirectory();
    network = new LedgerNetwork(dir, 12);
  }

  @AfterAll
  void stopNetwork() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    network.close();
    LedgerNetwork.delete(dir);
  }

  private DeviceAgent startAgent(Path configFile) throws Exception {
    Run run = run(configFile);
    closing.add(run);
    return run.agent();
  }

  /** A started agent and its queue, closed together (the test may start it again later). */
  private record Run(DeviceAgent agent, Outbox outbox) implements AutoCloseable {
    @Override
    public void close() throws java.io.IOException {
      agent.close();
      outbox.close();
    }
  }

  private Run run(Path configFile) throws Exception {
    AgentConfig config = AgentConfig.load(configFile);
    Pkcs12DeviceKey key = Pkcs12DeviceKey.open(config.keyStore(), "secret".toCharArray());
    Outbox outbox = Outbox.open(config.outbox());
    DeviceAgent[] holder = new DeviceAgent[1];
    DeviceAgent agent =
        new DeviceAgent(
            config,
            key,
            Measurement.ofRunningAgent(configFile),
            AttestationCounters.open(config.counters()),
            outbox,
            listener ->
                new MqttLink(
                    config.endpoints(),
                    config.deviceId(),
                    uri -> holder[0].connectPassword(uri),
                    new Backoff(50, 1_000, new Random(11)),
                    5,
                    listener));
    holder[0] = agent;
    agent.start();
    return new Run(agent, outbox);
  }

  private String describe(DeviceAgent agent) {
    return agent.status()
        + " rejected="
        + agent.rejectedMessages()
        + " gateway="
        + network.gatewayStats();
  }

  private Ed25519Signer voter() {
    return network.voters.get(nextVoter++);
  }

  private static String hex(Ed25519Signer voter) {
    return java.util.HexFormat.of().formatHex(voter.publicKey().encoded());
  }

  private TxReceipt.Outcome outcome(Hash32 txId) {
    return TxReceipt.decodeOutcome(
        network.node.state(StateKeys.receipt(txId).bytes()).orElseThrow());
  }

  @Test
  void aProvisionedKioskAttestsChecksInAndCastsWithACommittedReceipt() throws Exception {
    Path config =
        network.provision(
            "kiosk-1",
            List.of("tcp://127.0.0.1:" + network.mqttPort()),
            Optional.empty(),
            new JsonObject());
    DeviceAgent agent = startAgent(config);
    Await.until(
        () -> agent.status().attestation().equals("FRESH"),
        240,
        "the attestation is fresh: "
            + new Object() {
              @Override
              public String toString() {
                return describe(agent);
              }
            });
    Await.until(
        () -> agent.elections().containsKey(LedgerNetwork.ELECTION), 120, "the election arrives");

    KioskSession kiosk = new KioskSession(agent, network.random);
    Ed25519Signer voter = voter();
    DeviceAgent.Delivery checkIn =
        kiosk.checkIn(LedgerNetwork.ELECTION, hex(voter)).get(240, TimeUnit.SECONDS);
    assertEquals("OK", checkIn.settlement().codeName());
    assertTrue(checkIn.settlement().height() > 0);
    String code = kiosk.mark(List.of(List.of(1)));
    VoterReceipt receipt = kiosk.cast().get(240, TimeUnit.SECONDS);
    assertEquals(code, receipt.trackingCode());
    assertTrue(receipt.blockHeight() > 0);
    // The ledger holds the ballot under the hash the receipt names, and the receipt's height is
    // where its transaction is.
    assertTrue(
        network
            .node
            .state(StateKeys.ballot(LedgerNetwork.ELECTION, receipt.ballotHash()).bytes())
            .isPresent());
    Hash32 txId =
        Hash32.of(
            network
                .node
                .state(StateKeys.ballotTx(LedgerNetwork.ELECTION, receipt.ballotHash()).bytes())
                .orElseThrow());
    assertEquals(
        receipt.blockHeight(), network.node.transactionLocation(txId).orElseThrow().height());
    assertEquals(ErrorCode.OK, outcome(txId).code());

    // Revoked by the officials: the device's next check-in is refused.
    network.scenario.govern(new GovernedAction.RevokeDevice("kiosk-1", "stolen from the station"));
    DeviceAgent.Delivery refused =
        agent
            .submit(new CheckIn(LedgerNetwork.ELECTION, "kiosk-1", voter().publicKey()))
            .get(240, TimeUnit.SECONDS);
    assertEquals(
        "DEVICE_REVOKED", refused.settlement().codeName(), refused.settlement().toString());
  }

  @Test
  void aTamperedAgentIsRefusedWithMeasurementMismatch() throws Exception {
    // The officials registered the measurement of the approved build; this agent runs something
    // else (here: any other bytes), so its evidence does not match.
    Path config =
        network.provision(
            "kiosk-2",
            List.of("tcp://127.0.0.1:" + network.mqttPort()),
            Optional.of(Sha256.hash(new byte[] {'a', 'p', 'p', 'r', 'o', 'v', 'e', 'd'})),
            new JsonObject());
    DeviceAgent agent = startAgent(config);
    Await.until(
        () ->
            agent
                .status()
                .lastSettlement()
                .map(s -> s.codeName().equals("MEASUREMENT_MISMATCH"))
                .orElse(false),
        240,
        "the ledger refuses the evidence");
    // The node's admission runs the registry's checks against its committed state, so the
    // evidence is refused before commit (height 0) and nothing about it reaches the ledger.
    assertEquals(0, agent.status().lastSettlement().orElseThrow().height());
    assertTrue(
        agent.deviceConfig().flatMap(io.votechain.device.DeviceConfig::attestation).isEmpty(),
        "no attestation recorded");
    assertEquals("STALE", agent.status().attestation());
    Ed25519Signer voter = voter();
    var checkIn = agent.submit(new CheckIn(LedgerNetwork.ELECTION, "kiosk-2", voter.publicKey()));
    Thread.sleep(3_000);
    assertTrue(
        !checkIn.isDone() || !checkIn.get().settlement().codeName().equals("OK"),
        "an unattested device's check-in is never accepted");
    assertTrue(
        network
            .node
            .state(StateKeys.checkIn(LedgerNetwork.ELECTION, voter.publicKey()).bytes())
            .isEmpty());
  }

  @Test
  void ballotsTakenWhileTheLinkIsCutAreCommittedExactlyOnceAfterItComesBack() throws Exception {
    TcpProxy a = new TcpProxy(network.mqttPort());
    TcpProxy b = new TcpProxy(network.mqttPort());
    closing.add(a);
    closing.add(b);
    Path config =
        network.provision("kiosk-3", List.of(a.uri(), b.uri()), Optional.empty(), new JsonObject());
    DeviceAgent agent = startAgent(config);
    Await.until(
        () -> agent.status().attestation().equals("FRESH"),
        240,
        "the attestation is fresh: "
            + new Object() {
              @Override
              public String toString() {
                return describe(agent);
              }
            });
    Await.until(
        () -> agent.elections().containsKey(LedgerNetwork.ELECTION), 120, "the election arrives");
    long countedBefore = network.counted();
    long offlineBefore = network.gatewayStats().getLong("offlineHeartbeats");

    a.cut();
    b.cut();
    Await.until(() -> agent.status().endpoint().isEmpty(), 120, "the agent notices the cut");
    // The node saw the connection end without a goodbye and published the agent's will: a
    // signed offline heartbeat.
    Await.until(
        () -> network.gatewayStats().getLong("offlineHeartbeats") > offlineBefore,
        60,
        "the agent's will reaches the gateway: " + network.gatewayStats());
    KioskSession kiosk = new KioskSession(agent, network.random);
    List<java.util.concurrent.CompletableFuture<VoterReceipt>> receipts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      kiosk.checkIn(LedgerNetwork.ELECTION, hex(voter()));
      kiosk.mark(List.of(List.of(i % 2)));
      receipts.add(kiosk.cast());
      assertEquals(0, kiosk.provisionalReceipt().blockHeight(), "offline: the block is pending");
    }
    // The status is a snapshot the agent thread refreshes after each enqueue: wait for it. Had
    // anything been delivered over the cut links, the queue would never reach six.
    Await.until(
        () -> agent.status().queueLength() == 6,
        30,
        "3 check-ins and 3 ballots wait in the queue: " + agent.status());

    b.restore(); // the second node's link comes back first: the agent fails over to it
    for (var r : receipts) {
      assertTrue(r.get(300, TimeUnit.SECONDS).blockHeight() > 0);
    }
    a.restore();
    Await.until(() -> agent.status().queueLength() == 0, 120, "the queue drains");
    assertEquals(countedBefore + 3, network.counted(), "every ballot counted exactly once");
  }

  /**
   * The kiosk's data folder is restored from an old backup: its outbox's nonce and its attestation
   * counter are behind the ledger's. The stale nonce is refused (BAD_NONCE, naming the ledger's
   * next nonce), the agent re-signs with it, attests above the ledger's last counter, and the new
   * voter's ballot is committed.
   */
  @Test
  void aKioskRestoredFromAnOldBackupResynchronisesItsNonceAndItsBallotIsCommitted()
      throws Exception {
    Path config =
        network.provision(
            "kiosk-4",
            List.of("tcp://127.0.0.1:" + network.mqttPort()),
            Optional.empty(),
            new JsonObject());
    Path data = AgentConfig.load(config).dataDir();
    Path backup = dir.resolve("kiosk-4-backup");
    try (Run first = run(config)) {
      castOneBallot(first.agent());
    }
    copyFolder(data, backup);
    try (Run second = run(config)) {
      castOneBallot(second.agent());
    }
    long ledgerCounter = network.lastCounter("kiosk-4");
    long badNonces = network.refused("BAD_NONCE");
    long countedBefore = network.counted();

    LedgerNetwork.delete(data);
    copyFolder(backup, data);
    try (Run restored = run(config)) {
      VoterReceipt receipt = castOneBallot(restored.agent());
      assertTrue(receipt.blockHeight() > 0);
      assertTrue(
          network
              .node
              .state(StateKeys.ballot(LedgerNetwork.ELECTION, receipt.ballotHash()).bytes())
              .isPresent());
      assertEquals(countedBefore + 1, network.counted());
      assertTrue(
          network.refused("BAD_NONCE") > badNonces,
          "the restored nonce was refused first: " + network.gatewayStats());
      assertTrue(
          network.lastCounter("kiosk-4") > ledgerCounter,
          "the restored kiosk attested above the ledger's counter");
      assertEquals("FRESH", restored.agent().status().attestation());
    }
  }

  /** Waits until the agent is attested and has the election, then one voter checks in and casts. */
  private VoterReceipt castOneBallot(DeviceAgent agent) throws Exception {
    Await.until(
        () -> agent.status().attestation().equals("FRESH"),
        240,
        "the attestation is fresh: "
            + new Object() {
              @Override
              public String toString() {
                return describe(agent);
              }
            });
    Await.until(
        () -> agent.elections().containsKey(LedgerNetwork.ELECTION), 120, "the election arrives");
    KioskSession kiosk = new KioskSession(agent, network.random);
    DeviceAgent.Delivery checkIn =
        kiosk.checkIn(LedgerNetwork.ELECTION, hex(voter())).get(240, TimeUnit.SECONDS);
    assertEquals("OK", checkIn.settlement().codeName(), checkIn.settlement().toString());
    kiosk.mark(List.of(List.of(0)));
    return kiosk.cast().get(240, TimeUnit.SECONDS);
  }

  private static void copyFolder(Path from, Path to) throws java.io.IOException {
    try (var walk = java.nio.file.Files.walk(from)) {
      for (Path p : walk.toList()) {
        java.nio.file.Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }
}

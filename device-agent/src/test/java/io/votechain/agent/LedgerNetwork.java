package io.votechain.agent;

import io.vertx.core.json.JsonObject;
import io.votechain.agent.attestation.Measurement;
import io.votechain.agent.identity.Pkcs12DeviceKey;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.StateKeys;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.mqtt.MqttGateway;
import io.votechain.node.ContractsStateMachine;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.NodeConfig;
import io.votechain.node.ValidatorNode;
import io.votechain.node.client.HttpChainClient;
import io.votechain.node.demo.ElectionScenario;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real one-validator contracts network with the MQTT gateway on, and an OPEN election whose setup
 * (creation, trustee ceremony, credentials, opening) went through signed official transactions: the
 * ledger the agent's integration tests run against.
 */
final class LedgerNetwork implements AutoCloseable {
  static final String ELECTION = "city-2027";
  static final String STATION = "station-1";

  final Path dir;
  final ValidatorNode node;
  final GenesisConfig contracts;
  final List<Ed25519PublicKey> validators;
  final List<Ed25519Signer> officials = new ArrayList<>();
  final ElectionScenario scenario;
  final ElectionManifest manifest;
  final SecureRandom random;
  final List<Ed25519Signer> voters;

  LedgerNetwork(Path dir, int voterCount) throws Exception {
    this.dir = dir;
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(2027);
    List<Path> configs =
        LocalNetwork.initWithContracts(
            dir,
            1,
            io.votechain.node.LoopbackPorts.freeBlock(20),
            "rocksdb",
            System.currentTimeMillis());
    contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    NodeConfig config =
        NodeConfig.load(configs.get(0), Map.of())
            .withSection(
                "mqtt",
                new JsonObject().put("port", 0).put("ratePerSecond", 1000.0).put("burst", 1000));
    node = new ValidatorNode(config, new ContractsStateMachine(contracts));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    validators = List.of(GenesisFile.read(dir.resolve("genesis.json")).validator(0).key());
    for (int i = 0; i < 3; i++) {
      officials.add(KeyFile.read(dir.resolve("officials/official-" + i + ".json")));
    }
    HttpChainClient chain =
        new HttpChainClient(
            contracts.chainId(), List.of(URI.create("http://127.0.0.1:" + node.httpPort())));
    scenario = new ElectionScenario(chain, officials, 2, random);
    long now = System.currentTimeMillis();
    manifest =
        new ElectionManifest(
            ELECTION,
            LocalizedText.of("en", "Municipal election", "zh", "市政选举"),
            List.of(
                new Contest(
                    "mayor",
                    ContestKind.ONE_OF_N,
                    1,
                    LocalizedText.of("en", "Mayor", "zh", "市长"),
                    List.of(
                        new Choice("alice", LocalizedText.of("en", "Alice", "zh", "爱丽丝")),
                        new Choice("bob", LocalizedText.of("en", "Bob", "zh", "鲍勃"))))),
            now - 60_000,
            now + 3_600_000,
            RevotePolicy.LAST_VOTE_COUNTS);
    scenario.createWithCeremony(manifest, 1, 1);
    voters = scenario.issueCredentials(ELECTION, STATION, voterCount);
    scenario.open(ELECTION);
  }

  int mqttPort() {
    return node.extensions().stream()
        .filter(e -> e instanceof MqttGateway)
        .map(e -> ((MqttGateway) e).port().orElseThrow())
        .findFirst()
        .orElseThrow();
  }

  JsonObject gatewayStats() {
    return node.extensions().stream()
        .filter(e -> e instanceof MqttGateway)
        .map(e -> ((MqttGateway) e).stats())
        .findFirst()
        .orElseThrow();
  }

  String statusUrl() {
    return "http://127.0.0.1:" + node.httpPort() + "/api/v1/status";
  }

  /**
   * Creates a device folder (config, key store) like {@code device-agent provision}, and has the
   * officials provision it with {@code reference} (empty: the agent's real measurement) and assign
   * it to the station. Returns the device's config file.
   */
  Path provision(
      String deviceId, List<String> endpoints, Optional<Hash32> reference, JsonObject extra)
      throws Exception {
    Path home = dir.resolve(deviceId);
    Files.createDirectories(home.resolve("data"));
    Path configFile = home.resolve("config.json");
    List<String> status = new ArrayList<>();
    endpoints.forEach(e -> status.add(statusUrl()));
    JsonObject json =
        AgentConfig.json(deviceId, contracts.chainId(), validators, endpoints, "data", 3_600)
            .put("statusUrls", new io.vertx.core.json.JsonArray(status))
            .put("receiptTimeoutMillis", 30_000);
    extra.forEach(e -> json.put(e.getKey(), e.getValue()));
    Files.writeString(configFile, json.encodePrettily());
    AgentConfig config = AgentConfig.load(configFile);
    Pkcs12DeviceKey key =
        Pkcs12DeviceKey.create(config.keyStore(), "secret".toCharArray(), deviceId, random);
    Hash32 measurement = reference.orElse(Measurement.ofRunningAgent(configFile));
    expectOk(
        scenario.submit(
            officials.get(2),
            new ProvisionDevice(
                deviceId, key.publicKey(), "kiosk v1", measurement, officials.get(2).publicKey())));
    expectOk(scenario.submit(officials.get(2), new AssignDevice(deviceId, STATION)));
    return configFile;
  }

  static void expectOk(TxReceipt.Outcome outcome) {
    if (outcome.code() != ErrorCode.OK) {
      throw new AssertionError(outcome.code() + ": " + outcome.reason());
    }
  }

  /** The highest attestation counter the ledger accepted from {@code deviceId}, or -1. */
  long lastCounter(String deviceId) {
    io.votechain.state.StateView committed =
        new io.votechain.state.StateView() {
          @Override
          public Optional<byte[]> get(io.votechain.state.StateKey key) {
            return node.state(key.bytes());
          }

          @Override
          public void put(io.votechain.state.StateKey key, byte[] value) {
            throw new UnsupportedOperationException("read-only");
          }

          @Override
          public void delete(io.votechain.state.StateKey key) {
            throw new UnsupportedOperationException("read-only");
          }

          @Override
          public List<io.votechain.state.StateEntry> scan(String prefix) {
            throw new UnsupportedOperationException("single keys only");
          }
        };
    return io.votechain.contract.DeviceRegistry.device(committed, deviceId)
        .map(io.votechain.contract.DeviceRecord::lastCounter)
        .orElse(-1L);
  }

  /** How many of the gateway's refusals carried {@code code}. */
  long refused(String code) {
    return gatewayStats().getJsonObject("refused", new JsonObject()).getLong(code, 0L);
  }

  long counted() {
    return node.state(StateKeys.counted(ELECTION).bytes())
        .map(b -> new io.votechain.encoding.CanonicalReader(b).varint(Long.MAX_VALUE))
        .orElse(0L);
  }

  /**
   * A fresh folder for a test network, on tmpfs when the machine has one: the validator fsyncs
   * every vote and block, and on a loaded shared disk a single fsync has been seen to stall for a
   * minute. The agent's durability does not depend on it (tmpfs survives the kill -9 of a process).
   */
  static Path scratchDirectory() throws java.io.IOException {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "device-agent-it")
        : Files.createTempDirectory("device-agent-it");
  }

  static void delete(Path dir) throws java.io.IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    try {
      node.stop().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the validator", e);
    }
  }
}

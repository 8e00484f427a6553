package io.votechain.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.sig.Signer;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.Trustee;
import io.votechain.node.ContractsStateMachine;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.NodeConfig;
import io.votechain.node.ValidatorNode;
import io.votechain.state.InMemoryState;
import io.votechain.testing.Await;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.Approve;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Transaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A one-validator contracts network with the MQTT gateway on, brought to an OPEN election with two
 * provisioned, assigned kiosks and three voters on the roll, all through real signed official
 * transactions. Test fixture shared by the gateway tests.
 */
final class DeviceNetwork implements AutoCloseable {
  static final String ELECTION = "city-2027";
  static final String STATION = "station-1";
  static final Hash32 MEASUREMENT = Sha256.hash(new byte[] {42});

  final ValidatorNode node;
  final GenesisConfig contracts;
  final String chainId;
  final List<Ed25519PublicKey> validators;
  final SecureRandom random;
  final Map<String, EcdsaP256Signer> devices = new HashMap<>();
  final List<Ed25519Signer> voters = new ArrayList<>();
  private final Map<Signer, Long> nonces = new HashMap<>();
  private final List<Ed25519Signer> officials;
  final ElectionManifest manifest;

  private DeviceNetwork(Path dir, JsonObject mqtt) throws Exception {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(2027);
    List<Path> configs =
        LocalNetwork.initWithContracts(
            dir,
            1,
            io.votechain.node.LoopbackPorts.freeBlock(40),
            "rocksdb",
            System.currentTimeMillis());
    contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    chainId = contracts.chainId();
    NodeConfig config = NodeConfig.load(configs.get(0), Map.of()).withSection("mqtt", mqtt);
    node = new ValidatorNode(config, new ContractsStateMachine(contracts));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    validators = List.of(GenesisFile.read(dir.resolve("genesis.json")).validator(0).key());
    officials = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      officials.add(KeyFile.read(dir.resolve("officials/official-" + i + ".json")));
    }
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
  }

  /** Starts the network and takes it through the officials' and the trustee's setup. */
  static DeviceNetwork open(Path dir, JsonObject mqtt) throws Exception {
    DeviceNetwork n = new DeviceNetwork(dir, mqtt);
    try {
      n.setUp();
    } catch (Exception | AssertionError e) {
      n.close();
      throw e;
    }
    return n;
  }

  private void setUp() throws Exception {
    Ed25519Signer trustee = Ed25519Signer.generate(random);
    for (String d : List.of("kiosk-1", "kiosk-2")) {
      devices.put(d, EcdsaP256Signer.generate(random));
    }
    for (int i = 0; i < 3; i++) {
      voters.add(Ed25519Signer.generate(random));
    }
    Ed25519Signer o0 = officials.get(0);
    Ed25519Signer o1 = officials.get(1);
    Ed25519Signer o2 = officials.get(2);
    // Each signer's next nonce is checked against committed state: one transaction per signer
    // per round, rounds committed one after another.
    SignedTransaction create =
        sign(o0, new Propose(new GovernedAction.CreateElection(manifest), 100_000));
    commitAll(create, sign(o2, provision("kiosk-1", o2)), sign(o1, provision("kiosk-2", o2)));
    SignedTransaction register =
        sign(
            o0,
            new Propose(
                new GovernedAction.RegisterTrustees(ELECTION, List.of(trustee.publicKey()), 1),
                100_000));
    commitAll(
        sign(o1, new Approve(create.id())),
        register,
        sign(o2, new AssignDevice("kiosk-1", STATION)));
    commitAll(sign(o1, new Approve(register.id())), sign(o2, new AssignDevice("kiosk-2", STATION)));
    commitAll(
        sign(
            o0,
            new AddCredentials(
                ELECTION, STATION, voters.stream().map(Ed25519Signer::publicKey).toList())),
        sign(
            trustee,
            new AnnounceKey(
                ELECTION,
                Trustee.generate(
                        new CeremonyParameters(
                            ElectionCrypto.electionBaseHash(manifest, 1, 1), 1, 1),
                        1,
                        random)
                    .announcement())));
    SignedTransaction open =
        sign(o0, new Propose(new GovernedAction.OpenElection(ELECTION), 100_000));
    commitAll(open);
    commitAll(sign(o1, new Approve(open.id())));
    assertEquals(
        3, node.state(StateKeys.electionStatus(ELECTION).bytes()).orElseThrow()[0], "OPEN");
  }

  private ProvisionDevice provision(String deviceId, Ed25519Signer custodian) {
    return new ProvisionDevice(
        deviceId,
        devices.get(deviceId).publicKey(),
        "kiosk v1",
        MEASUREMENT,
        custodian.publicKey());
  }

  /** Signs with the signer's next nonce (tracked here). */
  SignedTransaction sign(Signer signer, Transaction body) {
    long nonce = nonces.getOrDefault(signer, 0L);
    nonces.put(signer, nonce + 1);
    return SignedTransaction.sign(signer, nonce, body, chainId);
  }

  /** The signer's last transaction was refused before commit: its nonce is still the next one. */
  void refusedBeforeCommit(Signer signer) {
    nonces.computeIfPresent(signer, (s, n) -> n - 1);
  }

  void commitAll(SignedTransaction... txs) throws Exception {
    for (SignedTransaction tx : txs) {
      node.submit(tx.encode()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    for (SignedTransaction tx : txs) {
      Await.until(() -> node.transactionLocation(tx.id()).isPresent(), 30, tx + " committed");
      byte[] outcome = node.state(StateKeys.receipt(tx.id()).bytes()).orElseThrow();
      assertEquals(0, outcome[0], tx + " succeeded: " + new String(outcome));
    }
  }

  /** A ballot for the election, encrypted under its joint key: mayor choice 0 or 1. */
  EncryptedBallot ballot(String ballotId, int choice) {
    return encrypted(ballotId, choice).ballot();
  }

  /** The plaintext a ballot of {@link #encrypted} encrypts. */
  static PlaintextBallot plaintext(String ballotId, int choice) {
    return new PlaintextBallot(
        ballotId, ELECTION, List.of(choice == 0 ? List.of(1, 0) : List.of(0, 1)));
  }

  /** The ballot with its nonces, for a challenge (Benaloh: the kiosk reveals them). */
  BallotEncryptor.Encrypted encrypted(String ballotId, int choice) {
    InMemoryState state = new InMemoryState();
    for (var key :
        List.of(StateKeys.extendedBaseHash(ELECTION), StateKeys.electionJointKey(ELECTION))) {
      state.put(key, node.state(key.bytes()).orElseThrow());
    }
    return new BallotEncryptor(ElectionCrypto.context(state, ELECTION))
        .encrypt(ElectionCrypto.style(manifest), plaintext(ballotId, choice), random);
  }

  Hash32 extendedBaseHash() {
    return Hash32.of(node.state(StateKeys.extendedBaseHash(ELECTION).bytes()).orElseThrow());
  }

  MqttGateway gateway() {
    return node.extensions().stream()
        .filter(e -> e instanceof MqttGateway)
        .map(e -> (MqttGateway) e)
        .findFirst()
        .orElseThrow();
  }

  @Override
  public void close() throws ExecutionException {
    try {
      node.stop().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the validator", e);
    } catch (java.util.concurrent.TimeoutException e) {
      // The node's own shutdown waits for its consensus worker, which on a loaded machine can sit
      // in a synced RocksDB write for a minute; the gateway's assertions are already made.
      System.err.println("warning: validator did not stop within 90 s");
    }
  }

  /** A fresh temporary directory (not @TempDir: a node still stopping may hold files in it). */
  static Path tempDir() throws IOException {
    return java.nio.file.Files.createTempDirectory("votechain-mqtt-");
  }

  /** Deletes a temporary directory as far as possible. */
  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = java.nio.file.Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // best effort
    }
  }
}

package io.votechain.web;

import io.vertx.core.json.JsonObject;
import io.votechain.contract.GenesisConfig;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.ContractsStateMachine;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.NodeConfig;
import io.votechain.node.ValidatorNode;
import io.votechain.web.official.OfficialAccount;
import io.votechain.web.official.OfficialAccounts;
import io.votechain.web.official.Role;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A one-validator contracts network with the web UI, for tests that drive pages over HTTP: the
 * genesis names three officials (M = 2), and the accounts file signs in each named account with
 * password {@code pw-<name>} and the key of the official given. Argon2id runs with small parameters
 * so sign-in is fast; deployments use RFC 9106's (docs/web-ui.md §2).
 */
public final class OneValidatorNetwork implements AutoCloseable {
  /** An account to enrol: its name, roles, and which of the three genesis officials it signs as. */
  public record Account(String name, Set<Role> roles, int official) {}

  private final Path dir;
  private final ValidatorNode node;
  private final Path accounts;
  private final GenesisConfig contracts;
  private final List<Ed25519Signer> officials;

  private OneValidatorNetwork(
      Path dir,
      ValidatorNode node,
      Path accounts,
      GenesisConfig contracts,
      List<Ed25519Signer> officials) {
    this.dir = dir;
    this.node = node;
    this.accounts = accounts;
    this.contracts = contracts;
    this.officials = officials;
  }

  public static OneValidatorNetwork start(String name, List<Account> accounts) throws Exception {
    Path dir = TestDirs.create(name);
    int port = io.votechain.node.LoopbackPorts.freeBlock(10);
    List<Path> configs =
        LocalNetwork.initWithContracts(dir, 1, port, "rocksdb", System.currentTimeMillis());
    GenesisConfig contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(42);
    List<Ed25519Signer> officials = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      officials.add(KeyFile.read(dir.resolve("officials/official-" + i + ".json")));
    }
    List<OfficialAccount> enrolled = new ArrayList<>();
    for (Account a : accounts) {
      enrolled.add(
          OfficialAccount.enroll(
              a.name(),
              a.roles(),
              officials.get(a.official()),
              ("pw-" + a.name()).toCharArray(),
              1024,
              1,
              random));
    }
    Path file = dir.resolve("accounts.json");
    OfficialAccounts.write(enrolled, file);
    NodeConfig config =
        NodeConfig.load(configs.get(0), Map.of())
            .withSection("web", new JsonObject().put("officials", file.toString()));
    ValidatorNode node = new ValidatorNode(config, new ContractsStateMachine(contracts));
    node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new OneValidatorNetwork(dir, node, file, contracts, List.copyOf(officials));
  }

  public ValidatorNode node() {
    return node;
  }

  /** The validator's base address, e.g. {@code http://127.0.0.1:port}. */
  public String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  public Path accounts() {
    return accounts;
  }

  public Path dir() {
    return dir;
  }

  public GenesisConfig contracts() {
    return contracts;
  }

  /** The genesis official {@code i}'s key (0..2). */
  public Ed25519Signer official(int i) {
    return officials.get(i);
  }

  @Override
  public void close() throws Exception {
    try {
      node.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // Seen before (WebUiNetworkTest): ValidatorNode.stop() does not always complete.
      System.err.println("validator did not stop within 60 s");
    }
    TestDirs.delete(dir);
  }
}

package io.votechain.web;

import io.vertx.core.json.JsonObject;
import io.votechain.contract.GenesisConfig;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.ContractsStateMachine;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.LoopbackPorts;
import io.votechain.node.NodeConfig;
import io.votechain.node.ValidatorNode;
import io.votechain.web.official.OfficialAccount;
import io.votechain.web.official.OfficialAccounts;
import io.votechain.web.official.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-validator contracts network with the web UI, for tests that drive pages over HTTP: the
 * genesis names three officials (M = 2), and the accounts file signs in each named account with
 * password {@code pw-<name>} and the key of the official given. Argon2id runs with small parameters
 * so sign-in is fast; deployments use RFC 9106's (docs/web-ui.md §2). The validator can be stopped
 * and started again on the same data directory and port ({@link #restart(JsonObject)}).
 */
public final class OneValidatorNetwork implements AutoCloseable {
  /** An account to enrol: its name, roles, and which of the three genesis officials it signs as. */
  public record Account(String name, Set<Role> roles, int official) {}

  private final Path dir;
  private final NodeConfig baseConfig;
  private final Path accounts;
  private final GenesisConfig contracts;
  private final List<Ed25519Signer> officials;
  private ValidatorNode node;

  private OneValidatorNetwork(
      Path dir,
      NodeConfig baseConfig,
      Path accounts,
      GenesisConfig contracts,
      List<Ed25519Signer> officials) {
    this.dir = dir;
    this.baseConfig = baseConfig;
    this.accounts = accounts;
    this.contracts = contracts;
    this.officials = officials;
  }

  /** Creates the chain and the accounts in a fresh folder and starts the validator. */
  public static OneValidatorNetwork start(String prefix, List<Account> accounts) throws Exception {
    return start(prefix, accounts, new JsonObject());
  }

  /**
   * As {@link #start(String, List)}, with the node's {@code web} section {@code web} (the fixture
   * adds the accounts file to it).
   */
  public static OneValidatorNetwork start(String prefix, List<Account> accounts, JsonObject web)
      throws Exception {
    Path dir = TestDirs.create(prefix);
    int port = LoopbackPorts.freeBlock(10);
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
    OneValidatorNetwork net =
        new OneValidatorNetwork(
            dir,
            NodeConfig.load(configs.get(0), Map.of()),
            file,
            contracts,
            List.copyOf(officials));
    net.startNode(web);
    return net;
  }

  private void startNode(JsonObject web) throws Exception {
    NodeConfig config =
        baseConfig.withSection("web", web.copy().put("officials", accounts.toString()));
    node = new ValidatorNode(config, new ContractsStateMachine(contracts));
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Stops the validator and starts a new one on the same data directory and port. */
  public void restart(JsonObject web) throws Exception {
    stopNode();
    startNode(web);
  }

  private void stopNode() throws ExecutionException, InterruptedException, TimeoutException {
    node.stop().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  public ValidatorNode node() {
    return node;
  }

  /** The validator's base address, e.g. {@code http://127.0.0.1:port}. */
  public String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  /**
   * A browser on this validator's pages; it reads {@link #base()} anew, so it outlives a restart.
   */
  public PageBrowser browser() {
    return new PageBrowser(this::base);
  }

  /** A GET that sends only the session cookie {@code value}, as someone who copied it would. */
  public HttpResponse<String> getWithSessionCookie(String path, String value) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base() + path))
                .header("Cookie", WebContext.SESSION_COOKIE + "=" + value)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  public Path accounts() {
    return accounts;
  }

  /** The folder of the whole network (genesis, officials' keys, accounts, the validator's data). */
  public Path dir() {
    return dir;
  }

  /** The validator's data directory. */
  public Path dataDir() {
    return baseConfig.dataDir();
  }

  public GenesisConfig contracts() {
    return contracts;
  }

  /** The genesis official {@code i}'s key (0..2). */
  public Ed25519Signer official(int i) {
    return officials.get(i);
  }

  /** The three genesis officials' keys, in genesis order. */
  public List<Ed25519Signer> officials() {
    return officials;
  }

  @Override
  public void close() throws ExecutionException, IOException {
    try {
      stopNode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the validator", e);
    } catch (TimeoutException e) {
      // Seen before (WebUiNetworkTest): ValidatorNode.stop() does not always complete.
      System.err.println("validator did not stop within 120 s");
    }
    TestDirs.delete(dir);
  }
}

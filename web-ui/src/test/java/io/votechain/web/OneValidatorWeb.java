package io.votechain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A one-validator contracts network (3 genesis officials, M = 2) with the web UI and a console
 * accounts file, for tests that drive the pages over HTTP; it can be stopped and started again on
 * the same data directory ({@link #restart(JsonObject)}). Each account's password is {@code "pw-" +
 * name}.
 */
public final class OneValidatorWeb implements AutoCloseable {
  /** A console account on genesis official {@code official} (0, 1 or 2). */
  public record Account(String name, Set<Role> roles, int official) {}

  private final Path dir;
  private final NodeConfig baseConfig;
  private final GenesisConfig contracts;
  private final Path accounts;
  private ValidatorNode node;

  private OneValidatorWeb(Path dir, NodeConfig baseConfig, GenesisConfig contracts, Path accounts) {
    this.dir = dir;
    this.baseConfig = baseConfig;
    this.contracts = contracts;
    this.accounts = accounts;
  }

  /** Creates the chain and the accounts in a fresh folder and starts the validator. */
  public static OneValidatorWeb start(String prefix, List<Account> accounts, JsonObject web)
      throws Exception {
    Path dir = TestDirs.create(prefix);
    int port = io.votechain.node.LoopbackPorts.freeBlock(10);
    List<Path> configs =
        LocalNetwork.initWithContracts(dir, 1, port, "rocksdb", System.currentTimeMillis());
    GenesisConfig contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(42);
    List<OfficialAccount> enrolled = new ArrayList<>();
    for (Account a : accounts) {
      Ed25519Signer key = KeyFile.read(dir.resolve("officials/official-" + a.official() + ".json"));
      // Small Argon2id parameters keep the test fast; deployments use RFC 9106's (docs/web-ui.md).
      enrolled.add(
          OfficialAccount.enroll(
              a.name(), a.roles(), key, ("pw-" + a.name()).toCharArray(), 1024, 1, random));
    }
    Path accountsFile = dir.resolve("accounts.json");
    OfficialAccounts.write(enrolled, accountsFile);
    OneValidatorWeb w =
        new OneValidatorWeb(
            dir, NodeConfig.load(configs.get(0), Map.of()), contracts, accountsFile);
    w.startNode(web);
    return w;
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

  private void stopNode() throws Exception {
    node.stop().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  public ValidatorNode node() {
    return node;
  }

  /** The validator's data directory. */
  public Path dataDir() {
    return baseConfig.dataDir();
  }

  public String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  @Override
  public void close() throws Exception {
    try {
      stopNode();
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println("validator did not stop within 120 s");
    }
    TestDirs.delete(dir);
  }

  /**
   * A cookie-keeping client like a browser without JavaScript, remembering the CSRF token of the
   * last page it read. Reads the fixture's current address on every request, so it outlives a
   * restart.
   */
  public final class FormBrowser {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    private String csrf = "";

    public HttpResponse<String> get(String path) throws Exception {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(r.body());
      if (m.find()) {
        csrf = m.group(1);
      }
      return r;
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
      Map<String, String> all = new LinkedHashMap<>(form);
      all.put("_csrf", csrf);
      String body =
          all.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return http.send(
          HttpRequest.newBuilder(URI.create(base() + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Posts and follows the 303 to the page it names. */
    public HttpResponse<String> submit(String path, Map<String, String> form) throws Exception {
      HttpResponse<String> r = post(path, form);
      assertEquals(303, r.statusCode(), r.body());
      return get(r.headers().firstValue("Location").orElseThrow());
    }

    public void signIn(String name) throws Exception {
      get("/official/sign-in");
      HttpResponse<String> r =
          post("/official/sign-in", Map.of("name", name, "password", "pw-" + name));
      assertEquals(303, r.statusCode(), r.body());
      get("/official/");
    }

    /** The value of cookie {@code name}, or null. */
    public String cookie(String name) {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals(name))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElse(null);
    }
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
}

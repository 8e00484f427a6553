package io.votechain.web.official;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.ContractsStateMachine;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.NodeConfig;
import io.votechain.node.ValidatorNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's newer pages against a real one-validator contracts network (3 officials, M = 2),
 * driven over HTTP like a browser without JavaScript: the NIST ballot-definition import (file
 * upload, refusal with code and path, nothing half-imported), {@code ChangeAuthority} and {@code
 * RestartKeyCeremony} proposed and approved M-of-N, with least privilege by role and CSRF.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleGovernanceTest {
  private Path dir;
  private ValidatorNode node;
  private String base;
  private List<Ed25519Signer> officials;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("votechain-console-test");
    int port = io.votechain.node.LoopbackPorts.freeBlock(10);
    List<Path> configs =
        LocalNetwork.initWithContracts(dir, 1, port, "rocksdb", System.currentTimeMillis());
    var contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(42);
    officials =
        List.of(
            KeyFile.read(dir.resolve("officials/official-0.json")),
            KeyFile.read(dir.resolve("officials/official-1.json")),
            KeyFile.read(dir.resolve("officials/official-2.json")));
    Path accounts = dir.resolve("accounts.json");
    OfficialAccounts.write(
        List.of(
            account("ann", Set.of(Role.ELECTION_OFFICER), officials.get(0), random),
            account(
                "bo",
                Set.of(Role.ELECTION_OFFICER, Role.AUTHORITY_ADMIN),
                officials.get(1),
                random),
            account("cy", Set.of(Role.AUTHORITY_ADMIN), officials.get(2), random),
            account("reg", Set.of(Role.REGISTRAR), officials.get(2), random)),
        accounts);
    NodeConfig config =
        NodeConfig.load(configs.get(0), Map.of())
            .withSection("web", new JsonObject().put("officials", accounts.toString()));
    node = new ValidatorNode(config, new ContractsStateMachine(contracts));
    node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + node.httpPort();
  }

  private static OfficialAccount account(
      String name, Set<Role> roles, Ed25519Signer key, SecureRandom random) {
    return OfficialAccount.enroll(name, roles, key, ("pw-" + name).toCharArray(), 1024, 1, random);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      node.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println("validator did not stop within 60 s");
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A cookie-keeping client that remembers the CSRF token of the last page it read. */
  final class Browser {
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String csrf = "";

    Browser(String name) throws Exception {
      get("/official/sign-in");
      HttpResponse<String> r =
          post("/official/sign-in", Map.of("name", name, "password", "pw-" + name), true);
      assertEquals(303, r.statusCode(), r.body());
      get("/official/");
    }

    HttpResponse<String> get(String path) throws Exception {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(r.body());
      if (m.find()) {
        csrf = m.group(1);
      }
      return r;
    }

    HttpResponse<String> post(String path, Map<String, String> form, boolean withToken)
        throws Exception {
      Map<String, String> all = new LinkedHashMap<>(form);
      if (withToken) {
        all.put("_csrf", csrf);
      }
      String body =
          all.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Posts and follows the 303 to the page it names. */
    HttpResponse<String> submit(String path, Map<String, String> form) throws Exception {
      HttpResponse<String> r = post(path, form, true);
      assertEquals(303, r.statusCode(), r.body());
      return get(r.headers().firstValue("Location").orElseThrow());
    }

    /** Uploads {@code file} as the NIST import form does (multipart, with the CSRF token). */
    HttpResponse<String> importFile(String electionId, byte[] file, boolean withToken)
        throws Exception {
      String boundary = "----votechain" + System.nanoTime();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      StringBuilder fields = new StringBuilder();
      if (withToken) {
        fields.append(part(boundary, "_csrf", csrf));
      }
      fields.append(part(boundary, "electionId", electionId));
      body.writeBytes(fields.toString().getBytes(StandardCharsets.UTF_8));
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"ballotFile\"; filename=\"b.json\""
                  + "\r\nContent-Type: application/json\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file);
      body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return http.send(
          HttpRequest.newBuilder(URI.create(base + "/official/elections/new/import"))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> importAndFollow(String electionId, byte[] file) throws Exception {
      HttpResponse<String> r = importFile(electionId, file, true);
      assertEquals(303, r.statusCode(), r.body());
      return get(r.headers().firstValue("Location").orElseThrow());
    }

    /** Approves the pending proposal whose row on the home page names {@code kindLabel}. */
    HttpResponse<String> approve(String kindLabel) throws Exception {
      String home = get("/official/").body();
      for (String row : home.split("<tr")) {
        Matcher m = Pattern.compile("/official/proposals/([0-9a-f]{64})/approve").matcher(row);
        if (row.contains(kindLabel) && m.find()) {
          return submit("/official/proposals/" + m.group(1) + "/approve", Map.of());
        }
      }
      throw new AssertionError("no pending proposal " + kindLabel + " in " + home);
    }
  }

  private static String part(String boundary, String name, String value) {
    return "--"
        + boundary
        + "\r\nContent-Disposition: form-data; name=\""
        + name
        + "\"\r\n\r\n"
        + value
        + "\r\n";
  }

  /** A public key as the console's forms take it: 64 hexadecimal digits. */
  private static String hex(Ed25519Signer key) {
    return java.util.HexFormat.of().formatHex(key.publicKey().encoded());
  }

  private static byte[] fixture() throws Exception {
    try (InputStream in =
        ConsoleGovernanceTest.class.getResourceAsStream("/nist/riverton-2027.json")) {
      return in.readAllBytes();
    }
  }

  @Test
  void anImportedBallotDefinitionBecomesTheDraftAndIsProposedAndApproved() throws Exception {
    Browser ann = new Browser("ann");
    ann.get("/official/elections/new");
    HttpResponse<String> draft = ann.importAndFollow("riverton-2027", fixture());
    assertTrue(draft.body().contains("Imported 3 contests"), draft.body());
    assertTrue(draft.body().contains("Mayor and deputy mayor"), draft.body());
    assertTrue(draft.body().contains("Ada Lovelace / Grace Hopper"), draft.body());
    // Markup from the file is text on the page.
    assertFalse(draft.body().contains("<b>Dijkstra</b>"), "markup rendered inert");
    assertTrue(draft.body().contains("Edsger &lt;b&gt;Dijkstra&lt;/b&gt;"), draft.body());

    // A refused file names its code and path, and leaves the imported draft as it was.
    JsonObject writeIn = new JsonObject(new String(fixture(), StandardCharsets.UTF_8));
    writeIn
        .getJsonArray("Election")
        .getJsonObject(0)
        .getJsonArray("Contest")
        .getJsonObject(1)
        .getJsonArray("ContestOption")
        .getJsonObject(1)
        .put("IsWriteIn", true);
    HttpResponse<String> refused =
        ann.importAndFollow("riverton-2027", writeIn.encode().getBytes(StandardCharsets.UTF_8));
    assertTrue(refused.body().contains("NIST_WRITE_IN_UNSUPPORTED"), refused.body());
    assertTrue(
        refused.body().contains("$.Election[0].Contest[1].ContestOption[1]"), refused.body());
    assertTrue(refused.body().contains("Mayor and deputy mayor"), "the draft is unchanged");

    HttpResponse<String> proposed = ann.submit("/official/elections/new/propose", Map.of());
    assertTrue(proposed.body().contains("recorded on the ledger in block"), proposed.body());
    Browser bo = new Browser("bo");
    HttpResponse<String> approved = bo.approve("Create election");
    assertTrue(approved.body().contains("Approval: recorded"), approved.body());
    HttpResponse<String> page = bo.get("/official/elections/riverton-2027");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Riverton municipal election 2027"), page.body());
  }

  @Test
  void anImportWithoutTheCsrfTokenOrWithoutTheOfficersRoleIsRefused() throws Exception {
    Browser ann = new Browser("ann");
    assertEquals(403, ann.importFile("x-1", fixture(), false).statusCode());
    Browser reg = new Browser("reg");
    HttpResponse<String> r = reg.importFile("x-1", fixture(), true);
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("does not have the role"), r.body());
  }

  @Test
  void theAuthorityChangesMOfNWithLeastPrivilege() throws Exception {
    Browser ann = new Browser("ann");
    assertTrue(ann.get("/official/authority").body().contains("3 officials; 2 of them"));
    // An election officer is not an authority administrator: no form, and a direct post is refused.
    assertFalse(ann.get("/official/authority").body().contains("name=\"threshold\""));
    assertEquals(
        403,
        ann.post("/official/authority", Map.of("keys", "", "threshold", "1"), true).statusCode());

    Browser bo = new Browser("bo");
    String current = officials.stream().map(o -> hex(o)).collect(Collectors.joining("\n"));
    // Without the CSRF token nothing is proposed.
    assertEquals(
        403,
        bo.post("/official/authority", Map.of("keys", current, "threshold", "2"), false)
            .statusCode());
    // Malformed keys are refused by the form; an impossible M by the contract, with its code.
    assertTrue(
        bo.submit("/official/authority", Map.of("keys", "not hex", "threshold", "2"))
            .body()
            .contains("could not be read"));
    HttpResponse<String> tooMany =
        bo.submit("/official/authority", Map.of("keys", current, "threshold", "4"));
    assertTrue(tooMany.body().contains("INVALID_AUTHORITY"), tooMany.body());

    String newcomer = hex(Ed25519Signer.generate(new SecureRandom()));
    HttpResponse<String> proposed =
        bo.submit(
            "/official/authority", Map.of("keys", current + "\n" + newcomer, "threshold", "2"));
    assertTrue(proposed.body().contains("recorded on the ledger in block"), proposed.body());

    // The approval needs the administrator's role too: ann (officer only) is refused.
    String row =
        java.util.Arrays.stream(ann.get("/official/").body().split("<tr"))
            .filter(r -> r.contains("Change the officials"))
            .findFirst()
            .orElseThrow();
    Matcher id = Pattern.compile("/official/proposals/([0-9a-f]{64})/approve").matcher(row);
    assertTrue(id.find(), row);
    assertEquals(
        403,
        ann.post("/official/proposals/" + id.group(1) + "/approve", Map.of(), true).statusCode());

    HttpResponse<String> approved = new Browser("cy").approve("Change the officials");
    assertTrue(approved.body().contains("Approval: recorded"), approved.body());
    HttpResponse<String> after = bo.get("/official/authority");
    assertTrue(after.body().contains("4 officials; 2 of them"), after.body());
    assertTrue(after.body().contains(newcomer), after.body());
  }

  @Test
  void aCeremonyRestartIsProposedAndTheContractRefusesItWhileNothingBlocksTheCeremony()
      throws Exception {
    Browser ann = new Browser("ann");
    ann.get("/official/elections/new");
    assertTrue(
        ann.importAndFollow("restart-2027", fixture()).body().contains("Imported 3 contests"));
    ann.submit("/official/elections/new/propose", Map.of());
    Browser bo = new Browser("bo");
    assertTrue(bo.approve("Create election").body().contains("Approval: recorded"));
    String trustees =
        java.util.stream.IntStream.range(0, 3)
            .mapToObj(i -> hex(Ed25519Signer.generate(new SecureRandom())))
            .collect(Collectors.joining("\n"));
    ann.get("/official/elections/restart-2027");
    ann.submit(
        "/official/elections/restart-2027/trustees", Map.of("keys", trustees, "threshold", "2"));
    assertTrue(bo.approve("Register trustees").body().contains("Approval: recorded"));

    HttpResponse<String> page = ann.get("/official/elections/restart-2027");
    assertTrue(page.body().contains("Restart a blocked key ceremony"), page.body());
    // Least privilege: a registrar may not propose a restart.
    Browser reg = new Browser("reg");
    assertEquals(
        403,
        reg.post(
                "/official/elections/restart-2027/restart-ceremony",
                Map.of("keys", trustees, "threshold", "2"),
                true)
            .statusCode());

    HttpResponse<String> proposed =
        ann.submit(
            "/official/elections/restart-2027/restart-ceremony",
            Map.of("keys", trustees, "threshold", "2"));
    assertTrue(proposed.body().contains("recorded on the ledger in block"), proposed.body());
    assertTrue(proposed.body().contains("Restart the key ceremony"), "listed on the election");
    // No complaint is unanswered, so the M-th approval is refused with the contract's code.
    HttpResponse<String> refused = bo.approve("Restart the key ceremony");
    assertTrue(refused.body().contains("CEREMONY_NOT_BLOCKED"), refused.body());
  }
}

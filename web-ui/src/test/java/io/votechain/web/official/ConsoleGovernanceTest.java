package io.votechain.web.official;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.web.OneValidatorNetwork;
import io.votechain.web.PageBrowser;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private OneValidatorNetwork net;

  @BeforeAll
  void start() throws Exception {
    net =
        OneValidatorNetwork.start(
            "votechain-console-test",
            List.of(
                new OneValidatorNetwork.Account("ann", Set.of(Role.ELECTION_OFFICER), 0),
                new OneValidatorNetwork.Account(
                    "bo", Set.of(Role.ELECTION_OFFICER, Role.AUTHORITY_ADMIN), 1),
                new OneValidatorNetwork.Account("cy", Set.of(Role.AUTHORITY_ADMIN), 2),
                new OneValidatorNetwork.Account("reg", Set.of(Role.REGISTRAR), 2)));
  }

  @AfterAll
  void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  /** A browser signed in as {@code name}. */
  private PageBrowser signedIn(String name) throws Exception {
    return net.browser().signIn(name);
  }

  /** Uploads {@code file} as the NIST import form does (multipart, with the CSRF token or not). */
  private static HttpResponse<String> importFile(
      PageBrowser browser, String electionId, byte[] file, boolean withToken) throws Exception {
    String boundary = "----votechain" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    StringBuilder fields = new StringBuilder();
    if (withToken) {
      fields.append(part(boundary, "_csrf", browser.csrf()));
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
    return browser.post(
        "/official/elections/new/import",
        "multipart/form-data; boundary=" + boundary,
        body.toByteArray());
  }

  private static HttpResponse<String> importAndFollow(
      PageBrowser browser, String electionId, byte[] file) throws Exception {
    return browser.follow(
        "/official/elections/new/import", importFile(browser, electionId, file, true));
  }

  /** Approves the pending proposal whose row on the home page names {@code kindLabel}. */
  private static HttpResponse<String> approve(PageBrowser browser, String kindLabel)
      throws Exception {
    String home = browser.get("/official/").body();
    for (String row : home.split("<tr")) {
      Matcher m = Pattern.compile("/official/proposals/([0-9a-f]{64})/approve").matcher(row);
      if (row.contains(kindLabel) && m.find()) {
        return browser.submit("/official/proposals/" + m.group(1) + "/approve", Map.of());
      }
    }
    throw new AssertionError("no pending proposal " + kindLabel + " in " + home);
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
    PageBrowser ann = signedIn("ann");
    ann.get("/official/elections/new");
    HttpResponse<String> draft = importAndFollow(ann, "riverton-2027", fixture());
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
        importAndFollow(ann, "riverton-2027", writeIn.encode().getBytes(StandardCharsets.UTF_8));
    assertTrue(refused.body().contains("NIST_WRITE_IN_UNSUPPORTED"), refused.body());
    assertTrue(
        refused.body().contains("$.Election[0].Contest[1].ContestOption[1]"), refused.body());
    assertTrue(refused.body().contains("Mayor and deputy mayor"), "the draft is unchanged");

    HttpResponse<String> proposed = ann.submit("/official/elections/new/propose", Map.of());
    assertTrue(proposed.body().contains("recorded on the ledger in block"), proposed.body());
    PageBrowser bo = signedIn("bo");
    HttpResponse<String> approved = approve(bo, "Create election");
    assertTrue(approved.body().contains("Approval: recorded"), approved.body());
    HttpResponse<String> page = bo.get("/official/elections/riverton-2027");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Riverton municipal election 2027"), page.body());
  }

  @Test
  void anImportWithoutTheCsrfTokenOrWithoutTheOfficersRoleIsRefused() throws Exception {
    PageBrowser ann = signedIn("ann");
    assertEquals(403, importFile(ann, "x-1", fixture(), false).statusCode());
    PageBrowser reg = signedIn("reg");
    HttpResponse<String> r = importFile(reg, "x-1", fixture(), true);
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("does not have the role"), r.body());
  }

  @Test
  void theAuthorityChangesMOfNWithLeastPrivilege() throws Exception {
    PageBrowser ann = signedIn("ann");
    assertTrue(ann.get("/official/authority").body().contains("3 officials; 2 of them"));
    // An election officer is not an authority administrator: no form, and a direct post is refused.
    assertFalse(ann.get("/official/authority").body().contains("name=\"threshold\""));
    assertEquals(
        403, ann.post("/official/authority", Map.of("keys", "", "threshold", "1")).statusCode());

    PageBrowser bo = signedIn("bo");
    String current = net.officials().stream().map(o -> hex(o)).collect(Collectors.joining("\n"));
    // Without the CSRF token nothing is proposed.
    assertEquals(
        403,
        bo.postWithoutToken("/official/authority", Map.of("keys", current, "threshold", "2"))
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
        403, ann.post("/official/proposals/" + id.group(1) + "/approve", Map.of()).statusCode());

    HttpResponse<String> approved = approve(signedIn("cy"), "Change the officials");
    assertTrue(approved.body().contains("Approval: recorded"), approved.body());
    HttpResponse<String> after = bo.get("/official/authority");
    assertTrue(after.body().contains("4 officials; 2 of them"), after.body());
    assertTrue(after.body().contains(newcomer), after.body());
  }

  @Test
  void aCeremonyRestartIsProposedAndTheContractRefusesItWhileNothingBlocksTheCeremony()
      throws Exception {
    PageBrowser ann = signedIn("ann");
    ann.get("/official/elections/new");
    assertTrue(
        importAndFollow(ann, "restart-2027", fixture()).body().contains("Imported 3 contests"));
    ann.submit("/official/elections/new/propose", Map.of());
    PageBrowser bo = signedIn("bo");
    assertTrue(approve(bo, "Create election").body().contains("Approval: recorded"));
    String trustees =
        java.util.stream.IntStream.range(0, 3)
            .mapToObj(i -> hex(Ed25519Signer.generate(new SecureRandom())))
            .collect(Collectors.joining("\n"));
    ann.get("/official/elections/restart-2027");
    ann.submit(
        "/official/elections/restart-2027/trustees", Map.of("keys", trustees, "threshold", "2"));
    assertTrue(approve(bo, "Register trustees").body().contains("Approval: recorded"));

    HttpResponse<String> page = ann.get("/official/elections/restart-2027");
    assertTrue(page.body().contains("Restart a blocked key ceremony"), page.body());
    // Least privilege: a registrar may not propose a restart.
    PageBrowser reg = signedIn("reg");
    assertEquals(
        403,
        reg.post(
                "/official/elections/restart-2027/restart-ceremony",
                Map.of("keys", trustees, "threshold", "2"))
            .statusCode());

    HttpResponse<String> proposed =
        ann.submit(
            "/official/elections/restart-2027/restart-ceremony",
            Map.of("keys", trustees, "threshold", "2"));
    assertTrue(proposed.body().contains("recorded on the ledger in block"), proposed.body());
    assertTrue(proposed.body().contains("Restart the key ceremony"), "listed on the election");
    // No complaint is unanswered, so the M-th approval is refused with the contract's code.
    HttpResponse<String> refused = approve(bo, "Restart the key ceremony");
    assertTrue(refused.body().contains("CEREMONY_NOT_BLOCKED"), refused.body());
  }
}

package io.votechain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.web.official.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web UI mounted in a one-validator contracts network, driven over HTTP like a browser without
 * JavaScript: sign-in, CSRF, roles, an election proposed and approved by two officials, hostile
 * text rendered inert, and the observers' pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiNetworkTest {
  private OneValidatorNetwork net;

  @BeforeAll
  void start() throws Exception {
    net =
        OneValidatorNetwork.start(
            "votechain-web-test",
            List.of(
                new OneValidatorNetwork.Account("ann", Set.of(Role.ELECTION_OFFICER), 0),
                new OneValidatorNetwork.Account(
                    "bo", Set.of(Role.ELECTION_OFFICER, Role.DEVICE_MANAGER), 1),
                new OneValidatorNetwork.Account("reg", Set.of(Role.REGISTRAR), 2)));
  }

  @AfterAll
  void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void anOfficerDefinesAnElectionAndASecondOfficerApprovesIt() throws Exception {
    PageBrowser ann = net.browser().signIn("ann");
    ann.get("/official/elections/new");
    ann.draftBasics("city-2027", "City <script>alert('x')</script> council", "市议会");
    HttpResponse<String> draft = ann.draftMayorContest();
    assertTrue(draft.body().contains("Contest mayor added"), draft.body());
    HttpResponse<String> proposed = ann.submit("/official/elections/new/propose", Map.of());
    Matcher pendingTx = Pattern.compile("transaction ([0-9a-f]{64})").matcher(proposed.body());
    if (pendingTx.find()) {
      System.out.println(
          "PROBE " + net.browser().get("/api/v1/transactions/" + pendingTx.group(1)).body());
    }
    assertTrue(proposed.body().contains("recorded on the ledger in block"), proposed.body());
    assertTrue(proposed.body().contains("Create election"), "the pending proposal is listed");

    PageBrowser bo = net.browser().signIn("bo");
    Matcher id =
        Pattern.compile("/official/proposals/([0-9a-f]{64})/approve")
            .matcher(bo.get("/official/").body());
    assertTrue(id.find(), "bo sees the proposal to approve");
    HttpResponse<String> approved =
        bo.submit("/official/proposals/" + id.group(1) + "/approve", Map.of());
    assertTrue(approved.body().contains("Approval: recorded"), approved.body());

    HttpResponse<String> observer = net.browser().get("/observer/elections/city-2027");
    assertEquals(200, observer.statusCode());
    // The hostile name is text, not markup.
    assertFalse(observer.body().contains("<script>alert"), "script rendered inert");
    assertTrue(observer.body().contains("&lt;script&gt;alert"), observer.body());
    assertTrue(observer.body().contains("Draft"), "status shown in words");
    HttpResponse<String> zh = net.browser().get("/observer/elections/city-2027?lang=zh");
    assertTrue(zh.body().contains("市议会") && zh.body().contains("草稿"), zh.body());
  }

  @Test
  void aFormWithoutTheCsrfTokenIsRefused() throws Exception {
    PageBrowser ann = net.browser().signIn("ann");
    HttpResponse<String> r =
        ann.postWithoutToken(
            "/official/elections/new/basics", Map.of("electionId", "x", "nameEn", "y"));
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("security token"), r.body());
    HttpResponse<String> wrong =
        ann.postWithoutToken("/official/sign-out", Map.of("_csrf", "not-the-token"));
    assertEquals(403, wrong.statusCode());
  }

  @Test
  void aRegistrarMayNotProposeToOpenAnElection() throws Exception {
    PageBrowser reg = net.browser().signIn("reg");
    HttpResponse<String> r =
        reg.post("/official/elections/city-2027/lifecycle", Map.of("step", "open"));
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("does not have the role"), r.body());
    HttpResponse<String> devices =
        reg.post("/official/devices/kiosk-1/suspend", Map.of("reason", "x"));
    assertEquals(403, devices.statusCode());
  }

  @Test
  void aHostileOrUnknownElectionIdIsNotFound() throws Exception {
    HttpResponse<String> r = net.browser().get("/observer/elections/%3Cscript%3Ex%3C%2Fscript%3E");
    assertEquals(404, r.statusCode());
    assertFalse(r.body().contains("<script>x"));
    PageBrowser ann = net.browser().signIn("ann");
    HttpResponse<String> p =
        ann.post("/official/elections/%3Cb%3E/lifecycle", Map.of("step", "open"));
    assertEquals(404, p.statusCode());
    assertEquals(404, ann.get("/official/elections/no-such-election").statusCode());
  }

  @Test
  void aWrongPasswordDoesNotSignIn() throws Exception {
    PageBrowser b = net.browser();
    b.get("/official/sign-in");
    HttpResponse<String> r =
        b.post("/official/sign-in", Map.of("name", "ann", "password", "wrong"));
    assertEquals(401, r.statusCode());
    assertTrue(r.body().contains("account name or the password is wrong"));
    assertEquals(401, b.get("/official/").statusCode(), "still not signed in");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(net.base() + "/official/sign-in")).build(),
                HttpResponse.BodyHandlers.ofString());
    String cookie =
        r.headers().allValues("set-cookie").stream()
            .filter(c -> c.startsWith(WebContext.SESSION_COOKIE))
            .findFirst()
            .orElseThrow();
    assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertTrue(
        r.headers()
            .firstValue("content-security-policy")
            .orElseThrow()
            .contains("frame-ancestors 'none'"));
  }

  @Test
  void everyPublicPageRendersInBothLanguagesWithoutMissingMessages() throws Exception {
    for (String lang : List.of("en", "zh")) {
      for (String path :
          List.of(
              "/welcome/",
              "/observer/",
              "/observer/blocks",
              "/observer/blocks/1",
              "/observer/devices",
              "/observer/evidence",
              "/observer/verify",
              "/official/sign-in")) {
        HttpResponse<String> r = net.browser().get(path + "?lang=" + lang);
        assertEquals(200, r.statusCode(), path);
        assertFalse(r.body().contains("??"), path + " " + lang + " has a missing message");
        assertTrue(r.body().contains("lang=\"" + lang + "\""), path);
      }
    }
  }
}

package io.votechain.web.official;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.web.OneValidatorNetwork;
import io.votechain.web.PageBrowser;
import io.votechain.web.WebContext;
import io.votechain.web.session.SessionRecord;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Officials' sessions on disk (docs/web-ui.md §2.2) over HTTP against a real one-validator network
 * that is stopped and started again on the same data directory: the cookie from before the restart
 * still signs a transaction the contract accepts; after sign-out, expiry, or for a cookie from
 * before sign-in, it does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionsSurviveARestartTest {
  private OneValidatorNetwork net;

  @BeforeAll
  void start() throws Exception {
    net =
        OneValidatorNetwork.start(
            "votechain-sessions-test",
            List.of(
                new OneValidatorNetwork.Account("ann", Set.of(Role.ELECTION_OFFICER), 0),
                new OneValidatorNetwork.Account("bo", Set.of(Role.ELECTION_OFFICER), 1)),
            new JsonObject());
  }

  @AfterAll
  void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  private Path sessionsDir() {
    return net.dataDir().resolve("web-sessions");
  }

  private long records() throws Exception {
    if (!Files.isDirectory(sessionsDir())) {
      return 0;
    }
    try (Stream<Path> all = Files.list(sessionsDir())) {
      return all.filter(p -> p.toString().endsWith(SessionRecord.SUFFIX)).count();
    }
  }

  /** Waits (generously) for the store's disk thread, which writes after the response is sent. */
  private void awaitRecords(long expected) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (records() != expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(expected, records(), "session records in " + sessionsDir());
  }

  private static String id(String cookie) {
    return cookie.substring(0, cookie.indexOf('.'));
  }

  @Test
  @Order(1)
  void anOfficialStaysSignedInAcrossARestartAndSignsWithTheSameCookieUntilSigningOut()
      throws Exception {
    PageBrowser ann = net.browser();
    ann.get("/official/sign-in");
    String beforeSignIn = ann.cookie(WebContext.SESSION_COOKIE);
    assertNotNull(beforeSignIn);
    ann.signIn("ann");
    String signedIn = ann.cookie(WebContext.SESSION_COOKIE);
    assertNotEquals(id(beforeSignIn), id(signedIn), "a new id at sign-in");
    assertNotEquals(
        beforeSignIn.substring(beforeSignIn.indexOf('.')),
        signedIn.substring(signedIn.indexOf('.')),
        "and a new key");
    assertEquals(
        401,
        net.getWithSessionCookie("/official/", beforeSignIn).statusCode(),
        "the cookie from before sign-in is not signed in");
    awaitRecords(1);

    ann.draftBasics("restart-2027", "Restart council", "重启议会");

    net.restart(new JsonObject());

    HttpResponse<String> home = ann.get("/official/");
    assertEquals(200, home.statusCode(), home.body());
    assertTrue(home.body().contains("Signed in as ann"), home.body());
    assertEquals(signedIn, ann.cookie(WebContext.SESSION_COOKIE), "the same cookie");
    HttpResponse<String> draft = ann.get("/official/elections/new");
    assertTrue(draft.body().contains("Restart council"), "the draft survived too");
    ann.draftMayorContest();
    HttpResponse<String> proposed = ann.submit("/official/elections/new/propose", Map.of());
    assertTrue(
        proposed.body().contains("recorded on the ledger in block"),
        "signed with the key from the restored session: " + proposed.body());

    HttpResponse<String> out = ann.post("/official/sign-out", Map.of());
    assertEquals(303, out.statusCode(), out.body());
    awaitRecords(0);
    assertEquals(
        401,
        net.getWithSessionCookie("/official/", signedIn).statusCode(),
        "the signed-out cookie is refused");
  }

  @Test
  @Order(2)
  void anExpiredSessionIsRefusedAndItsRecordDeletedAtTheNextStart() throws Exception {
    JsonObject shortSessions = new JsonObject().put("sessionTimeoutMillis", 1500L);
    net.restart(shortSessions);
    PageBrowser bo = net.browser();
    bo.get("/official/sign-in");
    HttpResponse<String> r =
        bo.post("/official/sign-in", Map.of("name", "bo", "password", "pw-bo"));
    assertEquals(303, r.statusCode(), r.body());
    String cookie = bo.cookie(WebContext.SESSION_COOKIE);
    awaitRecords(1);
    // Past the 1.5 s timeout for sure, however slow the machine: expiry is a lower bound.
    Thread.sleep(3000);
    net.restart(shortSessions);
    assertEquals(0, records(), "the start-up scan deleted the expired record");
    assertEquals(401, net.getWithSessionCookie("/official/", cookie).statusCode());
  }
}

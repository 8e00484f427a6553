package io.votechain.web.voter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.mempool.Admission;
import io.votechain.node.CommittedEvent;
import io.votechain.state.StateKey;
import io.votechain.store.StateEntry;
import io.votechain.store.StoredBlock;
import io.votechain.tx.Approve;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.web.LedgerPort;
import io.votechain.web.Messages;
import io.votechain.web.Templates;
import io.votechain.web.WebContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The voter pages served by Vert.x over an in-memory ledger, without a browser: rendering in both
 * languages, hostile manifest text escaped, unknown elections and bad codes answered with 404/400,
 * and the submit route refusing requests without the CSRF token and transactions other than
 * ballots. The browser flows are in {@link VoterFlowIT}.
 */
class VoterPagesTest {
  private static final String HOSTILE = "<script>alert(1)</script>Zed";
  private static final Hash32 RECORDED = Hash32.of(filled(0x11));
  private static final Hash32 SPOILED = Hash32.of(filled(0x22));
  private static final Hash32 RECORDED_TX = Hash32.of(filled(0x33));
  private static Vertx vertx;
  private static HttpServer server;
  private static HttpClient client;
  private static final List<byte[]> submitted = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Map<String, byte[]> state = new TreeMap<>();
    ElectionManifest manifest =
        new ElectionManifest(
            "e-1",
            LocalizedText.of("en", "Test election", "zh", "测试选举"),
            List.of(
                new Contest(
                    "mayor",
                    ContestKind.ONE_OF_N,
                    1,
                    LocalizedText.of("en", "Mayor", "zh", "市长"),
                    List.of(
                        new Choice("a", LocalizedText.of("en", "Ann", "zh", "安")),
                        new Choice("z", LocalizedText.of("en", HOSTILE, "zh", HOSTILE))))),
            0,
            10,
            RevotePolicy.LAST_VOTE_COUNTS);
    state.put(StateKeys.electionManifest("e-1").toString(), manifest.encode());
    state.put(
        StateKeys.electionStatus("e-1").toString(), new byte[] {(byte) ElectionStatus.OPEN.tag()});
    // A cast ballot and a challenged one, as the ballot box records them (contracts.md §4.6).
    state.put(StateKeys.ballot("e-1", RECORDED).toString(), new byte[] {1});
    state.put(StateKeys.ballotTx("e-1", RECORDED).toString(), RECORDED_TX.bytes());
    state.put(StateKeys.spoiled("e-1", SPOILED).toString(), new byte[] {1});
    state.put(StateKeys.ballotTx("e-1", SPOILED).toString(), RECORDED_TX.bytes());
    LedgerPort ledger =
        new LedgerPort() {
          @Override
          public String chainId() {
            return "test-chain";
          }

          @Override
          public long height() {
            return 1;
          }

          @Override
          public Optional<byte[]> state(StateKey key) {
            return Optional.ofNullable(state.get(key.toString()));
          }

          @Override
          public List<StateEntry> folder(String folder) {
            return List.of();
          }

          @Override
          public List<StateEntry> folderPage(String folder, String after, int limit) {
            return List.of();
          }

          @Override
          public Optional<StoredBlock> block(long height) {
            return Optional.empty();
          }

          @Override
          public Future<Admission> submit(byte[] transaction) {
            submitted.add(transaction);
            return Future.succeededFuture(Admission.ACCEPTED);
          }

          @Override
          public void onCommitted(Consumer<CommittedEvent> listener) {}
        };
    ClassLoader loader = VoterPagesTest.class.getClassLoader();
    Messages messages = Messages.load(loader);
    Router root = Router.router(vertx);
    WebContext web =
        new WebContext(
            vertx,
            root,
            ledger,
            new Templates(messages, loader),
            messages,
            new JsonObject(),
            LocalSessionStore.create(vertx),
            new SecureRandom());
    web.mount(new VoterPages());
    server =
        vertx
            .createHttpServer()
            .requestHandler(root)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    // A connection per request: one request of a CI run (13:00 UTC, 2026-11-27) never got its
    // answer
    // on a pooled connection while the next ones did; no test here needs keep-alive.
    client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private record Response(int status, String body, String cookie) {}

  private static Response request(
      HttpMethod method, String path, Map<String, String> headers, byte[] body) throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost("127.0.0.1")
            .setPort(server.actualPort())
            .setURI(path);
    headers.forEach(options::putHeader);
    return client
        .request(options)
        .compose(r -> body == null ? r.send() : r.send(Buffer.buffer(body)))
        .compose(
            (HttpClientResponse r) ->
                r.body()
                    .map(
                        b ->
                            new Response(
                                r.statusCode(),
                                b.toString(StandardCharsets.UTF_8),
                                r.cookies().stream()
                                    .filter(c -> c.startsWith(WebContext.SESSION_COOKIE))
                                    .map(c -> c.split(";")[0])
                                    .findFirst()
                                    .orElse(""))))
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static Response get(String path) throws Exception {
    return request(HttpMethod.GET, path, Map.of(), null);
  }

  @Test
  void electionListRendersInsideTheLayoutLandmarks() throws Exception {
    // Elections are listed from executed CreateElection proposals, which this ledger has none of.
    Response r = get("/vote/?lang=en");
    assertEquals(200, r.status());
    assertTrue(r.body().contains("<main id=\"main\""), r.body());
    assertTrue(r.body().contains("There are no elections on this ledger yet."), r.body());
  }

  @Test
  void ballotRendersInChineseWithEveryStringFromTheBundles() throws Exception {
    Response r = get("/vote/election/e-1?lang=zh");
    assertEquals(200, r.status());
    assertTrue(r.body().contains("测试选举"));
    assertTrue(r.body().contains("选民凭证码"));
    assertFalse(r.body().contains("??voter."), "no missing message keys");
  }

  @Test
  void hostileManifestTextIsEscaped() throws Exception {
    Response r = get("/vote/election/e-1?lang=en");
    assertFalse(r.body().contains("<script>alert(1)</script>"));
    assertTrue(r.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;Zed"));
  }

  @Test
  void unknownElectionIsNotFound() throws Exception {
    assertEquals(404, get("/vote/election/nope").status());
    assertEquals(404, get("/vote/election/e-1/receipt/not-a-code").status());
  }

  @Test
  void checkPageRefusesAMistypedCode() throws Exception {
    Response r = get("/vote/check?lang=en&election=e-1&code=ABCD");
    assertEquals(400, r.status());
    assertTrue(r.body().contains("not valid"));
  }

  @Test
  void checkPageSaysWithoutJavaScriptThatTheServerHasTheBallotAndPointsTheScriptAtThePublicApi()
      throws Exception {
    Response r = get("/vote/check?lang=en&election=e-1&code=" + TrackingCode.of(RECORDED));
    assertEquals(200, r.status());
    assertTrue(
        r.body().contains("The server says a ballot with this tracking code is recorded"),
        r.body());
    assertTrue(r.body().contains(RECORDED_TX.hex()));
    assertTrue(r.body().contains("This is the server&#39;s word only."), r.body());
    assertTrue(
        r.body().contains("data-ballot-url=\"/api/v1/elections/e-1/ballots/" + RECORDED.hex()));
    assertTrue(r.body().contains("data-validators-url=\"/api/v1/validators\""));
    assertFalse(
        r.body().matches("(?s).*data-pinned-validators=\"[0-9a-f]{64}.*"),
        "nothing pinned by default");
  }

  @Test
  void checkPageSaysWithoutJavaScriptThatABallotWasChallengedOrIsUnknown() throws Exception {
    Response spoiled = get("/vote/check?lang=zh&election=e-1&code=" + TrackingCode.of(SPOILED));
    assertTrue(spoiled.body().contains("服务器称带此追踪码的选票已被质询（作废）并公布以供核查。"));
    Response unknown =
        get("/vote/check?lang=en&election=e-1&code=" + TrackingCode.of(Hash32.of(filled(0x44))));
    assertEquals(200, unknown.status());
    assertTrue(
        unknown.body().contains("The server has no ballot with this tracking code"),
        unknown.body());
    assertFalse(unknown.body().contains("id=\"server-transaction\""));
  }

  @Test
  void checkPageWithoutAQuestionShowsNoServerAnswer() throws Exception {
    Response r = get("/vote/check?lang=en");
    assertEquals(200, r.status());
    assertFalse(r.body().contains("id=\"server-result\""));
  }

  private static byte[] filled(int b) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) b);
    return bytes;
  }

  @Test
  void submitWithoutTheCsrfTokenIsRefused() throws Exception {
    Response r = request(HttpMethod.POST, "/vote/api/submit", Map.of(), new byte[] {1, 2, 3});
    assertEquals(403, r.status());
  }

  @Test
  void submitRelaysOnlyBallotTransactions() throws Exception {
    Response page = get("/vote/election/e-1?lang=en");
    String token = page.body().replaceAll("(?s).*data-csrf=\"([^\"]+)\".*", "$1");
    Map<String, String> headers = Map.of("Cookie", page.cookie(), "X-CSRF-Token", token);
    Ed25519Signer official = Ed25519Signer.generate(new SecureRandom());
    byte[] approve =
        SignedTransaction.sign(
                official, 0, new Approve(io.votechain.crypto.hash.Hash32.ZERO), "test-chain")
            .encode();
    int before = submitted.size();
    Response refused = request(HttpMethod.POST, "/vote/api/submit", headers, approve);
    assertEquals(400, refused.status());
    assertEquals("NOT_A_BALLOT_TRANSACTION", new JsonObject(refused.body()).getString("error"));
    Response garbage = request(HttpMethod.POST, "/vote/api/submit", headers, new byte[] {9, 9});
    assertEquals("MALFORMED_TRANSACTION", new JsonObject(garbage.body()).getString("error"));
    assertEquals(before, submitted.size());
  }

  @Test
  void credentialRouteRefusesAMalformedKey() throws Exception {
    Response r = get("/vote/api/credential/e-1/zz");
    assertEquals(400, r.status());
    assertEquals("BAD_REQUEST", new JsonObject(r.body()).getString("error"));
  }
}

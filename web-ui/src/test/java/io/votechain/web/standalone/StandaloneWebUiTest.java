package io.votechain.web.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.votechain.contract.ContractExecutor;
import io.votechain.mempool.Admission;
import io.votechain.node.CommittedEvent;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.SignedTransaction;
import io.votechain.web.LedgerPort;
import io.votechain.web.LedgerStateView;
import io.votechain.web.NodeLedger;
import io.votechain.web.OneValidatorNetwork;
import io.votechain.web.PageBrowser;
import io.votechain.web.official.Role;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A standalone web UI pointed over HTTP at a one-validator contracts network whose validator runs
 * the in-node web UI too: the public pages show what the in-node pages show, an official signs in
 * on the standalone UI and the node commits what was signed there, refusals carry the contracts'
 * codes exactly as the in-node port gives them, committed blocks reach the standalone UI through
 * the event stream, and a node that flips a byte of a block is caught (through a tampering proxy).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneWebUiTest {
  private static final String ELECTION = "city-2027";

  private OneValidatorNetwork net;
  @org.junit.jupiter.api.io.TempDir static java.nio.file.Path sessions;
  private StandaloneWebUi standalone;
  private String ui;

  @BeforeAll
  void start() throws Exception {
    net =
        OneValidatorNetwork.start(
            "votechain-standalone-test",
            List.of(
                new OneValidatorNetwork.Account("ann", Set.of(Role.ELECTION_OFFICER), 0),
                new OneValidatorNetwork.Account("bo", Set.of(Role.ELECTION_OFFICER), 1)));
    standalone =
        StandaloneWebUi.start(
            StandaloneOptions.parse(
                "--node", net.base(),
                "--host", "127.0.0.1",
                "--port", "0",
                "--officials", net.accounts().toString(),
                "--sessions", sessions.resolve("main").toString(),
                "--chain-id", net.node().genesis().hash().hex()));
    ui = "http://127.0.0.1:" + standalone.port();
  }

  @AfterAll
  void stop() throws Exception {
    if (standalone != null) {
      standalone.close();
    }
    if (net != null) {
      net.close();
    }
  }

  @Test
  @Order(1)
  void anOfficialSignsInOnTheStandaloneUiAndTheNodeCommitsWhatWasSignedThere() throws Exception {
    PageBrowser ann = new PageBrowser(ui).signIn("ann");
    ann.draftBasics(ELECTION, "City council", "市议会");
    ann.draftMayorContest();
    HttpResponse<String> proposed = ann.submit("/official/elections/new/propose", Map.of());
    assertTrue(proposed.body().contains("recorded on the ledger in block"), proposed.body());

    PageBrowser bo = new PageBrowser(ui).signIn("bo");
    Matcher id =
        Pattern.compile("/official/proposals/([0-9a-f]{64})/approve")
            .matcher(bo.get("/official/").body());
    assertTrue(id.find(), "bo sees ann's proposal on the standalone UI");
    HttpResponse<String> approved =
        bo.submit("/official/proposals/" + id.group(1) + "/approve", Map.of());
    assertTrue(approved.body().contains("Approval: recorded"), approved.body());

    // The node itself, not the standalone UI, says the election exists.
    HttpResponse<String> onNode = net.browser().get("/api/v1/elections/" + ELECTION);
    assertEquals(200, onNode.statusCode(), onNode.body());
    assertEquals("DRAFT", new JsonObject(onNode.body()).getString("status"));

    // Approving again: the contracts refuse it, and the page shows their code.
    HttpResponse<String> again =
        bo.submit("/official/proposals/" + id.group(1) + "/approve", Map.of());
    assertTrue(again.body().contains("(code PROPOSAL_ALREADY_EXECUTED)"), again.body());
  }

  @Test
  @Order(2)
  void publicPagesShowWhatTheInNodePagesShow() throws Exception {
    PageBrowser inNode = net.browser();
    PageBrowser alone = new PageBrowser(ui);
    // The same HTML as the in-node UI (see comparable for what may differ).
    long withProposal = firstBlockWithTransactions();
    for (String path :
        List.of(
            "/observer/",
            "/observer/elections/" + ELECTION,
            "/observer/elections/" + ELECTION + "?lang=zh",
            "/observer/blocks/1",
            "/observer/blocks/" + withProposal,
            "/observer/blocks/" + withProposal + "?lang=zh",
            "/welcome/")) {
      HttpResponse<String> a = alone.get(path);
      assertEquals(200, a.statusCode(), path);
      assertEquals(comparable(path, inNode.get(path).body()), comparable(path, a.body()), path);
    }
    // Pages of the chain's tip move with every block; both list the same validators and blocks.
    String validators = alone.get("/observer/validators").body();
    String key =
        java.util.HexFormat.of().formatHex(net.node().genesis().validator(0).key().encoded());
    assertTrue(validators.contains(key), validators);
    assertTrue(validators.contains(net.node().genesis().hash().hex()), "the chain id is shown");
    assertTrue(inNode.get("/observer/validators").body().contains(key));
    String explorer = alone.get("/observer/blocks").body();
    String hashOfBlock1 =
        net.node().store().blockAt(1).toCompletableFuture().get().orElseThrow().hash().hex();
    assertTrue(explorer.contains("/observer/blocks/" + withProposal), explorer);
    assertTrue(alone.get("/observer/blocks/1").body().contains(hashOfBlock1));
  }

  @Test
  @Order(3)
  void refusalsCarryTheContractsCodeAsTheInNodePortGivesIt() throws Exception {
    LedgerPort http = standalone.ledger();
    LedgerPort inNode = new NodeLedger(net.node());
    byte[] garbage = {1, 2, 3};
    assertEquals("MALFORMED_TRANSACTION", refusal(inNode, garbage));
    assertEquals("MALFORMED_TRANSACTION", refusal(http, garbage));

    // Signed by an official with a nonce already used: the mempool's check refuses it.
    var signer = net.official(2);
    long next =
        CompletableFuture.supplyAsync(
                () -> ContractExecutor.nextNonce(new LedgerStateView(http), signer.publicKey()))
            .get(30, TimeUnit.SECONDS);
    byte[] stale = SignedTransaction.sign(signer, next + 5, proposal(), http.chainId()).encode();
    assertEquals(refusal(inNode, stale), refusal(http, stale));
  }

  /** A valid proposal of the third official's: keep the authority as it is. */
  private Propose proposal() {
    return new Propose(
        new GovernedAction.ChangeAuthority(net.contracts().officials(), 2),
        net.node().height() + 1_000);
  }

  private static String refusal(LedgerPort port, byte[] tx) throws Exception {
    try {
      Admission a =
          port.submit(tx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      throw new AssertionError("admitted: " + a);
    } catch (ExecutionException e) {
      assertTrue(e.getCause() instanceof LedgerPort.Rejected, String.valueOf(e.getCause()));
      return ((LedgerPort.Rejected) e.getCause()).code();
    }
  }

  @Test
  @Order(4)
  void aTransactionSubmittedThroughThePortIsReportedCommittedByTheEventStream() throws Exception {
    HttpLedger http = standalone.ledger();
    var signer = net.official(2);
    long nonce =
        CompletableFuture.supplyAsync(
                () -> ContractExecutor.nextNonce(new LedgerStateView(http), signer.publicKey()))
            .get(30, TimeUnit.SECONDS);
    SignedTransaction tx = SignedTransaction.sign(signer, nonce, proposal(), http.chainId());
    CompletableFuture<CommittedEvent.Outcome> outcome = new CompletableFuture<>();
    CompletableFuture<Long> later = new CompletableFuture<>();
    long before = net.node().height();
    http.onCommitted(
        e -> {
          if (e.height() > before) {
            later.complete(e.height());
          }
          e.outcomes().stream()
              .filter(o -> o.txId().equals(tx.id()))
              .findFirst()
              .ifPresent(outcome::complete);
        });
    Admission admission =
        http.submit(tx.encode())
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    assertTrue(admission == Admission.ACCEPTED || admission == Admission.DUPLICATE, "" + admission);
    CommittedEvent.Outcome o = outcome.get(60, TimeUnit.SECONDS);
    assertEquals(
        new io.votechain.web.LedgerQueries(new NodeLedger(net.node()))
            .receiptCode(tx.id())
            .orElseThrow(),
        o.code());
    assertTrue(later.get(60, TimeUnit.SECONDS) > before);
    assertTrue(http.following(), "the event stream is open");
  }

  @Test
  @Order(5)
  void aNodeThatFlipsAByteOfABlockIsCaught() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Set<String> headersSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
      HttpServer proxy = tamperingProxy(vertx, URI.create(net.base()), headersSeen);
      String proxied = "http://127.0.0.1:" + proxy.actualPort();
      // Through the proxy the genesis and state are the node's; only blocks are tampered with.
      try (StandaloneWebUi fooled =
          StandaloneWebUi.start(
              StandaloneOptions.parse(
                  "--node",
                  proxied,
                  "--port",
                  "0",
                  "--sessions",
                  sessions.resolve("fooled").toString()))) {
        String base = "http://127.0.0.1:" + fooled.port();
        HttpResponse<String> page = new PageBrowser(base).get("/observer/blocks/1");
        assertEquals(502, page.statusCode(), page.body());
        assertTrue(page.body().contains("does not verify"), page.body());
        assertEquals(200, new PageBrowser(base).get("/observer/").statusCode());
        java.util.concurrent.CompletionException thrown =
            assertThrows(
                java.util.concurrent.CompletionException.class,
                () -> CompletableFuture.supplyAsync(() -> fooled.ledger().block(1)).join());
        NodeAnswerException refused = (NodeAnswerException) thrown.getCause();
        assertEquals(NodeAnswerError.NODE_BLOCK_BAD_CERTIFICATE, refused.error());

        // A browser with a session reads the API through the UI: its cookie stays with the UI.
        PageBrowser browser = new PageBrowser(base);
        browser.get("/official/sign-in");
        headersSeen.clear();
        HttpResponse<String> status = browser.get("/api/v1/status");
        assertEquals(200, status.statusCode());
        assertFalse(headersSeen.isEmpty());
        assertFalse(headersSeen.contains("cookie"), headersSeen.toString());
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(6)
  void theNodesApiReadsArePassedOnUnderTheUisOwnOrigin() throws Exception {
    PageBrowser browser = new PageBrowser(ui);
    HttpResponse<String> election = browser.get("/api/v1/elections/" + ELECTION);
    assertEquals(200, election.statusCode(), election.body());
    assertEquals(
        "City council", new JsonObject(election.body()).getJsonObject("name").getString("en"));
    HttpResponse<String> missing = browser.get("/api/v1/elections/no-such-election");
    assertEquals(404, missing.statusCode());
    assertEquals("ELECTION_NOT_FOUND", new JsonObject(missing.body()).getString("error"));
    // The live pages' event stream: the node's, passed on as it comes.
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    HttpResponse<java.util.stream.Stream<String>> stream =
        http.send(
            java.net.http.HttpRequest.newBuilder(URI.create(ui + "/api/v1/events"))
                .header("accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, stream.statusCode());
    try (java.util.stream.Stream<String> lines = stream.body()) {
      assertTrue(lines.anyMatch(l -> l.equals("event: block")), "a block event came through");
    }
    // The voters' check page verifies certificates against the genesis this UI checked.
    String check = browser.get("/vote/check").body();
    assertTrue(
        check.contains("data-pinned-chain-id=\"" + net.node().genesis().hash().hex() + "\""),
        check);
  }

  @Test
  @Order(7)
  void aNodeOfAnotherChainThanThePinnedOneIsRefusedAtStart() {
    NodeAnswerException e =
        assertThrows(
            NodeAnswerException.class,
            () ->
                StandaloneWebUi.start(
                    StandaloneOptions.parse(
                        "--node", net.base(), "--port", "0", "--chain-id", "ab".repeat(32))));
    assertEquals(NodeAnswerError.NODE_GENESIS_MISMATCH, e.error());
  }

  @Test
  @Order(8)
  void aListLongerThanAPageIsReadPageByPageThroughEitherPort() throws Exception {
    // PAGE_SIZE + 5 devices. A signer's transaction is admitted only with its next committed
    // nonce, so the three officials provision one device each per block.
    int count = io.votechain.web.LedgerQueries.PAGE_SIZE + 5;
    java.security.SecureRandom random = new java.security.SecureRandom();
    LedgerStateView state = new LedgerStateView(new NodeLedger(net.node()));
    for (int i = 0; i < count; ) {
      List<Long> nonces = new java.util.ArrayList<>();
      for (int o = 0; o < 3 && i < count; o++, i++) {
        var official = net.official(o);
        long nonce = ContractExecutor.nextNonce(state, official.publicKey());
        nonces.add(nonce);
        io.votechain.tx.ProvisionDevice provision =
            new io.votechain.tx.ProvisionDevice(
                String.format("page-kiosk-%03d", i),
                io.votechain.crypto.sig.EcdsaP256Signer.generate(random).publicKey(),
                "Kiosk 3000",
                io.votechain.crypto.hash.Hash32.of(new byte[32]),
                net.official(1).publicKey());
        SignedTransaction tx =
            SignedTransaction.sign(official, nonce, provision, net.node().contractsChainId());
        assertEquals(
            Admission.ACCEPTED,
            net.node()
                .submit(tx.encode())
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (int o = 0; o < nonces.size(); o++) {
        while (ContractExecutor.nextNonce(state, net.official(o).publicKey()) <= nonces.get(o)) {
          assertTrue(System.nanoTime() < deadline, "committed");
          Thread.sleep(20);
        }
      }
    }

    PageBrowser inNode = net.browser();
    PageBrowser alone = new PageBrowser(ui);
    String last = String.format("page-kiosk-%03d", io.votechain.web.LedgerQueries.PAGE_SIZE - 1);
    String first = alone.get("/observer/devices").body();
    assertEquals(
        io.votechain.web.LedgerQueries.PAGE_SIZE,
        Pattern.compile(">page-kiosk-[0-9]{3}<").matcher(first).results().count(),
        "one page of rows");
    assertTrue(first.contains("href=\"/observer/devices?after=" + last + "\" rel=\"next\""), first);
    String second = alone.get("/observer/devices?after=" + last).body();
    assertEquals(5, Pattern.compile(">page-kiosk-[0-9]{3}<").matcher(second).results().count());
    assertTrue(second.contains(">page-kiosk-104<") && !second.contains(">page-kiosk-099<"), second);
    assertTrue(second.contains("href=\"/observer/devices\">First page</a>"), second);
    assertFalse(second.contains("rel=\"next\""), second);
    for (String path : List.of("/observer/devices", "/observer/devices?after=" + last)) {
      assertEquals(
          comparable(path, inNode.get(path).body()),
          comparable(path, alone.get(path).body()),
          path);
    }
    // A malformed page id shows the first page rather than an error.
    assertEquals(
        comparable("/observer/devices", inNode.get("/observer/devices").body()),
        comparable("/observer/devices", inNode.get("/observer/devices?after=%2F..").body()));
  }

  /**
   * A page without what differs per session (the CSRF token), and, on pages that name the chain's
   * latest height (which moves twice a second on an idle chain), without numbers; pages of one
   * committed block are compared whole.
   */
  private static String comparable(String path, String html) {
    String page = PageBrowser.withoutSession(html);
    return path.startsWith("/observer/blocks/") ? page : page.replaceAll("[0-9]+", "#");
  }

  private long firstBlockWithTransactions() throws Exception {
    for (long h = 1; ; h++) {
      var b = net.node().store().blockAt(h).toCompletableFuture().get().orElseThrow();
      if (io.votechain.consensus.block.Block.decode(b.block()).transactionCount() > 0) {
        return h;
      }
    }
  }

  /**
   * An HTTP proxy to {@code node} that flips the last byte of every block encoding it passes (a
   * signature byte of the commit certificate): what a lying node, or a man in the middle, does.
   */
  private static HttpServer tamperingProxy(Vertx vertx, URI node, Set<String> headersSeen)
      throws Exception {
    HttpClient client = vertx.createHttpClient();
    return vertx
        .createHttpServer()
        .requestHandler(
            req -> {
              req.headers()
                  .names()
                  .forEach(n -> headersSeen.add(n.toLowerCase(java.util.Locale.ROOT)));
              req.body()
                  .compose(
                      body ->
                          client
                              .request(
                                  new RequestOptions()
                                      .setMethod(req.method())
                                      .setHost(node.getHost())
                                      .setPort(node.getPort())
                                      .setURI(req.uri()))
                              .compose(
                                  out -> {
                                    req.headers()
                                        .forEach(
                                            h -> {
                                              if (!h.getKey().equalsIgnoreCase("host")) {
                                                out.putHeader(h.getKey(), h.getValue());
                                              }
                                            });
                                    return out.send(body);
                                  })
                              .compose(
                                  in ->
                                      in.body()
                                          .map(
                                              b -> {
                                                byte[] bytes = b.getBytes();
                                                if (req.path().endsWith("/encoding")
                                                    && bytes.length > 0) {
                                                  bytes[bytes.length - 1] ^= 1;
                                                }
                                                req.response().setStatusCode(in.statusCode());
                                                in.headers()
                                                    .forEach(
                                                        h -> {
                                                          if (!h.getKey()
                                                                  .equalsIgnoreCase(
                                                                      "content-length")
                                                              && !h.getKey()
                                                                  .equalsIgnoreCase(
                                                                      "transfer-encoding")) {
                                                            req.response()
                                                                .putHeader(
                                                                    h.getKey(), h.getValue());
                                                          }
                                                        });
                                                return Buffer.buffer(bytes);
                                              })))
                  .onSuccess(b -> req.response().end(b))
                  .onFailure(e -> req.response().setStatusCode(502).end());
            })
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }
}

package io.votechain.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.validation.CertificateValidator;
import io.votechain.consensus.validation.SignatureVerifier;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.merkle.InclusionProof;
import io.votechain.encoding.CanonicalReader;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.election.ElectionManifest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The public API of a running four-validator network, over real HTTP, after an election has been
 * driven through its whole lifecycle ({@link ElectionNetwork}): every route's happy path, the
 * recorded-as-cast evidence checked from the answer alone, hostile inputs answered with their
 * documented codes, the event stream, rate limiting, CORS, and the OpenAPI document checked against
 * the router and against live answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicApiTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String E = ElectionNetwork.ELECTION;

  private ElectionNetwork net;
  private HttpClient http;
  private JsonObject openApi;
  private SchemaCheck schemas;

  @BeforeAll
  void startNetworkAndRunAnElection() throws Exception {
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    net = new ElectionNetwork();
    net.runElection();
    openApi = get(0, "/api/v1/openapi.json").json();
    schemas = new SchemaCheck(openApi);
  }

  @AfterAll
  void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  record Answer(int status, byte[] body, HttpResponse<byte[]> raw) {
    JsonObject json() {
      return new JsonObject(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    String error() {
      return json().getString("error");
    }
  }

  private Answer get(int node, String path) throws Exception {
    return send(node, HttpRequest.newBuilder(URI.create(net.url(node, path))).GET());
  }

  private Answer post(int node, String path, byte[] body) throws Exception {
    return send(
        node,
        HttpRequest.newBuilder(URI.create(net.url(node, path)))
            .header("content-type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private Answer send(int node, HttpRequest.Builder request) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            request.timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(r.statusCode(), r.body(), r);
  }

  private void assertConforms(String schema, JsonObject body) {
    List<String> problems = schemas.check(schema, body);
    assertTrue(problems.isEmpty(), schema + ": " + problems);
  }

  private void assertError(Answer a, int status, String code) {
    assertEquals(status, a.status(), new String(a.body()));
    assertEquals(code, a.error());
    assertTrue(
        a.raw().headers().firstValue("content-type").orElse("").startsWith("application/json"));
    assertConforms("Error", a.json());
  }

  @Nested
  class Transactions {
    @Test
    void committedTransactionShowsItsLocationAndReceipt() throws Exception {
      SignedTransaction cast = net.transactions.get("cast-final");
      Answer a = get(1, "/api/v1/transactions/" + cast.id().hex());
      assertEquals(200, a.status());
      JsonObject body = a.json();
      assertConforms("TransactionStatus", body);
      assertEquals("COMMITTED", body.getString("status"));
      assertEquals("OK", body.getJsonObject("receipt").getString("code"));
      assertEquals(
          net.nodes.get(1).transactionLocation(cast.id()).orElseThrow().height(),
          body.getLong("height"));
    }

    @Test
    void garbageIsRefusedWithTheContractsCode() throws Exception {
      assertError(
          post(0, "/api/v1/transactions", new byte[] {1, 2, 3}), 400, "MALFORMED_TRANSACTION");
    }

    @Test
    void replayedTransactionIsRefusedWithBadNonce() throws Exception {
      SignedTransaction cast = net.transactions.get("cast-final");
      assertError(post(0, "/api/v1/transactions", cast.encode()), 409, "BAD_NONCE");
    }

    @Test
    void hugeBodyIsRefusedBeforeItIsRead() throws Exception {
      assertError(post(0, "/api/v1/transactions", new byte[256 * 1024 + 1]), 413, "BODY_TOO_LARGE");
    }

    @Test
    void unknownAndMalformedIdsAreRefused() throws Exception {
      assertError(get(0, "/api/v1/transactions/" + "ab".repeat(32)), 404, "TRANSACTION_NOT_FOUND");
      assertError(get(0, "/api/v1/transactions/xyz"), 400, "INVALID_HEX");
      assertError(get(0, "/api/v1/transactions/" + "a".repeat(63)), 400, "INVALID_HEX");
    }
  }

  @Nested
  class Blocks {
    @Test
    void pageListsBlocksNewestFirst() throws Exception {
      JsonObject page = get(0, "/api/v1/blocks?limit=5").json();
      assertConforms("BlockPage", page);
      JsonArray blocks = page.getJsonArray("blocks");
      assertEquals(5, blocks.size());
      for (int i = 1; i < blocks.size(); i++) {
        assertEquals(
            blocks.getJsonObject(i - 1).getLong("height") - 1,
            blocks.getJsonObject(i).getLong("height"));
      }
      long last = blocks.getJsonObject(4).getLong("height");
      assertEquals(last - 1, page.getLong("next"));
      JsonObject older = get(0, "/api/v1/blocks?from=3&limit=10").json();
      assertEquals(3, older.getJsonArray("blocks").size());
      assertNull(older.getValue("next"));
    }

    @Test
    void blockCarriesAHeaderThatHashesToItsHashAndAValidCertificate() throws Exception {
      Answer a = get(2, "/api/v1/blocks/2");
      assertEquals(200, a.status());
      JsonObject block = a.json();
      assertConforms("Block", block);
      byte[] header = HEX.parseHex(block.getJsonObject("header").getString("encoding"));
      assertEquals(block.getString("hash"), Sha256.tagged(0x42, header).hex());
      CommitCertificate cert = certificate(block.getJsonObject("certificate"));
      assertTrue(
          new CertificateValidator(genesis(), genesis().hash(), new SignatureVerifier(genesis(), 8))
              .validate(cert, 2, Hash32.fromHex(block.getString("hash")))
              .accepted());
    }

    @Test
    void blockEncodingIsTheCommittedBlockThatTheJsonDescribes() throws Exception {
      long height = firstBlockWithTransactions();
      JsonObject json = get(1, "/api/v1/blocks/" + height).json();
      Answer a = get(1, "/api/v1/blocks/" + height + "/encoding");
      assertEquals(200, a.status());
      assertEquals(
          "application/octet-stream", a.raw().headers().firstValue("content-type").orElseThrow());
      CanonicalReader r = new CanonicalReader(a.body());
      CommittedBlock committed = CommittedBlock.readFrom(r);
      r.finish();
      Block block = committed.block();
      assertEquals(height, block.height());
      assertEquals(json.getString("hash"), block.hash().hex());
      assertEquals(block.header().transactionsRoot(), Block.transactionsRoot(block.transactions()));
      List<String> ids = new ArrayList<>();
      block.transactions().forEach(tx -> ids.add(net.nodes.get(1).transactionId(tx).hex()));
      assertEquals(json.getJsonArray("transactions").getList(), ids);
      assertEquals(
          json.getJsonObject("certificate").getString("encoding"),
          HEX.formatHex(committed.certificate().encode()));
      assertTrue(
          new CertificateValidator(genesis(), genesis().hash(), new SignatureVerifier(genesis(), 8))
              .validate(committed.certificate(), height, block.hash())
              .accepted());
      assertEquals(
          json.getString("stateHash"),
          a.raw().headers().firstValue("x-votechain-state-hash").orElseThrow());
    }

    @Test
    void blockEncodingOfAMissingOrMalformedHeightIsRefused() throws Exception {
      assertError(get(0, "/api/v1/blocks/0/encoding"), 400, "INVALID_HEIGHT");
      assertError(get(0, "/api/v1/blocks/x/encoding"), 400, "INVALID_HEIGHT");
      assertError(get(0, "/api/v1/blocks/999999999/encoding"), 404, "BLOCK_NOT_FOUND");
    }

    @Test
    void genesisHashesToTheChainIdAndItsContractsToTheInitialStateHash() throws Exception {
      JsonObject g = get(2, "/api/v1/genesis").json();
      assertConforms("Genesis", g);
      Genesis decoded = Genesis.decode(HEX.parseHex(g.getString("encoding")));
      assertEquals(genesis(), decoded);
      assertEquals(decoded.hash().hex(), g.getString("chainId"));
      JsonObject c = g.getJsonObject("contracts");
      assertEquals(net.contracts.chainId(), c.getString("chainId"));
      List<io.votechain.crypto.sig.Ed25519PublicKey> officials = new ArrayList<>();
      for (Object k : c.getJsonArray("officials")) {
        officials.add(io.votechain.crypto.sig.Ed25519PublicKey.decode(HEX.parseHex((String) k)));
      }
      JsonObject p = c.getJsonObject("params");
      var config =
          new io.votechain.contract.GenesisConfig(
              c.getString("chainId"),
              officials,
              c.getInteger("threshold"),
              new io.votechain.contract.ChainParams(
                  p.getLong("maxProposalLifetime"),
                  p.getLong("attestationFreshness"),
                  p.getLong("attestationNonceWindow")));
      assertEquals(net.contracts, config);
      assertEquals(
          decoded.initialStateHash(),
          io.votechain.node.ContractsStateMachine.genesisStateHash(config));
    }

    private long firstBlockWithTransactions() throws Exception {
      for (long h = 1; ; h++) {
        if (!get(1, "/api/v1/blocks/" + h).json().getJsonArray("transactions").isEmpty()) {
          return h;
        }
      }
    }

    @Test
    void hostileHeightsAndPagesAreRefused() throws Exception {
      assertError(get(0, "/api/v1/blocks/-1"), 400, "INVALID_HEIGHT");
      assertError(get(0, "/api/v1/blocks/0"), 400, "INVALID_HEIGHT");
      assertError(get(0, "/api/v1/blocks/1e3"), 400, "INVALID_HEIGHT");
      assertError(get(0, "/api/v1/blocks/99999999999999999999"), 400, "INVALID_HEIGHT");
      assertError(get(0, "/api/v1/blocks/999999999"), 404, "BLOCK_NOT_FOUND");
      assertError(get(0, "/api/v1/blocks?limit=0"), 400, "INVALID_QUERY");
      assertError(get(0, "/api/v1/blocks?limit=101"), 400, "INVALID_QUERY");
      assertError(get(0, "/api/v1/blocks?from=abc"), 400, "INVALID_QUERY");
    }

    @Test
    void validatorsAreTheGenesisSet() throws Exception {
      JsonObject v = get(1, "/api/v1/validators").json();
      assertConforms("Validators", v);
      JsonArray list = v.getJsonArray("validators");
      assertEquals(4, list.size());
      for (int i = 0; i < 4; i++) {
        JsonObject entry = list.getJsonObject(i);
        assertEquals(
            HEX.formatHex(genesis().validator(i).key().encoded()), entry.getString("publicKey"));
        assertEquals(i == 1, entry.getBoolean("self"));
        assertTrue(entry.getBoolean("connected"));
      }
      assertEquals(genesis().quorum(), v.getInteger("quorum"));
    }
  }

  @Nested
  class Elections {
    @Test
    void listShowsBothElections() throws Exception {
      JsonObject list = get(0, "/api/v1/elections").json();
      assertConforms("ElectionList", list);
      List<String> ids = new ArrayList<>();
      list.getJsonArray("elections")
          .forEach(e -> ids.add(((JsonObject) e).getString("electionId")));
      assertEquals(List.of(E, ElectionNetwork.DRAFT), ids); // ordered by id
    }

    @Test
    void electionShowsManifestTrusteesAggregateAndResult() throws Exception {
      JsonObject e = get(1, "/api/v1/elections/" + E).json();
      assertConforms("Election", e);
      assertEquals("TALLIED", e.getString("status"));
      assertEquals("市政选举", e.getJsonObject("name").getString("zh"));
      assertEquals(List.of("en", "zh"), e.getJsonArray("languages").getList());
      assertEquals(2, e.getJsonObject("trustees").getInteger("threshold"));
      assertEquals(3, e.getJsonObject("trustees").getJsonArray("keys").size());
      assertNotNull(e.getString("jointKey"));
      assertEquals(3, e.getLong("counted"));
      // ballots: bob/no (voter 0's final), bob/yes, bob/no; alice 0, bob 3, yes 1, no 2
      assertEquals(List.of(0L, 3L, 1L, 2L), values(e.getJsonArray("result")));
      assertEquals(4, values(e.getJsonArray("aggregate")).size());
      JsonObject draft = get(1, "/api/v1/elections/" + ElectionNetwork.DRAFT).json();
      assertEquals("DRAFT", draft.getString("status"));
      assertNull(draft.getValue("result"));
      assertNull(draft.getValue("trustees"));
    }

    @Test
    void manifestBytesAreTheCanonicalManifest() throws Exception {
      Answer a = get(0, "/api/v1/elections/" + E + "/manifest.bin");
      assertEquals(200, a.status());
      ElectionManifest m = ElectionManifest.decode(a.body());
      assertEquals(E, m.electionId());
      JsonObject e = get(0, "/api/v1/elections/" + E).json();
      assertEquals(e.getString("manifestHash"), m.hash().hex());
    }

    @Test
    void turnoutCountsTheBallotsThatCountPerStation() throws Exception {
      JsonObject t = get(0, "/api/v1/elections/" + E + "/turnout").json();
      assertConforms("Turnout", t);
      assertEquals(3, t.getLong("counted"));
      JsonObject station = t.getJsonArray("byStation").getJsonObject(0);
      assertEquals("station-1", station.getString("stationId"));
      assertEquals(3, station.getLong("eligible"));
      assertEquals(3, station.getLong("web"));
      assertEquals(0, station.getLong("inPerson"));
      assertEquals(3, station.getLong("counted"));
      assertEquals(0, station.getLong("checkedIn"));
    }

    @Test
    void turnoutIsAnsweredAPageOfStationsAtATime() throws Exception {
      String route = "/api/v1/elections/" + E + "/turnout";
      JsonObject all = get(0, route).json();
      assertEquals(1, all.getJsonArray("byStation").size());
      assertNull(all.getValue("next"), "one station: no further page");
      JsonObject one = get(0, route + "?limit=1").json();
      assertConforms("Turnout", one);
      assertEquals(all.getJsonArray("byStation"), one.getJsonArray("byStation"));
      assertNull(one.getValue("next"));
      JsonObject after = get(0, route + "?after=station-1").json();
      assertEquals(0, after.getJsonArray("byStation").size());
      assertEquals(3, after.getLong("counted"), "the total does not depend on the page");
      assertEquals(
          1, get(0, route + "?after=station-0&limit=1000").json().getJsonArray("byStation").size());
      assertError(get(0, route + "?limit=0"), 400, "INVALID_QUERY");
      assertError(get(0, route + "?limit=1001"), 400, "INVALID_QUERY");
      assertError(get(0, route + "?limit=x"), 400, "INVALID_QUERY");
      assertError(get(0, route + "?after=a%2Fb"), 400, "INVALID_ID");
    }

    @Test
    void trusteesShowTheCeremonyAndTheDecryptionsReceived() throws Exception {
      JsonObject t = get(0, "/api/v1/elections/" + E + "/trustees").json();
      assertConforms("Trustees", t);
      JsonArray trustees = t.getJsonArray("trustees");
      assertEquals(3, trustees.size());
      for (int i = 0; i < 3; i++) {
        JsonObject trustee = trustees.getJsonObject(i);
        assertNotNull(trustee.getJsonObject("announcement"));
        assertTrue(trustee.getBoolean("sharesPosted"));
        assertEquals(2, trustee.getJsonArray("shareRecipients").size());
        assertEquals(i != 1, trustee.getBoolean("decryptionPosted"));
      }
      assertEquals(2, t.getJsonObject("decryptions").getInteger("received"));
      assertEquals(
          List.of(1, 3), t.getJsonObject("decryptions").getJsonArray("trustees").getList());
      assertTrue(t.getJsonArray("complaints").isEmpty());
    }

    @Test
    void nistResultsOfTheTalliedElection() throws Exception {
      Answer a = get(0, "/api/v1/elections/" + E + "/results/nist");
      assertEquals(200, a.status(), new String(a.body()));
      assertConforms("NistElectionReport", a.json());
      assertTrue(new String(a.body()).contains("\"bob\"") || new String(a.body()).contains("bob"));
      assertError(
          get(0, "/api/v1/elections/" + ElectionNetwork.DRAFT + "/results/nist"),
          409,
          "RESULT_NOT_AVAILABLE");
    }

    @Test
    void electionRecordIsStreamedAndVerifies() throws Exception {
      Answer a = get(2, "/api/v1/elections/" + E + "/record");
      assertEquals(200, a.status(), new String(a.body()));
      assertEquals(
          "application/octet-stream", a.raw().headers().firstValue("content-type").orElse(""));
      io.votechain.verifier.VerificationReport report =
          new io.votechain.verifier.ElectionRecordVerifier(1, line -> {})
              .verify(new java.io.ByteArrayInputStream(a.body()))
              .report();
      assertTrue(report.passed(), String.join("\n", report.lines()));
      assertError(get(0, "/api/v1/elections/nope/record"), 404, "ELECTION_NOT_FOUND");
    }

    @Test
    void hostileElectionIdsAreRefused() throws Exception {
      assertError(get(0, "/api/v1/elections/nope"), 404, "ELECTION_NOT_FOUND");
      assertError(get(0, "/api/v1/elections/bad%24id"), 400, "INVALID_ID");
      assertError(get(0, "/api/v1/elections/" + "x".repeat(65)), 400, "INVALID_ID");
      assertError(get(0, "/api/v1/elections/bad%2Fid/turnout"), 400, "INVALID_ID");
      assertError(get(0, "/api/v1/elections/nope/turnout"), 404, "ELECTION_NOT_FOUND");
      assertError(get(0, "/api/v1/nothing-here"), 404, "NOT_FOUND");
    }
  }

  @Nested
  class BallotCheck {
    @Test
    void trackingCodeLeadsToAnInclusionProofUnderACertifiedHeader() throws Exception {
      Hash32 code = net.trackingCodes.get("final");
      Answer a = get(1, "/api/v1/elections/" + E + "/ballots/" + code.hex());
      assertEquals(200, a.status(), new String(a.body()));
      JsonObject b = a.json();
      assertConforms("BallotLookup", b);
      assertEquals("COUNTED", b.getString("state"));
      assertEquals("ballot-final", b.getJsonObject("ballot").getString("ballotId"));

      // Everything below is checked from the answer alone, as a voter's page would.
      JsonObject tx = b.getJsonObject("transaction");
      byte[] txBytes = HEX.parseHex(tx.getString("encoding"));
      assertArrayEquals(net.transactions.get("cast-final").encode(), txBytes);
      byte[] header =
          HEX.parseHex(b.getJsonObject("block").getJsonObject("header").getString("encoding"));
      Hash32 blockHash = Sha256.tagged(0x42, header);
      assertEquals(b.getJsonObject("block").getString("hash"), blockHash.hex());
      CanonicalReader r = new CanonicalReader(header);
      BlockHeader h = BlockHeader.readFrom(r);
      r.finish();
      InclusionProof proof =
          InclusionProof.decode(
              HEX.parseHex(b.getJsonObject("inclusionProof").getString("encoding")));
      assertTrue(proof.verify(txBytes, h.transactionsRoot()));
      // and the proof fails for any other transaction or a tampered path
      assertFalse(proof.verify(net.transactions.get("cast-b1").encode(), h.transactionsRoot()));
      if (!proof.path().isEmpty()) {
        List<Hash32> path = new ArrayList<>(proof.path());
        byte[] first = path.get(0).bytes();
        first[0] ^= 1;
        path.set(0, Hash32.of(first));
        assertFalse(
            new InclusionProof(proof.index(), proof.treeSize(), path)
                .verify(txBytes, h.transactionsRoot()));
      }
      CommitCertificate cert = certificate(b.getJsonObject("certificate"));
      assertTrue(cert.signatures().size() >= genesis().quorum());
      assertTrue(
          new CertificateValidator(genesis(), genesis().hash(), new SignatureVerifier(genesis(), 8))
              .validate(cert, h.height(), blockHash)
              .accepted());
      // each listed signature verifies over the listed bytes with the listed key
      for (Object o : b.getJsonObject("certificate").getJsonArray("signatures")) {
        JsonObject s = (JsonObject) o;
        assertTrue(
            genesis()
                .validator(s.getInteger("validator"))
                .key()
                .verify(
                    HEX.parseHex(s.getString("signedBytes")),
                    HEX.parseHex(s.getString("signature"))));
      }
    }

    @Test
    void aBallotReplacedByARevoteIsShownAsSuperseded() throws Exception {
      Hash32 code = net.trackingCodes.get("first");
      JsonObject b = get(0, "/api/v1/elections/" + E + "/ballots/" + code.hex()).json();
      assertEquals("SUPERSEDED", b.getString("state"));
    }

    @Test
    void unknownAndMalformedTrackingCodesAreRefused() throws Exception {
      assertError(
          get(0, "/api/v1/elections/" + E + "/ballots/" + "00".repeat(32)),
          404,
          "BALLOT_NOT_FOUND");
      assertError(get(0, "/api/v1/elections/" + E + "/ballots/zz"), 400, "INVALID_HEX");
      assertError(
          get(0, "/api/v1/elections/nope/ballots/" + "00".repeat(32)), 404, "ELECTION_NOT_FOUND");
    }
  }

  @Nested
  class Devices {
    @Test
    void provisionedDeviceIsListedAndNotFreshWithoutAttestation() throws Exception {
      JsonObject list = get(0, "/api/v1/devices").json();
      assertConforms("DeviceList", list);
      assertEquals(1, list.getJsonArray("devices").size());
      JsonObject d = get(0, "/api/v1/devices/" + ElectionNetwork.DEVICE).json();
      assertConforms("Device", d);
      assertEquals("ACTIVE", d.getString("status"));
      assertEquals("Kiosk 3000", d.getString("model"));
      assertNull(d.getValue("lastAttestation"));
      assertFalse(d.getBoolean("attestationFresh"));
    }

    @Test
    void devicesAreListedAPageAtATime() throws Exception {
      JsonObject first = get(0, "/api/v1/devices?limit=1").json();
      assertConforms("DeviceList", first);
      assertEquals(
          ElectionNetwork.DEVICE,
          first.getJsonArray("devices").getJsonObject(0).getString("deviceId"));
      assertNull(first.getValue("next"));
      JsonObject rest = get(0, "/api/v1/devices?after=" + ElectionNetwork.DEVICE).json();
      assertEquals(0, rest.getJsonArray("devices").size());
      assertError(get(0, "/api/v1/devices?limit=-1"), 400, "INVALID_QUERY");
      assertError(get(0, "/api/v1/devices?after=%20"), 400, "INVALID_ID");
    }

    @Test
    void unknownAndMalformedDeviceIdsAreRefused() throws Exception {
      assertError(get(0, "/api/v1/devices/kiosk-999"), 404, "DEVICE_NOT_FOUND");
      assertError(get(0, "/api/v1/devices/%20"), 400, "INVALID_ID");
    }
  }

  @Nested
  class Events {
    @Test
    void streamDeliversABlockEvent() throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(net.url(1, "/api/v1/events"))).GET().build();
      HttpResponse<Stream<String>> r =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
      CompletableFuture<JsonObject> block = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (Stream<String> lines = r.body()) {
                  boolean inBlock = false;
                  for (String line : (Iterable<String>) lines::iterator) {
                    if (line.equals("event: block")) {
                      inBlock = true;
                    } else if (inBlock && line.startsWith("data: ")) {
                      block.complete(new JsonObject(line.substring(6)));
                      return;
                    }
                  }
                } catch (RuntimeException e) {
                  block.completeExceptionally(e);
                }
              });
      reader.setDaemon(true);
      reader.start();
      // an empty block comes at least every half second on an idle chain
      JsonObject event = block.get(20, TimeUnit.SECONDS);
      assertTrue(event.getLong("height") >= 1);
      assertEquals(64, event.getString("hash").length());
      assertTrue(event.containsKey("transactionCount"));
    }
  }

  @Nested
  class Protection {
    @Test
    void clientOverItsRateIsToldToRetryLater() throws Exception {
      Answer limited = null;
      for (int i = 0; i < 10 && limited == null; i++) {
        Answer a = get(3, "/api/v1/validators");
        if (a.status() == 429) {
          limited = a;
        } else {
          assertEquals(200, a.status());
        }
      }
      assertNotNull(limited, "a burst of 5 is exhausted within 10 requests");
      assertError(limited, 429, "RATE_LIMITED");
      long retryAfter =
          Long.parseLong(limited.raw().headers().firstValue("retry-after").orElseThrow());
      assertTrue(retryAfter >= 1);
    }

    @Test
    void corsIsOffByDefaultAndAllowsOnlyConfiguredOrigins() throws Exception {
      HttpRequest.Builder withOrigin =
          HttpRequest.newBuilder(URI.create(net.url(2, "/api/v1/validators")))
              .header("origin", ElectionNetwork.ORIGIN)
              .GET();
      Answer allowed = send(2, withOrigin);
      assertEquals(
          ElectionNetwork.ORIGIN,
          allowed.raw().headers().firstValue("access-control-allow-origin").orElse(null));
      Answer off =
          send(
              0,
              HttpRequest.newBuilder(URI.create(net.url(0, "/api/v1/validators")))
                  .header("origin", ElectionNetwork.ORIGIN)
                  .GET());
      assertEquals(200, off.status());
      assertTrue(off.raw().headers().firstValue("access-control-allow-origin").isEmpty());
    }
  }

  @Nested
  class RawState {
    @Test
    void aBallotIsReadByItsKeyButItsFolderIsNotListed() throws Exception {
      String key = "election/" + E + "/ballot/" + net.trackingCodes.get("final").hex();
      Answer ballot = get(2, "/api/v1/state?key=" + key);
      assertEquals(200, ballot.status());
      assertTrue(ballot.body().length > 100, "an encrypted ballot's canonical bytes");
      // The folders with one key per ballot or transaction grow with the election and are never
      // listed (docs/storage.md §3), on either store.
      assertError(
          get(2, "/api/v1/state?folder=election/" + E + "/ballot/"), 400, "FOLDER_NOT_LISTED");
      assertError(get(2, "/api/v1/state?folder=tx/receipt/"), 400, "FOLDER_NOT_LISTED");
      // So are those with one key per voter: turnout is counted per station instead.
      assertError(
          get(2, "/api/v1/state?folder=election/" + E + "/vote/"), 400, "FOLDER_NOT_LISTED");
      assertError(
          get(2, "/api/v1/state?folder=election/" + E + "/roll/"), 400, "FOLDER_NOT_LISTED");
    }

    @Test
    void aListableFolderListsItsEntriesInKeyOrder() throws Exception {
      Answer votes = get(3, "/api/v1/state?folder=election/" + E + "/announcement/");
      assertEquals(200, votes.status(), new String(votes.body()));
      assertConforms("StateFolder", votes.json());
      List<String> keys = new ArrayList<>();
      for (Object o : votes.json().getJsonArray("entries")) {
        keys.add(((JsonObject) o).getString("key"));
      }
      assertFalse(keys.isEmpty());
      assertEquals(new ArrayList<>(new TreeSet<>(keys)), keys);
      assertTrue(
          keys.stream().allMatch(k -> k.startsWith("election/" + E + "/announcement/")),
          keys::toString);
    }

    @Test
    void aFolderIsReadPageByPageToTheSameEntries() throws Exception {
      String folder = "/api/v1/state?folder=election/" + E + "/announcement/";
      JsonArray whole = get(1, folder).json().getJsonArray("entries");
      assertTrue(whole.size() >= 2, "the ceremony announced from several trustees");
      JsonArray paged = new JsonArray();
      String next = null;
      int pages = 0;
      do {
        JsonObject page =
            get(1, folder + "&limit=1" + (next == null ? "" : "&after=" + next)).json();
        assertConforms("StateFolder", page);
        assertEquals(1, page.getJsonArray("entries").size());
        paged.addAll(page.getJsonArray("entries"));
        next = page.getString("next");
        pages++;
      } while (next != null);
      assertEquals(whole, paged);
      assertEquals(whole.size(), pages, "the last full page says no more follow");
      assertError(get(1, folder + "&limit=0"), 400, "BAD_QUERY");
      assertError(get(1, folder + "&limit=1001"), 400, "BAD_QUERY");
      assertError(
          get(1, "/api/v1/state?folder=election/" + E + "/ballot/&limit=5"),
          400,
          "FOLDER_NOT_LISTED");
    }

    @Test
    void malformedQueriesAreRefusedWithTheirCodes() throws Exception {
      assertError(get(0, "/api/v1/state?folder=election/" + E + "/vote"), 400, "BAD_STATE_KEY");
      assertError(get(0, "/api/v1/state?key=chain/head&folder=chain/"), 400, "BAD_QUERY");
      assertError(get(0, "/api/v1/state"), 400, "BAD_QUERY");
      assertError(get(0, "/api/v1/state?key=no/such/key"), 404, "NOT_FOUND");
    }
  }

  @Nested
  class OpenApiDocument {
    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
      Set<String> served = new TreeSet<>();
      for (Route route : net.nodes.get(0).router().getRoutes()) {
        String path = route.getPath();
        if (path == null || route.methods() == null || route.methods().isEmpty()) {
          continue; // the API's own filters (rate limit, CORS) and catch-alls
        }
        if (!path.startsWith("/api/") && !Set.of("/health", "/ready", "/metrics").contains(path)) {
          continue; // pages of other extensions (the web UI) are not the API
        }
        if (path.startsWith("/api/v1/mqtt/")) {
          continue; // the MQTT gateway's diagnostics, served only when it runs (docs/mqtt.md)
        }
        for (HttpMethod m : route.methods()) {
          served.add(
              m.name().toLowerCase(java.util.Locale.ROOT)
                  + " "
                  + path.replaceAll(":([A-Za-z]+)", "{$1}"));
        }
      }
      Set<String> documented = new TreeSet<>();
      JsonObject paths = openApi.getJsonObject("paths");
      for (String path : paths.fieldNames()) {
        if (path.startsWith("/api/v1/mqtt/")) {
          continue; // checked where the gateway runs (MqttGatewayTest)
        }
        for (String method : paths.getJsonObject(path).fieldNames()) {
          documented.add(method + " " + path);
        }
      }
      assertEquals(documented, served);
    }

    @Test
    void documentIsOpenApi31WithAnErrorResponseOnEveryApiRoute() {
      assertEquals("3.1.0", openApi.getString("openapi"));
      JsonObject paths = openApi.getJsonObject("paths");
      for (String path : paths.fieldNames()) {
        for (String method : paths.getJsonObject(path).fieldNames()) {
          JsonObject responses =
              paths.getJsonObject(path).getJsonObject(method).getJsonObject("responses");
          if (path.startsWith("/api/v1/") && !path.equals("/api/v1/openapi.json")) {
            assertTrue(responses.containsKey("429"), method + " " + path + " documents 429");
          }
        }
      }
    }

    @Test
    void checkerRejectsAnswersThatBreakTheSchema() {
      JsonObject wrong = new JsonObject().put("error", 42).put("message", "x");
      assertFalse(schemas.check("Error", wrong).isEmpty());
      assertFalse(schemas.check("Error", new JsonObject().put("error", "X")).isEmpty());
      JsonObject validators = new JsonObject().put("validators", new JsonArray());
      assertFalse(schemas.check("Validators", validators).isEmpty());
    }
  }

  private Genesis genesis() {
    return net.nodes.get(0).genesis();
  }

  private static CommitCertificate certificate(JsonObject json) {
    CanonicalReader r = new CanonicalReader(HEX.parseHex(json.getString("encoding")));
    CommitCertificate c = CommitCertificate.readFrom(r);
    r.finish();
    return c;
  }

  /** The values of a per-selection array, manifest order. */
  private static List<Object> values(JsonArray contests) {
    List<Object> out = new ArrayList<>();
    for (Object c : contests) {
      for (Object choice : ((JsonObject) c).getJsonArray("choices")) {
        Object v = ((JsonObject) choice).getValue("value");
        out.add(v instanceof Number n ? (Object) n.longValue() : v);
      }
    }
    return out;
  }
}

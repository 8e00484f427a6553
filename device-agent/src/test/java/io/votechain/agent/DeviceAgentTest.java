package io.votechain.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.votechain.agent.attestation.AttestationCounters;
import io.votechain.agent.identity.Pkcs12DeviceKey;
import io.votechain.agent.kiosk.KioskServer;
import io.votechain.agent.queue.Outbox;
import io.votechain.ballot.BallotNonces;
import io.votechain.ballot.EncryptionContext;
import io.votechain.ballot.SpoiledBallotCheck;
import io.votechain.contract.ElectionCrypto;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.group.P256;
import io.votechain.crypto.group.Scalar;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.device.NodeMessageKind;
import io.votechain.testing.Await;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CheckIn;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SpoilBallot;
import io.votechain.tx.TxKind;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent's delivery logic and the kiosk flow over HTTP, against an in-memory node. */
class DeviceAgentTest {
  @TempDir Path dir;
  private SecureRandom random;
  private FakeNode node;
  private DeviceAgent agent;
  private Pkcs12DeviceKey key;
  private Hash32 measurement;

  @BeforeEach
  void setUp() throws Exception {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(7);
    Ed25519Signer validator = Ed25519Signer.generate(random);
    node = new FakeNode(validator, "chain-test");
    Path configFile = dir.resolve("config.json");
    Files.writeString(
        configFile,
        AgentConfig.json(
                "kiosk-1",
                "chain-test",
                List.of(validator.publicKey()),
                List.of("tcp://127.0.0.1:1"),
                "data",
                100)
            .put("receiptTimeoutMillis", 60_000)
            .encode());
    AgentConfig config = AgentConfig.load(configFile);
    Files.createDirectories(config.dataDir());
    key = Pkcs12DeviceKey.create(config.keyStore(), "p".toCharArray(), "kiosk-1", random);
    measurement = Sha256.hash(new byte[] {1});
    agent =
        new DeviceAgent(
            config,
            key,
            measurement,
            AttestationCounters.open(config.counters()),
            Outbox.open(config.outbox()),
            node::attach);
    agent.start();
  }

  @AfterEach
  void tearDown() {
    agent.close();
  }

  private static ElectionManifest manifest() {
    return new ElectionManifest(
        "e",
        LocalizedText.of("en", "Referendum", "zh", "公投"),
        List.of(
            new Contest(
                "q1",
                ContestKind.YES_NO,
                1,
                LocalizedText.of("en", "Yes or no?", "zh", "是否？"),
                List.of(
                    new Choice("yes", LocalizedText.of("en", "Yes", "zh", "是")),
                    new Choice("no", LocalizedText.of("en", "No", "zh", "否")))),
            new Contest(
                "council",
                ContestKind.K_OF_N,
                2,
                LocalizedText.of("en", "Council", "zh", "议会"),
                List.of(
                    new Choice("a", LocalizedText.of("en", "Ann", "zh", "安")),
                    new Choice("b", LocalizedText.of("en", "Ben", "zh", "本")),
                    new Choice("c", LocalizedText.of("en", "Cat", "zh", "凯"))))),
        0,
        1_000_000,
        RevotePolicy.LAST_VOTE_COUNTS);
  }

  @Test
  void theAgentAttestsFirstThenDeliversInOrderWithConsecutiveNonces() throws Exception {
    Ed25519Signer voter = Ed25519Signer.generate(random);
    // Queued while offline: nothing is lost, nothing is sent.
    var checkIn = agent.submit(new CheckIn("e", "kiosk-1", voter.publicKey()));
    waitUntil(() -> agent.status().queueLength() == 1, "the check-in waits in the queue");
    assertTrue(node.published.isEmpty(), "nothing is sent while offline");
    node.connect();
    node.challenge();
    waitUntil(checkIn::isDone, "the check-in is committed");
    assertEquals(
        List.of(TxKind.ATTEST_DEVICE, TxKind.CHECK_IN),
        node.committed.stream().map(SignedTransaction::kind).toList());
    assertEquals(List.of(0L, 1L), node.committed.stream().map(SignedTransaction::nonce).toList());
    AttestDevice attest = (AttestDevice) node.committed.get(0).body();
    assertEquals(measurement, attest.evidence().measurement());
    assertTrue(
        key.publicKey()
            .verify(attest.evidence().signedMessage("chain-test"), attest.evidence().signature()));
    assertEquals(ErrorCode.OK.number(), checkIn.get().settlement().code());
    waitUntil(() -> agent.status().queueLength() == 0, "the queue is empty");
  }

  @Test
  void aDeliveryIsTimedFromItsFirstPublishNotFromItsQueueing() throws Exception {
    var checkIn =
        agent.submit(new CheckIn("e", "kiosk-1", Ed25519Signer.generate(random).publicKey()));
    waitUntil(() -> agent.status().queueLength() == 1, "the check-in waits in the queue");
    long beforeConnect = System.nanoTime();
    node.connect();
    node.challenge();
    waitUntil(checkIn::isDone, "the check-in is committed");
    long published = checkIn.get().publishedNanos();
    assertTrue(published - beforeConnect > 0, "published once online, not when queued");
    assertTrue(System.nanoTime() - published >= 0);
  }

  @Test
  void aRefusalBeforeCommitDoesNotBurnTheNonce() throws Exception {
    node.refuse =
        tx ->
            tx.kind() == TxKind.CHECK_IN
                ? Optional.of(ErrorCode.UNKNOWN_CREDENTIAL)
                : Optional.empty();
    node.connect();
    node.challenge();
    var refused =
        agent.submit(new CheckIn("e", "kiosk-1", Ed25519Signer.generate(random).publicKey()));
    waitUntil(refused::isDone, "the refusal arrives");
    assertEquals(0, refused.get().settlement().height());
    assertEquals("UNKNOWN_CREDENTIAL", refused.get().settlement().codeName());
    node.refuse = tx -> Optional.empty();
    var next =
        agent.submit(new CheckIn("e", "kiosk-1", Ed25519Signer.generate(random).publicKey()));
    waitUntil(next::isDone, "the next check-in is committed");
    assertEquals(1L, node.committed.get(1).nonce(), "the refused nonce is used again");
  }

  @Test
  void aNonceBehindTheLedgerIsResynchronisedAndTheSameTransactionDelivered() throws Exception {
    // The device's data folder came from an old backup: the ledger has seen five more of its
    // transactions than its outbox remembers.
    node.nextNonce = 5;
    node.connect();
    node.challenge();
    CheckIn body = new CheckIn("e", "kiosk-1", Ed25519Signer.generate(random).publicKey());
    var checkIn = agent.submit(body);
    waitUntil(checkIn::isDone, "the check-in is committed");
    assertEquals("OK", checkIn.get().settlement().codeName());
    assertEquals(
        List.of(TxKind.ATTEST_DEVICE, TxKind.CHECK_IN),
        node.committed.stream().map(SignedTransaction::kind).toList());
    assertEquals(List.of(5L, 6L), node.committed.stream().map(SignedTransaction::nonce).toList());
    assertEquals(body, node.committed.get(1).body(), "the same transaction, re-signed");
    assertEquals(1, txPublished(TxKind.CHECK_IN), "signed once, with the resynchronised nonce");
  }

  /**
   * Revoked by the officials after attesting: when its re-attestation falls due (reattestAfter = 50
   * blocks here) the agent must not hold its queue behind attestations the ledger refuses for ever,
   * but deliver every entry to its DEVICE_REVOKED answer. Told by the device config or, without it,
   * by the refusal of its attestation.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aRevokedDeviceHoldsNothingBackAndEveryQueuedEntryIsAnswered(boolean configSaysRevoked)
      throws Exception {
    node.connect();
    node.challenge();
    var before =
        agent.submit(new CheckIn("e", "kiosk-1", Ed25519Signer.generate(random).publicKey()));
    waitUntil(before::isDone, "the check-in before the revocation is committed");
    assertEquals("OK", before.get().settlement().codeName());
    long attestedAt = 11;
    long attestationsBefore = txPublished(TxKind.ATTEST_DEVICE);
    node.refuse = tx -> Optional.of(ErrorCode.DEVICE_REVOKED);
    // Without the revoked config the agent learns it from its attestation's refusal.
    node.deviceConfig(
        "kiosk-1",
        key.publicKey(),
        measurement,
        Optional.of(attestedAt),
        configSaysRevoked
            ? io.votechain.contract.DeviceStatus.REVOKED
            : io.votechain.contract.DeviceStatus.ACTIVE);
    node.advance(60); // the attestation of block 11 is now due for renewal
    node.challenge();
    List<java.util.concurrent.CompletableFuture<DeviceAgent.Delivery>> after = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      after.add(
          agent.submit(new CheckIn("e", "kiosk-1", Ed25519Signer.generate(random).publicKey())));
    }
    waitUntil(
        () -> after.stream().allMatch(java.util.concurrent.CompletableFuture::isDone),
        "every check-in after the revocation is answered");
    for (var delivery : after) {
      assertEquals("DEVICE_REVOKED", delivery.get().settlement().codeName());
    }
    assertEquals(
        configSaysRevoked ? 0L : 1L,
        txPublished(TxKind.ATTEST_DEVICE) - attestationsBefore,
        "attestations sent after the revocation");
    waitUntil(() -> agent.status().queueLength() == 0, "the queue is empty");
  }

  @Test
  void aValidatorNamingAWrongNonceForEverCannotKeepTheAgentReSigning() throws Exception {
    // A faulty validator refuses everything as BAD_NONCE and names a different nonce each time.
    node.refuse = tx -> Optional.of(ErrorCode.BAD_NONCE);
    node.badNonceReason = tx -> "expected nonce " + (tx.nonce() + 7) + ", got " + tx.nonce();
    node.connect();
    node.challenge();
    var checkIn =
        agent.submit(new CheckIn("e", "kiosk-1", Ed25519Signer.generate(random).publicKey()));
    waitUntil(checkIn::isDone, "the check-in is settled");
    assertEquals("BAD_NONCE", checkIn.get().settlement().codeName());
    assertEquals(0, checkIn.get().settlement().height());
    assertEquals(
        DeviceAgent.MAX_NONCE_RESYNCS + 1,
        txPublished(TxKind.CHECK_IN),
        "the first signature and one per resynchronisation allowed");
    assertTrue(node.committed.isEmpty());
  }

  @Test
  void aBadNonceRefusalWithoutAUsableNonceStandsAsARefusal() throws Exception {
    node.refuse =
        tx -> tx.kind() == TxKind.CHECK_IN ? Optional.of(ErrorCode.BAD_NONCE) : Optional.empty();
    node.badNonceReason = tx -> "expected nonce 12, got " + (tx.nonce() + 1);
    node.connect();
    node.challenge();
    var checkIn =
        agent.submit(new CheckIn("e", "kiosk-1", Ed25519Signer.generate(random).publicKey()));
    waitUntil(checkIn::isDone, "the check-in is settled");
    assertEquals("BAD_NONCE", checkIn.get().settlement().codeName());
    assertEquals(1, txPublished(TxKind.CHECK_IN), "an answer to another nonce is not followed");
  }

  private long txPublished(TxKind kind) {
    return node.published.stream()
        .map(
            p -> {
              try {
                return SignedTransaction.decode(p).kind();
              } catch (RuntimeException e) {
                return null; // a heartbeat
              }
            })
        .filter(k -> k == kind)
        .count();
  }

  @Test
  void messagesNotSignedByAGenesisValidatorAreIgnored() throws Exception {
    node.connect();
    Ed25519Signer impostor = Ed25519Signer.generate(random);
    node.sendSignedBy(
        impostor,
        NodeMessageKind.CHALLENGE,
        io.votechain.device.MqttTopics.CHALLENGE,
        new io.votechain.device.Challenge(99, Hash32.ZERO, 600).encode());
    waitUntil(() -> agent.rejectedMessages() == 1, "the forged challenge is rejected");
    Thread.sleep(300);
    assertEquals(-1, agent.status().chainHeight());
    assertTrue(node.committed.isEmpty(), "no attestation answers a forged challenge");
  }

  @Test
  void theKioskFlowOverHttpChecksInChallengesAndCasts() throws Exception {
    Scalar secret = Scalar.random(random);
    Hash32 he = Sha256.hash(new byte[] {42});
    node.connect();
    node.challenge();
    node.election(manifest(), secret, he);
    node.deviceConfig("kiosk-1", key.publicKey(), measurement, Optional.empty());
    waitUntil(() -> agent.elections().containsKey("e"), "the election arrives");
    Vertx vertx = Vertx.vertx();
    try {
      KioskServer kiosk = new KioskServer(vertx, agent, random);
      int port = kiosk.start(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      Ed25519Signer voter = Ed25519Signer.generate(random);

      String waiting = get(http, base + "/voter");
      assertTrue(waiting.contains("poll worker"), waiting);
      assertEquals(
          303,
          post(
              http,
              base + "/poll-worker/check-in",
              "election=e&credential=" + HexFormat.of().formatHex(voter.publicKey().encoded())));
      String ballot = get(http, base + "/voter?lang=zh&large=1");
      assertTrue(ballot.contains("公投") && ballot.contains("type='checkbox'"), ballot);
      assertTrue(ballot.contains("<label for='c1-2'>凯</label>"), "every choice is labelled");

      // First attempt: the voter challenges.
      assertEquals(303, post(http, base + "/voter/mark", "contest-0=0&contest-1=0&contest-1=2"));
      String firstCode = new JsonObject(get(http, base + "/status")).getString("trackingCode");
      assertTrue(get(http, base + "/voter").contains(firstCode));
      assertEquals(303, post(http, base + "/voter/challenge", ""));
      // Second attempt: the voter casts.
      assertEquals(303, post(http, base + "/voter/mark", "contest-0=1&contest-1=1"));
      assertEquals(303, post(http, base + "/voter/cast", ""));
      waitUntil(
          () ->
              new JsonObject(get(http, base + "/status")).getJsonObject("receipt").getLong("height")
                  > 0,
          "the cast ballot is committed");
      String receipt = get(http, base + "/voter/receipt.txt");
      assertTrue(receipt.contains("Block height:  1"), receipt);
      HttpResponse<byte[]> pdf =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/voter/receipt.pdf")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
      assertTrue(
          new String(pdf.body(), java.nio.charset.StandardCharsets.ISO_8859_1)
              .contains("(Block height:  1"));

      List<TxKind> kinds = node.committed.stream().map(SignedTransaction::kind).toList();
      assertEquals(
          List.of(TxKind.ATTEST_DEVICE, TxKind.CHECK_IN, TxKind.SPOIL_BALLOT, TxKind.CAST_BALLOT),
          kinds);
      EncryptionContext context =
          new EncryptionContext(he, new ElectionKey(P256.G.multiply(secret)));
      SpoilBallot spoiled = (SpoilBallot) node.committed.get(2).body();
      assertTrue(
          SpoiledBallotCheck.check(
                  context,
                  ElectionCrypto.style(manifest()),
                  spoiled.ballot(),
                  spoiled.nonces(),
                  spoiled.plaintext())
              .matches(),
          "the challenged ballot encrypts what the screen showed");
      assertEquals(List.of(List.of(1, 0), List.of(1, 0, 1)), spoiled.plaintext().marks());
      assertEquals(
          firstCode,
          io.votechain.agent.kiosk.TrackingCode.of(spoiled.ballot().hash(he)),
          "the tracking code shown is the spoiled ballot's");
      CastBallot cast = (CastBallot) node.committed.get(3).body();
      assertEquals(voter.publicKey(), cast.credential());
      assertTrue(receipt.contains(cast.ballot().hash(he).hex().substring(0, 32)));
      // The cast ballot is not the challenged one: its nonces were never disclosed.
      assertTrue(!cast.ballot().ballotId().equals(spoiled.ballot().ballotId()));
      BallotNonces unused = spoiled.nonces();
      assertEquals(spoiled.ballot().ballotId(), unused.ballotId());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static String get(HttpClient http, String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int post(HttpClient http, String url, String form) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static void waitUntil(BooleanSupplier condition, String what)
      throws InterruptedException {
    Await.until(condition, 20, what);
  }
}

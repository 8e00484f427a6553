package io.votechain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.mqtt.TestCertificates;
import io.votechain.node.LoopbackPorts;
import io.votechain.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS between validators: real certificates, real TLS over loopback. */
class PeerTlsTest {
  private static final Hash32 CHAIN = Sha256.hash("tls chain".getBytes(StandardCharsets.UTF_8));
  private static final TransportOptions OPTIONS =
      // A generous handshake timeout: a JVM's first TLS handshakes are slow on a loaded machine,
      // and a
      // handshake that times out is retried from scratch.
      new TransportOptions(
          64 * 1024, 1000, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5));

  @TempDir Path dir;
  private Vertx vertx;
  private SecureRandom random;
  private final List<Ed25519Signer> keys = new ArrayList<>();
  private final List<Peer> peers = new ArrayList<>();
  private final List<List<String>> received = new ArrayList<>();
  private final List<PeerTransport> transports = new ArrayList<>();

  @BeforeEach
  void validators() throws Exception {
    vertx = Vertx.vertx();
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(9334);
    int base = LoopbackPorts.freeBlock(3);
    for (int i = 0; i < 3; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (i + 1);
      keys.add(Ed25519Signer.fromSeed(seed));
      peers.add(new Peer(i, keys.get(i).publicKey(), "127.0.0.1", base + i));
      received.add(new CopyOnWriteArrayList<>());
      transports.add(null);
    }
  }

  @AfterEach
  void shutdown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A certificate for validator {@code id} issued by {@code ca}, written as PEM files. */
  private PeerTls credentials(int id, TestCertificates.Issued ca, String caName) throws Exception {
    KeyPair keys = TestCertificates.newKeyPair(random);
    var cert = TestCertificates.issue(ca, "CN=validator-" + id, keys.getPublic(), true);
    Path certPath = dir.resolve(caName + "-validator-" + id + ".crt");
    Path keyPath = dir.resolve(caName + "-validator-" + id + ".key");
    Path caPath = dir.resolve(caName + "-ca.crt");
    TestCertificates.writePem(certPath, "CERTIFICATE", cert.getEncoded());
    TestCertificates.writePem(keyPath, "PRIVATE KEY", keys.getPrivate().getEncoded());
    TestCertificates.writePem(caPath, "CERTIFICATE", ca.certificate().getEncoded());
    return new PeerTls(certPath, keyPath, caPath);
  }

  private void start(int id, PeerTls tls) throws Exception {
    PeerTransport t =
        new PeerTransport(
            CHAIN,
            id,
            keys.get(id),
            peers,
            OPTIONS,
            Optional.ofNullable(tls),
            (from, payload) ->
                received.get(id).add(from + ":" + new String(payload, StandardCharsets.UTF_8)));
    transports.set(id, t);
    vertx.deployVerticle(t).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void validatorsWithCertificatesOfTheNetworkTalkOverTls() throws Exception {
    TestCertificates.Issued ca = TestCertificates.selfSignedCa(random);
    for (int i = 0; i < 3; i++) {
      start(i, credentials(i, ca, "network"));
    }
    transports.get(0).broadcast("over tls".getBytes(StandardCharsets.UTF_8));
    waitUntil(
        () -> received.get(1).contains("0:over tls") && received.get(2).contains("0:over tls"),
        "both peers receive the broadcast");
    waitUntil(
        () -> transports.get(2).isConnected(0) && transports.get(2).isConnected(1),
        "validator 2's links are up");
  }

  @Test
  void aValidatorWithACertificateFromAnotherAuthorityIsShutOut() throws Exception {
    TestCertificates.Issued ca = TestCertificates.selfSignedCa(random);
    TestCertificates.Issued stranger = TestCertificates.selfSignedCa(random);
    start(0, credentials(0, ca, "network"));
    start(1, credentials(1, ca, "network"));
    // Validator 2 holds a genuine validator key, but its certificate is not the network's.
    start(2, credentials(2, stranger, "stranger"));
    transports.get(0).broadcast("members only".getBytes(StandardCharsets.UTF_8));
    transports.get(2).broadcast("let me in".getBytes(StandardCharsets.UTF_8));
    waitUntil(() -> received.get(1).contains("0:members only"), "validator 1 receives");
    Thread.sleep(2_000); // several reconnection attempts (back-off 20–200 ms)
    assertEquals(List.of(), received.get(2));
    assertFalse(received.get(0).contains("2:let me in"));
    assertFalse(received.get(1).contains("2:let me in"));
    assertFalse(transports.get(0).isConnected(2));
    assertFalse(transports.get(2).isConnected(0));
  }

  @Test
  void aValidatorWithoutTlsCannotReachOneThatRequiresIt() throws Exception {
    TestCertificates.Issued ca = TestCertificates.selfSignedCa(random);
    start(0, credentials(0, ca, "network"));
    start(1, null);
    transports.get(1).send(0, "plain".getBytes(StandardCharsets.UTF_8));
    Thread.sleep(2_000);
    assertEquals(List.of(), received.get(0));
    assertFalse(transports.get(1).isConnected(0));
  }

  @Test
  void theConfigurationSectionNamesThreeReadableFiles() throws Exception {
    PeerTls tls = credentials(0, TestCertificates.selfSignedCa(random), "network");
    JsonObject section =
        new JsonObject()
            .put("certPath", tls.certPath().toString())
            .put("keyPath", tls.keyPath().toString())
            .put("caPath", tls.caPath().toString());
    assertEquals(tls, PeerTls.fromJson(section));
    JsonObject withoutCa = section.copy();
    withoutCa.remove("caPath");
    assertThrows(IllegalArgumentException.class, () -> PeerTls.fromJson(withoutCa));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> PeerTls.fromJson(section.copy().put("ca", "x")))
            .getMessage()
            .contains("unknown field"));
    assertThrows(
        IllegalArgumentException.class,
        () -> PeerTls.fromJson(section.copy().put("keyPath", dir.resolve("missing").toString())));
  }

  private static void waitUntil(BooleanSupplier condition, String what)
      throws InterruptedException {
    Await.until(condition, 60, what);
  }
}

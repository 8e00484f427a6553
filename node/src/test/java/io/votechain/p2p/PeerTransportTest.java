package io.votechain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerTransportTest {
  private static final Hash32 CHAIN = Sha256.hash("test chain".getBytes(StandardCharsets.UTF_8));
  private static final TransportOptions OPTIONS =
      new TransportOptions(
          64 * 1024, 1000, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(1500));

  private Vertx vertx;
  private final List<Ed25519Signer> keys = new ArrayList<>();
  private final List<Peer> peers = new ArrayList<>();
  private final List<List<String>> received = new ArrayList<>();
  private final List<PeerTransport> transports = new ArrayList<>();
  private final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void network() throws IOException {
    vertx = Vertx.vertx();
    for (int i = 0; i < 4; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (i + 1);
      keys.add(Ed25519Signer.fromSeed(seed));
      peers.add(
          new Peer(
              i, keys.get(i).publicKey(), "127.0.0.1", io.votechain.node.LoopbackPorts.freePort()));
      received.add(new CopyOnWriteArrayList<>());
      transports.add(null);
      deployments.add(null);
    }
  }

  @AfterEach
  void shutdown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private PeerTransport start(int id) throws Exception {
    PeerTransport t =
        new PeerTransport(
            CHAIN,
            id,
            keys.get(id),
            peers,
            OPTIONS,
            (from, payload) ->
                received.get(id).add(from + ":" + new String(payload, StandardCharsets.UTF_8)));
    transports.set(id, t);
    deployments.set(id, await(vertx.deployVerticle(t).toCompletionStage().toCompletableFuture()));
    return t;
  }

  private void stop(int id) throws Exception {
    await(vertx.undeploy(deployments.get(id)).toCompletionStage().toCompletableFuture());
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyValidatorReceivesEveryBroadcastInOrder() throws Exception {
    for (int i = 0; i < 4; i++) {
      start(i);
    }
    for (int m = 0; m < 50; m++) {
      for (int i = 0; i < 4; i++) {
        transports.get(i).broadcast(utf8("m" + m));
      }
    }
    for (int i = 0; i < 4; i++) {
      int id = i;
      waitUntil(() -> received.get(id).size() == 150, "validator " + id + " has 150 messages");
      for (int from = 0; from < 4; from++) {
        if (from == id) {
          continue;
        }
        List<String> fromPeer = new ArrayList<>();
        for (String s : received.get(id)) {
          if (s.startsWith(from + ":")) {
            fromPeer.add(s);
          }
        }
        List<String> expected = new ArrayList<>();
        for (int m = 0; m < 50; m++) {
          expected.add(from + ":m" + m);
        }
        assertEquals(expected, fromPeer);
      }
    }
  }

  @Test
  void messagesQueuedWhileAPeerIsDownArriveWhenItReturns() throws Exception {
    start(0);
    start(1);
    transports.get(0).send(1, utf8("before"));
    waitUntil(() -> received.get(1).size() == 1, "first message");
    stop(1);
    // Frames written into a connection as it breaks can be lost (consensus retransmits on its
    // timeouts); what the transport promises is to queue what it sends while the peer is down.
    waitUntil(() -> !transports.get(0).isConnected(1), "the link notices the peer is gone");
    transports.get(0).send(1, utf8("while down"));
    Thread.sleep(100);
    start(1);
    waitUntil(() -> received.get(1).size() == 2, "queued message after restart");
    assertEquals(List.of("0:before", "0:while down"), received.get(1));
  }

  /** A hostile client speaking the protocol by hand. */
  private final class RawPeer {
    final NetSocket socket;
    final List<Frame> frames = Collections.synchronizedList(new ArrayList<>());
    volatile boolean closed;

    RawPeer(int port) throws Exception {
      socket =
          await(
              vertx
                  .createNetClient()
                  .connect(port, "127.0.0.1")
                  .toCompletionStage()
                  .toCompletableFuture());
      socket.handler(
          FrameReader.create(
              1 << 20, body -> frames.add(Frame.decode(body, 1 << 20)), () -> closed = true));
      socket.closeHandler(v -> closed = true);
    }

    void send(Frame f) {
      socket.write(FrameReader.frame(f));
    }

    void sendRaw(Buffer b) {
      socket.write(b);
    }

    /**
     * Handshakes as validator {@code as}, signing with {@code key} and offering {@code share} (this
     * raw peer's own ephemeral share unless a test passes a hostile one); returns the session's MAC
     * as this end derives it.
     */
    SessionMac handshake(int as, int to, Ed25519Signer key, byte[] share) throws Exception {
      byte[] dn = new byte[32];
      dn[5] = 7;
      send(new Frame.Hello(CHAIN, as, to, dn, share));
      waitUntil(() -> !frames.isEmpty() || closed, "challenge");
      Frame.Challenge c = (Frame.Challenge) frames.get(0);
      Frame.Handshake h =
          new Frame.Handshake(CHAIN, as, to, dn, c.acceptorNonce(), share, c.acceptorShare());
      assertTrue(
          peers.get(to).publicKey().verify(Frame.challengeStatement(h), c.signature()),
          "the acceptor proves its identity");
      byte[] auth = Frame.authStatement(h);
      send(new Frame.Auth(key.sign(auth)));
      return SessionMac.agree(ephemeral, c.acceptorShare(), auth).orElseThrow();
    }

    SessionMac handshake(int as, int to, Ed25519Signer key) throws Exception {
      return handshake(as, to, key, ephemeral.share());
    }

    final SessionMac.Ephemeral ephemeral = SessionMac.Ephemeral.generate(new SecureRandom());

    Frame.Data data(long seq, String payload, SessionMac mac) {
      byte[] p = utf8(payload);
      return new Frame.Data(seq, p, mac.tag(seq, p));
    }
  }

  @Test
  void aCorrectlyHandshakenPeerIsHeard() throws Exception {
    start(0);
    RawPeer raw = new RawPeer(peers.get(0).port());
    SessionMac mac = raw.handshake(1, 0, keys.get(1));
    raw.send(raw.data(0, "hello", mac));
    waitUntil(() -> received.get(0).size() == 1, "delivery");
    assertEquals(List.of("1:hello"), received.get(0));
  }

  @Test
  void aDataFrameWhosePayloadWasChangedInTransitIsDroppedAndTheConnectionClosed() throws Exception {
    PeerTransport t = start(0);
    RawPeer raw = new RawPeer(peers.get(0).port());
    SessionMac mac = raw.handshake(1, 0, keys.get(1));
    Frame.Data honest = raw.data(0, "vote for A", mac);
    byte[] altered = honest.payload().clone();
    altered[altered.length - 1] = 'B';
    raw.send(new Frame.Data(0, altered, honest.tag()));
    waitUntil(() -> raw.closed, "connection closed");
    assertEquals(1, t.counters().dropped(DropReason.BAD_MAC));
    assertTrue(received.get(0).isEmpty());
  }

  @Test
  void aDataFrameTaggedWithAnotherSessionsKeyIsDropped() throws Exception {
    PeerTransport t = start(0);
    RawPeer first = new RawPeer(peers.get(0).port());
    SessionMac firstMac = first.handshake(1, 0, keys.get(1));
    RawPeer second = new RawPeer(peers.get(0).port());
    second.handshake(1, 0, keys.get(1));
    // A frame recorded on one connection, replayed into another with the same sequence number.
    second.send(first.data(0, "recorded elsewhere", firstMac));
    waitUntil(() -> second.closed, "connection closed");
    assertEquals(1, t.counters().dropped(DropReason.BAD_MAC));
    assertTrue(received.get(0).isEmpty());
  }

  @Test
  void aLowOrderKeyShareIsRefusedBecauseItsSharedSecretIsPublic() throws Exception {
    PeerTransport t = start(0);
    RawPeer raw = new RawPeer(peers.get(0).port());
    // u = 0 is a point of small order: X25519 with it gives all zeros whatever the private key.
    byte[] zero = new byte[SessionMac.SHARE_BYTES];
    assertTrue(SessionMac.agree(raw.ephemeral, zero, new byte[0]).isEmpty());
    byte[] dn = new byte[32];
    raw.send(new Frame.Hello(CHAIN, 1, 0, dn, zero));
    waitUntil(() -> !raw.frames.isEmpty(), "challenge");
    Frame.Challenge c = (Frame.Challenge) raw.frames.get(0);
    Frame.Handshake h =
        new Frame.Handshake(CHAIN, 1, 0, dn, c.acceptorNonce(), zero, c.acceptorShare());
    raw.send(new Frame.Auth(keys.get(1).sign(Frame.authStatement(h))));
    waitUntil(() -> raw.closed, "connection closed");
    assertEquals(1, t.counters().dropped(DropReason.BAD_KEY_SHARE));
  }

  @Test
  void bothEndsOfAHandshakeDeriveTheSameKeyAndAnyOtherStatementGivesAnother() {
    SecureRandom random = new SecureRandom();
    SessionMac.Ephemeral a = SessionMac.Ephemeral.generate(random);
    SessionMac.Ephemeral b = SessionMac.Ephemeral.generate(random);
    byte[] statement = utf8("statement");
    byte[] payload = utf8("payload");
    byte[] tag = SessionMac.agree(a, b.share(), statement).orElseThrow().tag(3, payload);
    SessionMac other = SessionMac.agree(b, a.share(), statement).orElseThrow();
    assertTrue(other.verifies(3, payload, tag));
    assertFalse(other.verifies(4, payload, tag), "another sequence number");
    assertFalse(
        SessionMac.agree(b, a.share(), utf8("statemenT")).orElseThrow().verifies(3, payload, tag),
        "another handshake");
  }

  @Test
  void anImpostorWithoutTheValidatorsKeyCannotAuthenticate() throws Exception {
    PeerTransport t = start(0);
    RawPeer raw = new RawPeer(peers.get(0).port());
    raw.handshake(1, 0, keys.get(3));
    waitUntil(() -> raw.closed, "connection closed");
    assertEquals(1, t.counters().dropped(DropReason.BAD_SIGNATURE));
  }

  @Test
  void aReplayedDataFrameIsRefused() throws Exception {
    PeerTransport t = start(0);
    RawPeer raw = new RawPeer(peers.get(0).port());
    SessionMac mac = raw.handshake(1, 0, keys.get(1));
    Frame.Data once = raw.data(0, "vote", mac);
    raw.send(once);
    raw.send(once);
    waitUntil(() -> raw.closed, "connection closed");
    assertEquals(1, t.counters().dropped(DropReason.BAD_SEQUENCE));
    waitUntil(() -> received.get(0).size() == 1, "the first copy delivered");
    assertEquals(List.of("1:vote"), received.get(0));
  }

  @Test
  void aFrameFromAnotherChainOrAStrangerIsRefused() throws Exception {
    PeerTransport t = start(0);
    RawPeer otherChain = new RawPeer(peers.get(0).port());
    otherChain.send(new Frame.Hello(Hash32.ZERO, 1, 0, new byte[32], otherChain.ephemeral.share()));
    RawPeer stranger = new RawPeer(peers.get(0).port());
    stranger.send(new Frame.Hello(CHAIN, 99, 0, new byte[32], stranger.ephemeral.share()));
    waitUntil(() -> otherChain.closed && stranger.closed, "both closed");
    assertEquals(2, t.counters().dropped(DropReason.UNKNOWN_PEER));
  }

  @Test
  void anOversizedLengthPrefixClosesTheConnectionBeforeBuffering() throws Exception {
    PeerTransport t = start(0);
    RawPeer raw = new RawPeer(peers.get(0).port());
    raw.sendRaw(Buffer.buffer().appendInt(Integer.MAX_VALUE).appendBytes(new byte[100]));
    waitUntil(() -> raw.closed, "connection closed");
    assertEquals(1, t.counters().dropped(DropReason.FRAME_TOO_LARGE));
  }

  @Test
  void garbageIsDroppedAndTheValidatorKeepsServingOthers() throws Exception {
    PeerTransport t = start(0);
    start(1);
    RawPeer raw = new RawPeer(peers.get(0).port());
    raw.sendRaw(Buffer.buffer().appendInt(5).appendBytes(new byte[] {9, 9, 9, 9, 9}));
    waitUntil(() -> raw.closed, "connection closed");
    assertEquals(1, t.counters().dropped(DropReason.MALFORMED));
    transports.get(1).send(0, utf8("still here"));
    waitUntil(() -> received.get(0).contains("1:still here"), "honest delivery");
  }

  @Test
  void aSilentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
    PeerTransport t = start(0);
    RawPeer raw = new RawPeer(peers.get(0).port());
    waitUntil(() -> raw.closed, "connection closed");
    assertEquals(1, t.counters().dropped(DropReason.HANDSHAKE_TIMEOUT));
  }

  @Test
  void dataBeforeAuthenticationIsUnexpected() throws Exception {
    PeerTransport t = start(0);
    RawPeer raw = new RawPeer(peers.get(0).port());
    raw.send(new Frame.Data(0, utf8("x"), new byte[SessionMac.TAG_BYTES]));
    waitUntil(() -> raw.closed, "connection closed");
    assertEquals(1, t.counters().dropped(DropReason.UNEXPECTED_FRAME));
  }

  private static void waitUntil(BooleanSupplier condition, String what)
      throws InterruptedException {
    Await.until(condition, 15, what);
  }
}

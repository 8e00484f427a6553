package io.votechain.p2p;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.encoding.EncodingException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authenticated peer-to-peer links between validators over TCP (docs/p2p.md). Each validator dials
 * every other one and sends on that outbound connection; it receives on the connections others dial
 * to it. A connection is authenticated in both directions by a nonce handshake signed with the
 * validators' Ed25519 keys that also agrees on a session key (ephemeral X25519), and every data
 * frame is numbered within its session and carries an HMAC under that key ({@link SessionMac}), so
 * a frame cannot be forged, replayed, reordered or moved to another connection. Nothing a peer
 * sends is trusted on its word: a frame that fails any check is dropped, counted, and its
 * connection closed.
 *
 * <p>Threading: all state lives on this verticle's event loop; {@link #send} and {@link #broadcast}
 * may be called from any thread. A data frame's tag costs one hash of the frame, so it is checked
 * on the event loop, in arrival order.
 */
public final class PeerTransport extends VerticleBase {
  private final Hash32 chainId;
  private final int selfId;
  private final Ed25519Signer signer;
  private final Map<Integer, Peer> peers = new LinkedHashMap<>();
  private final TransportOptions options;
  private final MessageHandler handler;
  private final SecureRandom random = new SecureRandom();
  private final TransportCounters counters = new TransportCounters();
  private final Map<Integer, OutboundLink> links = new LinkedHashMap<>();
  private final java.util.Set<NetSocket> inbound = new java.util.LinkedHashSet<>();
  private volatile Context transportContext;
  private NetServer server;
  private NetClient client;
  private volatile int boundPort = -1;
  private boolean stopping;
  private final java.util.Optional<PeerTls> tls;

  public PeerTransport(
      Hash32 chainId,
      int selfId,
      Ed25519Signer signer,
      List<Peer> validators,
      TransportOptions options,
      MessageHandler handler) {
    this(chainId, selfId, signer, validators, options, java.util.Optional.empty(), handler);
  }

  /**
   * @param tls mutual TLS for every peer connection, if the network uses it ({@link PeerTls})
   */
  public PeerTransport(
      Hash32 chainId,
      int selfId,
      Ed25519Signer signer,
      List<Peer> validators,
      TransportOptions options,
      java.util.Optional<PeerTls> tls,
      MessageHandler handler) {
    this.tls = tls;
    this.chainId = chainId;
    this.selfId = selfId;
    this.signer = signer;
    this.options = options;
    this.handler = handler;
    for (Peer p : validators) {
      peers.put(p.id(), p);
    }
    Peer self = peers.get(selfId);
    if (self == null || !self.publicKey().equals(signer.publicKey())) {
      throw new IllegalArgumentException(
          "this validator's key is not the one listed for id " + selfId);
    }
  }

  @Override
  public Future<?> start() {
    transportContext = context;
    NetClientOptions clientOptions =
        new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(2000);
    NetServerOptions serverOptions = new NetServerOptions().setTcpNoDelay(true);
    tls.ifPresent(
        t -> {
          PemKeyCertOptions own =
              new PemKeyCertOptions()
                  .setCertPath(t.certPath().toString())
                  .setKeyPath(t.keyPath().toString());
          PemTrustOptions authorities = new PemTrustOptions().addCertPath(t.caPath().toString());
          serverOptions
              .setSsl(true)
              .setKeyCertOptions(own)
              .setTrustOptions(authorities)
              .setClientAuth(ClientAuth.REQUIRED);
          // No host name check: a peer is identified by its Ed25519 key (see PeerTls).
          clientOptions
              .setSsl(true)
              .setKeyCertOptions(own)
              .setTrustOptions(authorities)
              .setHostnameVerificationAlgorithm("");
        });
    client = vertx.createNetClient(clientOptions);
    server = vertx.createNetServer(serverOptions).connectHandler(this::accept);
    Peer self = peers.get(selfId);
    return server
        .listen(self.port(), self.host())
        .onSuccess(
            s -> {
              boundPort = s.actualPort();
              for (Peer p : peers.values()) {
                if (p.id() != selfId) {
                  OutboundLink link = new OutboundLink(p);
                  links.put(p.id(), link);
                  link.connect();
                }
              }
            });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    links.values().forEach(OutboundLink::close);
    List.copyOf(inbound).forEach(NetSocket::close);
    return Future.all(server.close(), client.close());
  }

  /** The port the server listens on (useful when configured with port 0). */
  public int port() {
    return boundPort;
  }

  /** Whether the outbound session to {@code peerId} is authenticated and open right now. */
  public boolean isConnected(int peerId) {
    OutboundLink link = links.get(peerId);
    return link != null && link.open;
  }

  public TransportCounters counters() {
    return counters;
  }

  /** Sends {@code payload} to one validator; queued while it is unreachable. */
  public void send(int peerId, byte[] payload) {
    byte[] copy = payload.clone();
    onContext(
        () -> {
          OutboundLink link = links.get(peerId);
          if (link != null) {
            link.enqueue(copy);
          }
        });
  }

  /** Sends {@code payload} to every other validator. */
  public void broadcast(byte[] payload) {
    byte[] copy = payload.clone();
    onContext(() -> links.values().forEach(l -> l.enqueue(copy)));
  }

  private void onContext(Runnable action) {
    Context ctx = transportContext;
    if (ctx == null) {
      throw new IllegalStateException("transport not started");
    }
    if (Context.isOnEventLoopThread() && vertx.getOrCreateContext() == ctx) {
      action.run();
    } else {
      ctx.runOnContext(v -> action.run());
    }
  }

  private byte[] nonce() {
    byte[] n = new byte[Frame.NONCE_BYTES];
    random.nextBytes(n);
    return n;
  }

  // ---- inbound: we are the acceptor ---------------------------------------------------------

  private void accept(NetSocket socket) {
    new InboundSession(socket);
  }

  private final class InboundSession {
    private final NetSocket socket;
    private final long handshakeTimer;
    private Peer dialer;
    private Frame.Handshake handshake;
    private SessionMac.Ephemeral ephemeral;
    private SessionMac mac;
    private boolean authenticated;
    private boolean closed;
    private long expectedSequence;

    InboundSession(NetSocket socket) {
      this.socket = socket;
      this.handshakeTimer =
          vertx.setTimer(
              options.handshakeTimeout().toMillis(),
              id -> {
                if (!authenticated) {
                  fail(DropReason.HANDSHAKE_TIMEOUT);
                }
              });
      socket.handler(
          FrameReader.create(
              options.maxFrameBytes(), this::onFrame, () -> fail(DropReason.FRAME_TOO_LARGE)));
      inbound.add(socket);
      socket.closeHandler(
          v -> {
            closed = true;
            inbound.remove(socket);
          });
      socket.exceptionHandler(e -> socket.close());
    }

    private void onFrame(byte[] body) {
      if (closed) {
        return;
      }
      Frame frame;
      try {
        frame = Frame.decode(body, options.maxFrameBytes());
      } catch (EncodingException e) {
        fail(DropReason.MALFORMED);
        return;
      }
      if (dialer == null) {
        if (!(frame instanceof Frame.Hello hello)) {
          fail(DropReason.UNEXPECTED_FRAME);
          return;
        }
        Peer from = peers.get(hello.dialer());
        if (!hello.chainId().equals(chainId)
            || hello.acceptor() != selfId
            || from == null
            || from.id() == selfId) {
          fail(DropReason.UNKNOWN_PEER);
          return;
        }
        dialer = from;
        ephemeral = SessionMac.Ephemeral.generate(random);
        handshake =
            new Frame.Handshake(
                chainId,
                dialer.id(),
                selfId,
                hello.dialerNonce(),
                nonce(),
                hello.dialerShare(),
                ephemeral.share());
        byte[] statement = Frame.challengeStatement(handshake);
        socket.write(
            FrameReader.frame(
                new Frame.Challenge(
                    handshake.acceptorNonce(), ephemeral.share(), signer.sign(statement))));
      } else if (!authenticated) {
        if (!(frame instanceof Frame.Auth auth)) {
          fail(DropReason.UNEXPECTED_FRAME);
          return;
        }
        byte[] statement = Frame.authStatement(handshake);
        if (!dialer.publicKey().verify(statement, auth.signature())) {
          fail(DropReason.BAD_SIGNATURE);
          return;
        }
        java.util.Optional<SessionMac> agreed =
            SessionMac.agree(ephemeral, handshake.dialerShare(), statement);
        ephemeral.erase();
        if (agreed.isEmpty()) {
          fail(DropReason.BAD_KEY_SHARE);
          return;
        }
        mac = agreed.get();
        authenticated = true;
        vertx.cancelTimer(handshakeTimer);
        counters.sessionOpened();
      } else {
        if (!(frame instanceof Frame.Data data)) {
          fail(DropReason.UNEXPECTED_FRAME);
          return;
        }
        if (data.sequence() != expectedSequence) {
          fail(DropReason.BAD_SEQUENCE);
          return;
        }
        if (!mac.verifies(data.sequence(), data.payload(), data.tag())) {
          fail(DropReason.BAD_MAC);
          return;
        }
        expectedSequence++;
        counters.countDelivered();
        handler.onMessage(dialer.id(), data.payload());
      }
    }

    private void fail(DropReason reason) {
      if (closed) {
        return;
      }
      counters.drop(reason);
      closed = true;
      vertx.cancelTimer(handshakeTimer);
      socket.close();
    }
  }

  // ---- outbound: we are the dialer ----------------------------------------------------------

  private final class OutboundLink {
    private final Peer peer;
    private final java.util.ArrayDeque<byte[]> queue = new java.util.ArrayDeque<>();
    private NetSocket socket;
    private byte[] dialerNonce;
    private SessionMac.Ephemeral ephemeral;
    private SessionMac mac;
    private volatile boolean open;
    private long nextSequence;
    private long backoffMillis = options.minBackoff().toMillis();
    private boolean closed;

    OutboundLink(Peer peer) {
      this.peer = peer;
    }

    void connect() {
      if (closed || stopping) {
        return;
      }
      client
          .connect(peer.port(), peer.host())
          .onSuccess(this::handshake)
          .onFailure(e -> reconnectLater());
    }

    private void handshake(NetSocket s) {
      if (closed) {
        s.close();
        return;
      }
      socket = s;
      open = false;
      nextSequence = 0;
      dialerNonce = nonce();
      ephemeral = SessionMac.Ephemeral.generate(random);
      long timer =
          vertx.setTimer(
              options.handshakeTimeout().toMillis(),
              id -> {
                if (socket == s && !open) {
                  counters.drop(DropReason.HANDSHAKE_TIMEOUT);
                  s.close();
                }
              });
      s.handler(
          FrameReader.create(
              options.maxFrameBytes(),
              body -> onFrame(s, body, timer),
              () -> {
                counters.drop(DropReason.FRAME_TOO_LARGE);
                s.close();
              }));
      s.closeHandler(
          v -> {
            vertx.cancelTimer(timer);
            if (socket == s) {
              socket = null;
              open = false;
              reconnectLater();
            }
          });
      s.exceptionHandler(e -> s.close());
      s.write(
          FrameReader.frame(
              new Frame.Hello(chainId, selfId, peer.id(), dialerNonce, ephemeral.share())));
    }

    private void onFrame(NetSocket s, byte[] body, long timer) {
      if (socket != s || open) {
        // After the handshake the acceptor has nothing to say on this connection.
        counters.drop(DropReason.UNEXPECTED_FRAME);
        s.close();
        return;
      }
      Frame frame;
      try {
        frame = Frame.decode(body, options.maxFrameBytes());
      } catch (EncodingException e) {
        counters.drop(DropReason.MALFORMED);
        s.close();
        return;
      }
      if (!(frame instanceof Frame.Challenge challenge)) {
        counters.drop(DropReason.UNEXPECTED_FRAME);
        s.close();
        return;
      }
      Frame.Handshake h =
          new Frame.Handshake(
              chainId,
              selfId,
              peer.id(),
              dialerNonce,
              challenge.acceptorNonce(),
              ephemeral.share(),
              challenge.acceptorShare());
      if (!peer.publicKey().verify(Frame.challengeStatement(h), challenge.signature())) {
        counters.drop(DropReason.BAD_SIGNATURE);
        s.close();
        return;
      }
      byte[] auth = Frame.authStatement(h);
      java.util.Optional<SessionMac> agreed =
          SessionMac.agree(ephemeral, challenge.acceptorShare(), auth);
      ephemeral.erase();
      if (agreed.isEmpty()) {
        counters.drop(DropReason.BAD_KEY_SHARE);
        s.close();
        return;
      }
      mac = agreed.get();
      s.write(FrameReader.frame(new Frame.Auth(signer.sign(auth))));
      open = true;
      vertx.cancelTimer(timer);
      backoffMillis = options.minBackoff().toMillis();
      counters.sessionOpened();
      flush();
    }

    void enqueue(byte[] payload) {
      if (queue.size() >= options.maxQueuedFrames()) {
        counters.drop(DropReason.QUEUE_FULL);
        return;
      }
      queue.addLast(payload);
      flush();
    }

    private void flush() {
      while (open && socket != null && !queue.isEmpty()) {
        byte[] payload = queue.pollFirst();
        long sequence = nextSequence++;
        socket.write(
            FrameReader.frame(new Frame.Data(sequence, payload, mac.tag(sequence, payload))));
      }
    }

    private void reconnectLater() {
      if (closed || stopping) {
        return;
      }
      long delay = backoffMillis;
      backoffMillis = Math.min(backoffMillis * 2, options.maxBackoff().toMillis());
      vertx.setTimer(delay, id -> connect());
    }

    void close() {
      closed = true;
      if (socket != null) {
        socket.close();
      }
    }
  }
}

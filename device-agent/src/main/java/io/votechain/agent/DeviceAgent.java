package io.votechain.agent;

import io.votechain.agent.attestation.AttestationCounters;
import io.votechain.agent.attestation.Attester;
import io.votechain.agent.identity.DeviceKey;
import io.votechain.agent.link.NodeLink;
import io.votechain.agent.queue.Outbox;
import io.votechain.agent.queue.OutboxEntry;
import io.votechain.agent.queue.Settlement;
import io.votechain.contract.DeviceStatus;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.device.BallotInclusion;
import io.votechain.device.Challenge;
import io.votechain.device.ConnectPassword;
import io.votechain.device.DeviceConfig;
import io.votechain.device.DeviceHeartbeat;
import io.votechain.device.ElectionConfig;
import io.votechain.device.GatewayError;
import io.votechain.device.MqttTopics;
import io.votechain.device.NodeMessage;
import io.votechain.device.NodeMessageKind;
import io.votechain.device.Receipt;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Transaction;
import io.votechain.tx.TxKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The device agent's core (docs/device-agent.md §3): turns what the kiosk asks for into signed
 * transactions, delivers them through the {@link Outbox} one at a time, attests on every start and
 * on a schedule, and tracks what the validators say.
 *
 * <p>Delivery is strictly sequential: the ledger accepts a signer's transaction only with the
 * signer's next nonce, and a node's mempool checks it against the committed state, so the agent
 * signs an entry only when the previous one is settled. Signing happens when an entry's turn comes
 * (never at enqueue time): a refusal before commit does not consume a nonce, and the next entry is
 * then signed with that same nonce. Every signed transaction is in the outbox before it is
 * published; a re-send repeats the same bytes, so the node answers it with the same receipt.
 *
 * <p>An attestation jumps the queue: a check-in or ballot from a device whose attestation has
 * lapsed would be refused, so the agent attests first and then re-signs the entry it was holding.
 *
 * <p>Threading: all state lives on one agent thread; the public methods hand work to it.
 */
public final class DeviceAgent implements NodeLink.Listener, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DeviceAgent.class.getName());
  private static final long TICK_MILLIS = 200;
  private static final long HEARTBEAT_MILLIS = 10_000;
  private static final long TRANSIENT_RETRY_MILLIS = 1_000;

  /**
   * How many times one entry is re-signed with the nonce a BAD_NONCE refusal names. One suffices
   * against an honest node (more only if the committed state moved between the node's check and its
   * read of the nonce); the bound keeps a lying validator from making the agent re-sign for ever.
   */
  static final int MAX_NONCE_RESYNCS = 3;

  /** The agent software version reported in heartbeats. */
  public static final String VERSION = "device-agent/0.1.0";

  private final AgentConfig config;
  private final DeviceKey key;
  private final Hash32 measurement;
  private final AttestationCounters counters;
  private final Attester attester;
  private final Outbox outbox;
  private final NodeLink link;
  private final ScheduledExecutorService thread;
  private final Map<Long, CompletableFuture<Delivery>> waiting = new HashMap<>();
  private final Map<String, ElectionConfig> elections = new TreeMap<>();
  private final AtomicLong rejectedMessages = new AtomicLong();

  private volatile Optional<Challenge> challenge = Optional.empty();
  private volatile Optional<Challenge> previousChallenge = Optional.empty();
  private volatile Optional<DeviceConfig> deviceConfig = Optional.empty();
  private volatile Optional<String> endpoint = Optional.empty();
  private boolean attestationDue = true;

  /**
   * The ledger revoked this device (its config or a refusal said so, signed by a validator).
   * Revocation is final, so the agent attests no more and holds nothing back: each queued entry is
   * delivered and gets its own DEVICE_REVOKED answer at once. Holding them for an attestation that
   * is refused for ever left voters' ballots unanswered in the outbox (docs/device-agent.md §3).
   */
  private boolean revoked;

  private long noAttestationBefore;
  private long publishedAtNanos = Long.MIN_VALUE;

  /** When each unsettled entry was first published, by outbox sequence number. */
  private final Map<Long, Long> firstPublishedNanos = new HashMap<>();

  private long retryAfterNanos = System.nanoTime();
  private int attemptsWithoutReceipt;
  private int nonceResyncs;
  private long lastHeartbeatNanos = Long.MIN_VALUE;
  private volatile AgentStatus status;

  /**
   * What happened to an enqueued transaction: its settlement, the signed bytes sent, the receipt,
   * and when ({@link System#nanoTime()}) the transaction was first published — the start of the
   * receipt latency the end-to-end measurements report (docs/device-agent.md §8). An entry that
   * waited in the outbox behind others (its voter's check-in) was published later than it was
   * enqueued; an entry re-signed (a nonce resynchronisation, an attestation that lapsed) keeps its
   * first publication.
   */
  public record Delivery(
      Settlement settlement, byte[] transaction, Optional<Receipt> receipt, long publishedNanos) {}

  public DeviceAgent(
      AgentConfig config,
      DeviceKey key,
      Hash32 measurement,
      AttestationCounters counters,
      Outbox outbox,
      Function<NodeLink.Listener, NodeLink> links) {
    this.config = config;
    this.key = key;
    this.measurement = measurement;
    this.counters = counters;
    this.outbox = outbox;
    this.attester = new Attester(key, config.chainId(), config.deviceId(), measurement, counters);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "device-agent-" + config.deviceId());
              t.setDaemon(true);
              return t;
            });
    this.link = links.apply(this);
    this.link.will(this::offlineHeartbeat);
    this.status = computeStatus();
  }

  /** Counts this start, then connects; the first challenge triggers the start-up attestation. */
  public void start() throws IOException {
    counters.boot();
    // The status made in the constructor predates this boot (it showed bootCount 0 until the
    // first tick); the agent thread is not running yet, so this read is not racing it.
    status = computeStatus();
    link.start();
    thread.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Queues {@code body} for delivery, durably (fsync) before the returned future exists; the future
   * completes when the transaction is committed or definitively refused.
   */
  public CompletableFuture<Delivery> submit(Transaction body) {
    byte[] bytes = encodeBody(body);
    CompletableFuture<Delivery> done = new CompletableFuture<>();
    CompletableFuture<Long> queued =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                long seq = outbox.enqueue(bytes);
                waiting.put(seq, done);
                return seq;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            thread);
    // Surface a queue write failure to the caller: the kiosk must not tell a voter the ballot is
    // stored when it is not.
    queued.whenComplete(
        (seq, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          }
        });
    queued.join();
    thread.execute(this::tick);
    return done;
  }

  public AgentStatus status() {
    return status;
  }

  public Map<String, ElectionConfig> elections() {
    return CompletableFuture.supplyAsync(() -> Map.copyOf(elections), thread).join();
  }

  public Optional<DeviceConfig> deviceConfig() {
    return deviceConfig;
  }

  public String deviceId() {
    return config.deviceId();
  }

  public String chainId() {
    return config.chainId();
  }

  public AgentConfig config() {
    return config;
  }

  public Hash32 measurement() {
    return measurement;
  }

  /** NodeMessages dropped because they failed verification or decoding. */
  public long rejectedMessages() {
    return rejectedMessages.get();
  }

  @Override
  public void close() {
    link.close();
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- link callbacks (link threads): hand over to the agent thread ----

  @Override
  public void connected(String uri) {
    endpoint = Optional.of(uri);
    thread.execute(
        () -> {
          // A new connection has no memory of what was published on the old one: re-send.
          publishedAtNanos = Long.MIN_VALUE;
          attemptsWithoutReceipt = 0;
          tick();
        });
  }

  @Override
  public void disconnected(String uri, String why) {
    endpoint = Optional.empty();
    LOG.fine(() -> config.deviceId() + ": disconnected from " + uri + ": " + why);
  }

  @Override
  public void message(String topic, byte[] payload) {
    NodeMessage message;
    try {
      message = NodeMessage.decode(payload);
    } catch (EncodingException e) {
      rejectedMessages.incrementAndGet();
      return;
    }
    if (message.verify(config.chainId(), config.validators()) != NodeMessage.Check.VALID) {
      rejectedMessages.incrementAndGet();
      return;
    }
    thread.execute(() -> handle(topic, message));
  }

  /**
   * The CONNECT password for {@code endpoint} (docs/mqtt.md §6), hex-encoded: a signature over a
   * recent committed height — the node's own, read from its status URL when one is configured (the
   * last challenge may be older than the nonce window after a long outage), else the newest
   * challenge seen. Empty when neither is known.
   */
  public Optional<byte[]> connectPassword(String endpoint) {
    long height = challenge.map(Challenge::height).orElse(0L);
    int index = config.endpoints().indexOf(endpoint);
    if (index >= 0 && index < config.statusUrls().size()) {
      height = Math.max(height, StatusProbe.height(config.statusUrls().get(index)).orElse(0L));
    }
    if (height < 1) {
      return Optional.empty();
    }
    return Optional.of(
        java.util.HexFormat.of()
            .formatHex(
                ConnectPassword.sign(key, config.chainId(), config.deviceId(), height).encode())
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  // ---- agent thread ----

  private void handle(String topic, NodeMessage message) {
    try {
      if (message.kind() == NodeMessageKind.CHALLENGE) {
        Challenge c = Challenge.decode(message.body());
        if (challenge.isEmpty() || c.height() > challenge.get().height()) {
          previousChallenge = challenge;
          challenge = Optional.of(c);
        }
      } else if (message.kind() == NodeMessageKind.DEVICE_CONFIG
          && topic.equals(MqttTopics.config(config.deviceId()))) {
        DeviceConfig c = DeviceConfig.decode(message.body());
        if (c.deviceId().equals(config.deviceId()) && c.deviceKey().equals(key.publicKey())) {
          deviceConfig = Optional.of(c);
          revoked |= c.status() == DeviceStatus.REVOKED;
        }
      } else if (message.kind() == NodeMessageKind.ELECTION_CONFIG) {
        ElectionConfig e = ElectionConfig.decode(message.body());
        elections.put(e.electionId(), e);
      } else if (message.kind() == NodeMessageKind.RECEIPT
          && topic.equals(MqttTopics.receipts(config.deviceId()))) {
        onReceipt(Receipt.decode(message.body()));
      }
    } catch (EncodingException | IllegalArgumentException e) {
      rejectedMessages.incrementAndGet();
    } catch (IOException e) {
      LOG.severe(config.deviceId() + ": outbox write failed: " + e.getMessage());
    }
    tick();
  }

  private void onReceipt(Receipt receipt) throws IOException {
    Optional<OutboxEntry> inFlight = inFlight();
    if (inFlight.isEmpty()) {
      return;
    }
    OutboxEntry entry = inFlight.get();
    byte[] tx = entry.signedTransaction().orElseThrow();
    if (!Sha256.tagged(SignedTransaction.ID_DOMAIN, tx).equals(receipt.txId())) {
      return; // a late duplicate of an earlier receipt
    }
    if (receipt.inclusion().isPresent()
        && receipt.inclusion().get().verify(tx, receipt.height(), receipt.blockHash())
            != BallotInclusion.Check.VALID) {
      // A signed receipt whose proof does not hold: this node is faulty; ask another.
      link.failover("receipt with an inclusion proof that does not verify");
      return;
    }
    boolean attestation = kindOf(entry) == TxKind.ATTEST_DEVICE;
    if (!receipt.isCommitted() && isTransient(receipt.code())) {
      retryAfterNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TRANSIENT_RETRY_MILLIS);
      publishedAtNanos = Long.MIN_VALUE;
      return;
    }
    if (!receipt.isCommitted() && receipt.code() == ErrorCode.DEVICE_NOT_ATTESTED.number()) {
      outbox.release(entry.seq());
      attestationDue = true;
      publishedAtNanos = Long.MIN_VALUE;
      return;
    }
    if (!receipt.isCommitted() && receipt.code() == ErrorCode.BAD_NONCE.number()) {
      java.util.OptionalLong expected =
          ExpectedNonce.parse(receipt.reason(), entry.nonce().orElseThrow());
      if (expected.isPresent() && nonceResyncs < MAX_NONCE_RESYNCS) {
        // The device's nonce is out of step with the ledger (e.g. its data folder came from an
        // old backup): the same body, re-signed with the ledger's nonce, is delivered instead of
        // the transaction being dropped. The ledger de-duplicates ballots by id, so a ballot that
        // was in fact committed before cannot count twice.
        nonceResyncs++;
        LOG.warning(
            config.deviceId()
                + ": nonce resynchronised from "
                + entry.nonce().get()
                + " to "
                + expected.getAsLong());
        outbox.release(entry.seq(), expected.getAsLong());
        publishedAtNanos = Long.MIN_VALUE;
        attemptsWithoutReceipt = 0;
        return;
      }
    }
    revoked |= receipt.code() == ErrorCode.DEVICE_REVOKED.number();
    Settlement settlement =
        new Settlement(receipt.txId(), receipt.height(), receipt.code(), receipt.codeName());
    outbox.settle(entry.seq(), settlement);
    publishedAtNanos = Long.MIN_VALUE;
    attemptsWithoutReceipt = 0;
    nonceResyncs = 0;
    if (attestation) {
      if (receipt.code() == ErrorCode.STALE_ATTESTATION_NONCE.number()) {
        // The nonce block was too new or too old: answer the next challenge.
        noAttestationBefore = challenge.map(Challenge::height).orElse(0L) + 1;
        attestationDue = true;
      } else if (receipt.code() != ErrorCode.OK.number()) {
        // Do not hammer the ledger with evidence it refuses; try again a little later.
        long now = challenge.map(Challenge::height).orElse(0L);
        noAttestationBefore = now + Math.max(1, config.reattestAfter() / 10);
        attestationDue = false;
      } else {
        attestationDue = false;
      }
    }
    Long published = firstPublishedNanos.remove(entry.seq());
    CompletableFuture<Delivery> done = waiting.remove(entry.seq());
    if (done != null) {
      done.complete(
          new Delivery(
              settlement,
              tx,
              Optional.of(receipt),
              published == null ? Long.MIN_VALUE : published));
    }
  }

  private static boolean isTransient(int code) {
    return code == GatewayError.RATE_LIMITED.number() || code == GatewayError.MEMPOOL_FULL.number();
  }

  private void tick() {
    try {
      scheduleAttestation();
      deliver();
      heartbeat();
    } catch (IOException e) {
      LOG.severe(config.deviceId() + ": outbox write failed: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.warning(config.deviceId() + ": " + e);
    }
    try {
      status = computeStatus();
    } catch (RuntimeException e) {
      // A periodic task that throws is cancelled for good: never let the status do that.
      LOG.warning(config.deviceId() + ": status: " + e);
    }
  }

  private void scheduleAttestation() throws IOException {
    if (revoked) {
      attestationDue = false;
      return;
    }
    if (challenge.isEmpty()) {
      return;
    }
    long height = challenge.get().height();
    Optional<Long> attestedAt = attestedHeight();
    if (attestedAt.isPresent() && height - attestedAt.get() >= config.reattestAfter()) {
      attestationDue = true;
    }
    if (!attestationDue || height < noAttestationBefore || attestationQueued()) {
      return;
    }
    // The evidence is made when its turn comes (with the newest challenge); queue a placeholder.
    outbox.enqueue(ATTESTATION_PLACEHOLDER);
  }

  /** The queued body standing for "attest now": evidence is produced when the entry is signed. */
  private static final byte[] ATTESTATION_PLACEHOLDER = {(byte) 0xFF};

  private boolean attestationQueued() {
    return outbox.pending().stream()
        .anyMatch(e -> java.util.Arrays.equals(e.body(), ATTESTATION_PLACEHOLDER));
  }

  private Optional<OutboxEntry> inFlight() {
    return outbox.pending().stream().filter(e -> e.signedTransaction().isPresent()).findFirst();
  }

  private void deliver() throws IOException {
    if (endpoint.isEmpty() || System.nanoTime() - retryAfterNanos < 0) {
      return;
    }
    Optional<OutboxEntry> current = inFlight();
    if (current.isEmpty() && attestationDue && !attestationQueued()) {
      // Hold everything until the attestation is queued (it needs a challenge): a check-in or
      // ballot sent by an unattested device would only be refused.
      return;
    }
    if (current.isEmpty()) {
      Optional<OutboxEntry> next = nextToSign();
      if (next.isEmpty()) {
        return;
      }
      OutboxEntry entry = next.get();
      Transaction body;
      if (java.util.Arrays.equals(entry.body(), ATTESTATION_PLACEHOLDER)) {
        if (challenge.isEmpty()) {
          return;
        }
        // Above the ledger's last counter too: after a restore from backup ours is behind it.
        body =
            attester.attest(
                nonceChallenge(), deviceConfig.map(DeviceConfig::lastCounter).orElse(-1L));
      } else {
        body = decodeBody(entry.body());
      }
      long nonce = outbox.nextNonce();
      byte[] tx = SignedTransaction.sign(key, nonce, body, config.chainId()).encode();
      outbox.signed(entry.seq(), nonce, tx);
      current = inFlight();
      publishedAtNanos = Long.MIN_VALUE;
      attemptsWithoutReceipt = 0;
    }
    OutboxEntry entry = current.orElseThrow();
    long now = System.nanoTime();
    if (publishedAtNanos != Long.MIN_VALUE
        && now - publishedAtNanos < TimeUnit.MILLISECONDS.toNanos(config.receiptTimeoutMillis())) {
      return;
    }
    if (publishedAtNanos != Long.MIN_VALUE && ++attemptsWithoutReceipt >= 2) {
      // The node takes too long: it is down or slow. The same bytes go to the next endpoint.
      attemptsWithoutReceipt = 0;
      publishedAtNanos = Long.MIN_VALUE;
      link.failover("no receipt within " + config.receiptTimeoutMillis() + " ms");
      return;
    }
    if (link.publish(MqttTopics.tx(config.deviceId()), entry.signedTransaction().orElseThrow())) {
      publishedAtNanos = now;
      firstPublishedNanos.putIfAbsent(entry.seq(), now);
    }
  }

  /**
   * The challenge to answer. The gateway's challenge names the newest committed block, but the
   * ledger accepts a nonce block only once a later block is the head ({@code 1 <= head -
   * nonceHeight}, docs/contracts.md §4.3), and a node checks submissions against its committed
   * head: evidence on the newest challenge would be refused before commit until another block is
   * committed. The previous challenge (a few blocks older, still well inside the nonce window)
   * passes at once.
   */
  private Challenge nonceChallenge() {
    return previousChallenge.orElse(challenge.orElseThrow());
  }

  /** Attestation first (a lapsed device's other transactions would be refused), then FIFO. */
  private Optional<OutboxEntry> nextToSign() {
    List<OutboxEntry> pending = outbox.pending();
    for (OutboxEntry e : pending) {
      if (java.util.Arrays.equals(e.body(), ATTESTATION_PLACEHOLDER)) {
        return Optional.of(e);
      }
    }
    return pending.stream().findFirst();
  }

  /**
   * The will: a signed heartbeat saying the device is offline, so the node can tell a station's
   * outage from silence (docs/mqtt.md §7).
   */
  private Optional<byte[]> offlineHeartbeat() {
    return Optional.of(
        DeviceHeartbeat.sign(
                key,
                config.chainId(),
                config.deviceId(),
                false,
                outbox.size(),
                outbox.lastSettlement().map(Settlement::height).orElse(0L),
                VERSION,
                challenge.map(Challenge::height).orElse(0L))
            .encode());
  }

  private void heartbeat() {
    long now = System.nanoTime();
    if (endpoint.isEmpty()
        || challenge.isEmpty()
        || (lastHeartbeatNanos != Long.MIN_VALUE
            && now - lastHeartbeatNanos < TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MILLIS))) {
      return;
    }
    DeviceHeartbeat beat =
        DeviceHeartbeat.sign(
            key,
            config.chainId(),
            config.deviceId(),
            true,
            outbox.size(),
            outbox.lastSettlement().map(Settlement::height).orElse(0L),
            VERSION,
            challenge.get().height());
    if (link.publish(MqttTopics.status(config.deviceId()), beat.encode())) {
      lastHeartbeatNanos = now;
    }
  }

  private Optional<Long> attestedHeight() {
    return deviceConfig
        .flatMap(DeviceConfig::attestation)
        .filter(a -> a.measurement().equals(deviceConfig.get().referenceMeasurement()))
        .map(a -> a.height());
  }

  private AgentStatus computeStatus() {
    Optional<DeviceConfig> device = deviceConfig;
    long chain = challenge.map(Challenge::height).orElse(-1L);
    Optional<Long> attested = attestedHeight();
    String attestation;
    if (attested.isPresent()
        && device.get().status() == DeviceStatus.ACTIVE
        && chain - attested.get() <= config.attestationFreshness()
        && !attestationDue) {
      attestation = "FRESH";
    } else if (attestationQueued()) {
      attestation = "PENDING";
    } else {
      attestation = "STALE";
    }
    return new AgentStatus(
        endpoint,
        attestation,
        attested.orElse(-1L),
        chain,
        outbox.size(),
        outbox.lastSettlement(),
        counters.bootCount(),
        device.map(d -> d.status().name()).orElse("UNKNOWN"));
  }

  static byte[] encodeBody(Transaction body) {
    CanonicalWriter w = new CanonicalWriter();
    body.writeTo(w);
    return w.toByteArray();
  }

  static Transaction decodeBody(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Transaction body = Transaction.readFrom(r);
    r.finish();
    return body;
  }

  private static TxKind kindOf(OutboxEntry entry) {
    if (java.util.Arrays.equals(entry.body(), ATTESTATION_PLACEHOLDER)) {
      return TxKind.ATTEST_DEVICE;
    }
    return decodeBody(entry.body()).kind();
  }
}

package io.votechain.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.votechain.consensus.block.Block;
import io.votechain.contract.DeviceRecord;
import io.votechain.contract.ElectionStatus;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.crypto.merkle.MerkleTree;
import io.votechain.crypto.sig.EcdsaP256PublicKey;
import io.votechain.device.BallotInclusion;
import io.votechain.device.Challenge;
import io.votechain.device.DeviceConfig;
import io.votechain.device.DeviceHeartbeat;
import io.votechain.device.ElectionConfig;
import io.votechain.device.GatewayError;
import io.votechain.device.MqttTopics;
import io.votechain.device.NodeMessage;
import io.votechain.device.NodeMessageKind;
import io.votechain.device.Receipt;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import io.votechain.mempool.Admission;
import io.votechain.node.CommittedEvent;
import io.votechain.node.NodeContext;
import io.votechain.node.ValidatorNode;
import io.votechain.store.StoredBlock;
import io.votechain.store.TxLocation;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.AttestDevice;
import io.votechain.tx.CastBallot;
import io.votechain.tx.CheckIn;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.ReinstateDevice;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.SuspendDevice;
import io.votechain.tx.TransferCustody;
import io.votechain.tx.TxKind;
import io.votechain.tx.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The transport-independent gateway (docs/mqtt.md): turns a device's publication into a submission
 * and a signed receipt, answers re-deliveries from the committed state, and keeps the retained
 * challenge, election and device configs current. The endpoint and the broker bridge both feed it.
 *
 * <p>Threading: every method runs on the gateway's Vert.x context (event loop); store reads run on
 * worker threads through {@link #blocking} and come back to it. Callers on other threads go through
 * {@link #onContext}. The maps here are therefore touched by one thread at a time.
 */
final class GatewayCore {
  private static final Logger LOG = Logger.getLogger(GatewayCore.class.getName());
  private static final Set<TxKind> DEVICE_KINDS =
      Set.of(TxKind.ATTEST_DEVICE, TxKind.CHECK_IN, TxKind.CAST_BALLOT, TxKind.SPOIL_BALLOT);

  private final NodeContext node;
  private final Context context;
  private final MqttSettings settings;
  private final GatewayStats stats;
  private final LedgerReads ledger;
  private final RateLimiter limiter;
  private final String chainId;
  private final int validatorIndex;
  private final List<Outbound> outbounds = new CopyOnWriteArrayList<>();

  /** Submissions waiting for their block, by transaction id. */
  private final Map<Hash32, Pending> pending = new LinkedHashMap<>();

  /** Device keys never change for a device id (ProvisionDevice refuses a used id): cache them. */
  private final Map<String, EcdsaP256PublicKey> deviceKeys = new HashMap<>();

  /** The retained messages, by topic, for the endpoint to hand to new subscribers. */
  private final Map<String, byte[]> retained = new HashMap<>();

  /** Last published config bodies, so that an unchanged config is not republished. */
  private final Map<String, byte[]> lastBodies = new HashMap<>();

  private final Set<String> knownElections = new TreeSet<>();
  private final Set<String> knownDevices = new TreeSet<>();
  private final Set<String> openElections = new TreeSet<>();

  /** Until the contracts' parameters are committed (block 1), only the newest challenge counts. */
  private volatile long nonceWindow = 1;

  private long processedHeight;
  private boolean catchingUp;
  private boolean stopped;
  private long timer = -1;

  private record Pending(String deviceId, SignedTransaction tx, byte[] bytes, long sinceHeight) {}

  GatewayCore(NodeContext node, Context context, MqttSettings settings, GatewayStats stats) {
    this(node, context, settings, stats, System::nanoTime);
  }

  GatewayCore(
      NodeContext node,
      Context context,
      MqttSettings settings,
      GatewayStats stats,
      LongSupplier nanoClock) {
    this.node = node;
    this.context = context;
    this.settings = settings;
    this.stats = stats;
    this.ledger = new LedgerReads(node.store());
    this.limiter = new RateLimiter(settings.ratePerSecond(), settings.burst(), 100_000, nanoClock);
    this.chainId = node.contractsChainId();
    this.validatorIndex = node.config().validatorIndex();
  }

  void addOutbound(Outbound outbound) {
    outbounds.add(outbound);
  }

  String chainId() {
    return chainId;
  }

  long nonceWindow() {
    return nonceWindow;
  }

  /**
   * Reads the chain parameters and learns the elections from the committed blocks (one pass over
   * the chain at start; later blocks arrive through {@link #onCommitted}), then publishes the
   * current challenge and election configs.
   */
  Future<Void> start() {
    catchingUp = true; // until the scan below has set processedHeight
    node.onCommitted(e -> onContext(() -> onCommitted(e)));
    timer = context.owner().setPeriodic(1_000, t -> onContext(this::catchUp));
    return blocking(() -> new StartScan(ledger, ledger.latestHeight()))
        .map(
            scan -> {
              scan.nonceWindow.ifPresent(w -> nonceWindow = w);
              processedHeight = scan.height;
              knownElections.addAll(scan.elections);
              scan.head.ifPresent(
                  b ->
                      challengeFromParentOf(
                          b.height(), ledger.block(b).header().previousBlockHash()));
              refreshElections();
              catchingUp = false;
              catchUp();
              return null;
            });
  }

  /** What the gateway learns from the ledger at start (worker thread). */
  private static final class StartScan {
    final long height;
    final java.util.OptionalLong nonceWindow;
    final Set<String> elections = new TreeSet<>();
    final Optional<StoredBlock> head;

    StartScan(LedgerReads ledger, long height) {
      this.height = height;
      this.nonceWindow = ledger.nonceWindow();
      for (long h = 1; h <= height; h++) {
        Optional<StoredBlock> stored = ledger.blockAt(h);
        if (stored.isPresent()) {
          for (byte[] tx : ledger.block(stored.get()).transactions()) {
            electionNamedBy(tx).ifPresent(elections::add);
          }
        }
      }
      this.head = height > 0 ? ledger.blockAt(height) : Optional.empty();
    }
  }

  void stop() {
    stopped = true;
    if (timer >= 0) {
      context.owner().cancelTimer(timer);
    }
  }

  /** Runs {@code action} on the gateway's context. */
  void onContext(Runnable action) {
    if (Context.isOnEventLoopThread() && io.vertx.core.Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    Promise<T> promise = Promise.promise();
    context
        .owner()
        .executeBlocking(work, false)
        .onComplete(ar -> context.runOnContext(v -> promise.handle(ar)));
    return promise.future();
  }

  /** The registered key of a device, if it is provisioned. */
  Future<Optional<EcdsaP256PublicKey>> deviceKey(String deviceId) {
    EcdsaP256PublicKey cached = deviceKeys.get(deviceId);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    return blocking(() -> ledger.device(deviceId))
        .map(
            record -> {
              record.ifPresent(r -> deviceKeys.put(deviceId, r.deviceKey()));
              return record.map(DeviceRecord::deviceKey);
            });
  }

  /** The retained messages whose topic matches {@code filter}, for a new subscriber. */
  List<Map.Entry<String, byte[]>> retainedMatching(String filter) {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    for (String topic : new TreeSet<>(retained.keySet())) {
      if (TopicFilter.matches(filter, topic)) {
        out.add(Map.entry(topic, retained.get(topic)));
      }
    }
    return out;
  }

  /**
   * A publication from a device. {@code publisher} is the authenticated device on the endpoint, or
   * empty in broker mode (where only the topic names the device and the signature decides).
   */
  Future<Void> onPublish(Optional<String> publisher, String topic, byte[] payload) {
    stats.received.incrementAndGet();
    Optional<MqttTopics.DeviceTopicName> parsed = MqttTopics.parseDevice(topic);
    String device = publisher.orElse(parsed.map(MqttTopics.DeviceTopicName::deviceId).orElse(null));
    if (device == null) {
      stats.dropped("UNROUTABLE_TOPIC");
      return Future.succeededFuture();
    }
    if (parsed.isEmpty() || !MqttTopics.mayPublish(device, topic)) {
      refuse(
          device,
          Sha256.tagged(SignedTransaction.ID_DOMAIN, payload),
          GatewayError.WRONG_TOPIC,
          "may not publish on " + abbreviate(topic));
      return Future.succeededFuture();
    }
    if (parsed.get().topic() == MqttTopics.DeviceTopic.STATUS) {
      onHeartbeat(device, payload);
      return Future.succeededFuture();
    }
    return onTransaction(device, payload);
  }

  private void onHeartbeat(String device, byte[] payload) {
    DeviceHeartbeat heartbeat;
    try {
      heartbeat = DeviceHeartbeat.decode(payload);
    } catch (EncodingException e) {
      stats.dropped("BAD_HEARTBEAT");
      return;
    }
    deviceKey(device)
        .onSuccess(
            key -> {
              if (key.isPresent()
                  && heartbeat.deviceId().equals(device)
                  && heartbeat.verify(key.get(), chainId)) {
                stats.heartbeats.incrementAndGet();
                if (!heartbeat.online()) {
                  // A device's will, or its own goodbye: it is offline from now on.
                  stats.offlineHeartbeats.incrementAndGet();
                }
                publishDeviceConfigIfUnpublished(device);
              } else {
                stats.dropped("BAD_HEARTBEAT");
              }
            });
  }

  private Future<Void> onTransaction(String device, byte[] payload) {
    Hash32 rawId = Sha256.tagged(SignedTransaction.ID_DOMAIN, payload);
    if (payload.length > TxKind.MAX_SIZE) {
      refuse(device, rawId, GatewayError.PAYLOAD_TOO_LARGE, payload.length + " bytes");
      return Future.succeededFuture();
    }
    if (!limiter.tryAcquire(device)) {
      refuse(device, rawId, GatewayError.RATE_LIMITED, "device " + device);
      return Future.succeededFuture();
    }
    SignedTransaction tx;
    try {
      tx = node.decodeTransaction(payload);
    } catch (EncodingException e) {
      Validation v = SignedTransaction.rejection(e);
      refuse(device, rawId, v.code(), v.reason());
      return Future.succeededFuture();
    }
    if (!DEVICE_KINDS.contains(tx.kind())) {
      refuse(device, rawId, GatewayError.NOT_A_DEVICE_TRANSACTION, tx.kind().name());
      return Future.succeededFuture();
    }
    Optional<String> named = deviceNamedBy(tx);
    if (named.isPresent() && !named.get().equals(device)) {
      refuse(device, rawId, GatewayError.WRONG_TOPIC, "the transaction names another device");
      return Future.succeededFuture();
    }
    return deviceKey(device)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                refuse(device, rawId, GatewayError.UNAVAILABLE, "store unavailable");
              } else if (ar.result().isEmpty() || !ar.result().get().equals(tx.signer())) {
                refuse(device, rawId, GatewayError.NOT_A_DEVICE, "not signed by device " + device);
              } else {
                publishDeviceConfigIfUnpublished(device);
                submitOnce(device, tx, payload);
              }
            })
        .mapEmpty();
  }

  /** Idempotency (docs/mqtt.md §5): pending → wait; committed → answer from state; else submit. */
  private void submitOnce(String device, SignedTransaction tx, byte[] bytes) {
    Hash32 id = tx.id();
    if (pending.containsKey(id)) {
      stats.replays.incrementAndGet();
      return; // the receipt goes out at commit
    }
    blocking(() -> committedReceipt(tx, id))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                refuse(device, id, GatewayError.UNAVAILABLE, "store unavailable");
              } else if (ar.result().isPresent()) {
                stats.replays.incrementAndGet();
                sendReceipt(device, ar.result().get());
              } else if (pending.containsKey(id)) {
                stats.replays.incrementAndGet();
              } else {
                submit(device, tx, bytes, id);
              }
            });
  }

  private void submit(String device, SignedTransaction tx, byte[] bytes, Hash32 id) {
    // Registered before submitting: the block may commit before the submission's answer arrives.
    pending.put(id, new Pending(device, tx, bytes, committedHeight()));
    node.submit(bytes)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                Admission admission = ar.result();
                switch (admission) {
                  case ACCEPTED, DUPLICATE, ALREADY_COMMITTED -> stats.submitted.incrementAndGet();
                  case TOO_LARGE -> refusePending(id, ErrorCode.TRANSACTION_TOO_LARGE, "");
                  case SENDER_LIMIT -> refusePending(id, GatewayError.PENDING_LIMIT, "");
                  case MEMPOOL_FULL -> refusePending(id, GatewayError.MEMPOOL_FULL, "");
                  default -> refusePending(id, GatewayError.UNAVAILABLE, admission.name());
                }
                if (admission == Admission.ALREADY_COMMITTED) {
                  answerFromState(id);
                }
              } else if (ar.cause() instanceof ValidatorNode.TransactionRejected rejected) {
                ErrorCode code = errorCode(rejected.code());
                if (code == ErrorCode.BAD_NONCE) {
                  refuseBadNonce(id, tx);
                } else {
                  refusePending(id, code, rejected.code());
                }
              } else {
                refusePending(id, GatewayError.UNAVAILABLE, "submission failed");
              }
            });
  }

  /**
   * A {@code BAD_NONCE} refusal names the signer's next nonce in the committed state, in the
   * contracts' own words ({@code "expected nonce N, got M"}, docs/mqtt.md §3): a device whose local
   * nonce fell behind (its data restored from an old backup) re-signs the same transaction with it
   * instead of losing it. The receipt is signed like every other, so only a validator can state it;
   * the device bounds how often it follows such an answer.
   */
  private void refuseBadNonce(Hash32 id, SignedTransaction tx) {
    blocking(() -> ledger.nextNonce(tx.signer()))
        .onComplete(
            ar ->
                refusePending(
                    id,
                    ErrorCode.BAD_NONCE,
                    ar.succeeded()
                        ? badNonceReason(ar.result(), tx.nonce())
                        : ErrorCode.BAD_NONCE.name()));
  }

  /** The reason of a {@code BAD_NONCE} receipt (docs/mqtt.md §3), as ContractExecutor words it. */
  static String badNonceReason(long expected, long got) {
    return "expected nonce " + expected + ", got " + got;
  }

  private void answerFromState(Hash32 id) {
    Pending p = pending.get(id);
    if (p == null) {
      return;
    }
    blocking(() -> committedReceipt(p.tx(), id))
        .onSuccess(
            r -> {
              if (r.isPresent() && pending.remove(id) != null) {
                sendReceipt(p.deviceId(), r.get());
              }
            });
  }

  private static ErrorCode errorCode(String name) {
    try {
      return ErrorCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      return ErrorCode.MALFORMED_TRANSACTION;
    }
  }

  private void refusePending(Hash32 id, ErrorCode code, String reason) {
    Pending p = pending.remove(id);
    if (p != null) {
      refuse(p.deviceId(), id, code, reason);
    }
  }

  private void refusePending(Hash32 id, GatewayError code, String reason) {
    Pending p = pending.remove(id);
    if (p != null) {
      refuse(p.deviceId(), id, code, reason);
    }
  }

  private void refuse(String device, Hash32 id, ErrorCode code, String reason) {
    stats.refused(code.name());
    sendReceipt(device, Receipt.refused(id, code, reason));
  }

  private void refuse(String device, Hash32 id, GatewayError code, String reason) {
    stats.refused(code.name());
    sendReceipt(device, Receipt.refused(id, code, reason));
  }

  private void sendReceipt(String device, Receipt receipt) {
    if (receipt.isCommitted()) {
      stats.committedReceipts.incrementAndGet();
    }
    publish(
        MqttTopics.receipts(device),
        NodeMessageKind.RECEIPT,
        receipt.height(),
        receipt.encode(),
        false);
  }

  /**
   * The receipt of a committed transaction, from the ledger: location, stored outcome, block, and
   * for an OK ballot the inclusion proof. Worker thread.
   */
  private Optional<Receipt> committedReceipt(SignedTransaction tx, Hash32 id) {
    Optional<TxLocation> location = ledger.location(id);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    Optional<TxReceipt.Outcome> outcome = ledger.outcome(id);
    StoredBlock block = ledger.blockAt(location.get().height()).orElseThrow();
    ErrorCode code = outcome.map(TxReceipt.Outcome::code).orElse(ErrorCode.MALFORMED_TRANSACTION);
    String reason = outcome.map(TxReceipt.Outcome::reason).orElse("");
    Block body = ledger.block(block);
    return Optional.of(
        receiptIn(
            tx,
            block,
            body,
            location.get().index(),
            code,
            reason,
            () -> MerkleTree.ofLeaves(body.transactions())));
  }

  /** Worker thread. */
  private Receipt receiptIn(
      SignedTransaction tx,
      StoredBlock stored,
      Block block,
      int index,
      ErrorCode code,
      String reason,
      java.util.function.Supplier<MerkleTree> tree) {
    Optional<BallotInclusion> inclusion = Optional.empty();
    if (code == ErrorCode.OK && tx.body() instanceof CastBallot cast) {
      CanonicalWriter header = new CanonicalWriter();
      block.header().writeTo(header);
      Hash32 extendedBaseHash = ledger.extendedBaseHash(cast.electionId()).orElseThrow();
      inclusion =
          Optional.of(
              new BallotInclusion(
                  cast.ballot().hash(extendedBaseHash),
                  header.toByteArray(),
                  tree.get().prove(index)));
    }
    return Receipt.committed(tx.id(), code, reason, stored.height(), stored.hash(), inclusion);
  }

  private void onCommitted(CommittedEvent event) {
    stats.blocks.incrementAndGet();
    catchUp();
  }

  /**
   * Processes the committed heights this gateway has not seen, one at a time and in order, from the
   * store. Driven by commit events and by a one-second timer, so that a missed event (or a slow
   * store) delays receipts but never loses them.
   */
  void catchUp() {
    if (catchingUp || stopped) {
      return;
    }
    catchingUp = true;
    long next = processedHeight + 1;
    // Receipts only for what this gateway's devices wait for: building one costs an inclusion
    // proof.
    // A transaction in block `next` was pending before the block committed, so the copy has it.
    Set<Hash32> wanted = Set.copyOf(pending.keySet());
    // The store's height, not the node's counter: the store is what a receipt is built from.
    blocking(
            () -> {
              ledger.nonceWindow().ifPresent(w -> nonceWindow = w);
              return ledger.latestHeight() >= next
                  ? Optional.of(readBlock(next, wanted))
                  : Optional.<BlockView>empty();
            })
        .onComplete(
            ar -> {
              catchingUp = false;
              if (ar.failed()) {
                stats.dropped("BLOCK_PROCESSING_FAILED");
                LOG.log(Level.WARNING, "block " + next + " not processed yet", ar.cause());
                return; // retried by the next event or tick
              }
              if (ar.result().isEmpty()) {
                return;
              }
              processedHeight = next;
              stats.blocksProcessed.incrementAndGet();
              apply(ar.result().get());
              catchUp();
            });
  }

  /** The highest height this gateway has processed (at least the node's committed height). */
  long committedHeight() {
    return Math.max(processedHeight, node.height());
  }

  /** A committed block as the gateway needs it: a receipt for each decodable transaction. */
  private record BlockView(
      long height,
      Hash32 hash,
      Hash32 parentHash,
      Map<Hash32, Receipt> receipts,
      Changes changes) {}

  /** Worker thread. */
  private BlockView readBlock(long height, Set<Hash32> wanted) {
    StoredBlock stored = ledger.blockAt(height).orElseThrow();
    Block block = ledger.block(stored);
    MerkleTree[] tree = new MerkleTree[1]; // built once, when the first receipt needs a proof
    Map<Hash32, Receipt> receipts = new LinkedHashMap<>();
    List<SignedTransaction> ok = new ArrayList<>();
    for (int i = 0; i < block.transactionCount(); i++) {
      SignedTransaction tx;
      try {
        tx = node.decodeTransaction(block.transaction(i));
      } catch (EncodingException e) {
        continue; // not a device's transaction: nobody waits for it here
      }
      Hash32 id = tx.id();
      Optional<TxReceipt.Outcome> outcome = ledger.outcome(id);
      ErrorCode code = outcome.map(TxReceipt.Outcome::code).orElse(ErrorCode.MALFORMED_TRANSACTION);
      if (code == ErrorCode.OK) {
        ok.add(tx);
      }
      if (DEVICE_KINDS.contains(tx.kind()) && wanted.contains(id)) {
        receipts.put(
            id,
            receiptIn(
                tx,
                stored,
                block,
                i,
                code,
                outcome.map(TxReceipt.Outcome::reason).orElse(""),
                () -> {
                  if (tree[0] == null) {
                    tree[0] = MerkleTree.ofLeaves(block.transactions());
                  }
                  return tree[0];
                }));
      }
    }
    return new BlockView(
        height, stored.hash(), block.header().previousBlockHash(), receipts, changesIn(ok));
  }

  private void apply(BlockView view) {
    for (Map.Entry<Hash32, Receipt> r : view.receipts().entrySet()) {
      Pending p = pending.remove(r.getKey());
      if (p != null) {
        sendReceipt(p.deviceId(), r.getValue());
      }
    }
    if (view.height() % settings.challengeEveryBlocks() == 0
        || !retained.containsKey(MqttTopics.CHALLENGE)) {
      challengeFromParentOf(view.height(), view.parentHash());
    }
    expirePending(view.height());
    knownElections.addAll(view.changes().elections());
    if (view.changes().anyElectionAction()) {
      refreshElections();
    }
    for (String d : view.changes().devices()) {
      publishDeviceConfig(d);
    }
  }

  private record Changes(Set<String> elections, Set<String> devices, boolean anyElectionAction) {
    static final Changes NONE = new Changes(Set.of(), Set.of(), false);
  }

  /** Which elections and devices a block's OK transactions may have changed. */
  private static Changes changesIn(List<SignedTransaction> ok) {
    Set<String> elections = new TreeSet<>();
    Set<String> devices = new TreeSet<>();
    boolean electionAction = false;
    for (SignedTransaction tx : ok) {
      switch (tx.kind()) {
        case PROPOSE, APPROVE, ANNOUNCE_KEY, PUBLISH_SHARES, DISCLOSE_SHARE, PUBLISH_DECRYPTION ->
            electionAction = true;
        default -> {}
      }
      electionNamedBy(tx).ifPresent(elections::add);
      deviceNamedBy(tx).ifPresent(devices::add);
      if (tx.body() instanceof Propose p && p.action() instanceof GovernedAction.RevokeDevice r) {
        devices.add(r.deviceId());
      }
    }
    return new Changes(elections, devices, electionAction);
  }

  private static Optional<String> electionNamedBy(byte[] bytes) {
    try {
      SignedTransaction tx = SignedTransaction.decode(bytes);
      return electionNamedBy(tx);
    } catch (EncodingException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> electionNamedBy(SignedTransaction tx) {
    if (tx.body() instanceof Propose p) {
      if (p.action() instanceof GovernedAction.CreateElection c) {
        return Optional.of(c.manifest().electionId());
      }
    }
    return Optional.empty();
  }

  /** The device a device-registry or device transaction names, if any. */
  private static Optional<String> deviceNamedBy(SignedTransaction tx) {
    Object body = tx.body();
    if (body instanceof AttestDevice a) {
      return Optional.of(a.evidence().deviceId());
    } else if (body instanceof CheckIn c) {
      return Optional.of(c.deviceId());
    } else if (body instanceof ProvisionDevice p) {
      return Optional.of(p.deviceId());
    } else if (body instanceof AssignDevice a) {
      return Optional.of(a.deviceId());
    } else if (body instanceof TransferCustody t) {
      return Optional.of(t.deviceId());
    } else if (body instanceof SuspendDevice s) {
      return Optional.of(s.deviceId());
    } else if (body instanceof ReinstateDevice r) {
      return Optional.of(r.deviceId());
    }
    return Optional.empty();
  }

  private void expirePending(long height) {
    pending
        .entrySet()
        .removeIf(
            e ->
                height - e.getValue().sinceHeight() > settings.pendingBlocks()
                    && !node.pending(e.getKey()));
  }

  /**
   * The challenge names the parent of the newest committed block, not the block itself: the
   * contracts take a nonce only from a block strictly older than their head (DeviceRegistry), and a
   * transaction is checked against the committed head before it enters a block, so evidence over
   * the newest block would be refused until one more block is committed.
   */
  private void challengeFromParentOf(long height, Hash32 parentHash) {
    if (height >= 2) {
      publishChallenge(height - 1, parentHash);
    }
  }

  private void publishChallenge(long height, Hash32 blockHash) {
    byte[] body = new Challenge(height, blockHash, nonceWindow).encode();
    publish(MqttTopics.CHALLENGE, NodeMessageKind.CHALLENGE, height, body, true);
  }

  /** Re-reads every known election; publishes those whose config changed. */
  private void refreshElections() {
    List<String> ids = List.copyOf(knownElections);
    long height = committedHeight();
    blocking(
            () -> {
              Map<String, ElectionConfig> configs = new LinkedHashMap<>();
              for (String id : ids) {
                ledger.electionConfig(id).ifPresent(c -> configs.put(id, c));
              }
              return configs;
            })
        .onSuccess(
            configs -> {
              Set<String> open = new TreeSet<>();
              configs.forEach(
                  (id, config) -> {
                    if (config.status() == ElectionStatus.OPEN) {
                      open.add(id);
                    }
                    publishIfChanged(
                        MqttTopics.electionConfig(id),
                        NodeMessageKind.ELECTION_CONFIG,
                        height,
                        config.encode());
                  });
              if (!open.equals(openElections)) {
                openElections.clear();
                openElections.addAll(open);
                for (String d : List.copyOf(knownDevices)) {
                  publishDeviceConfig(d);
                }
              }
            });
  }

  private void publishDeviceConfigIfUnpublished(String device) {
    if (!knownDevices.contains(device)) {
      publishDeviceConfig(device);
    }
  }

  void publishDeviceConfig(String device) {
    knownDevices.add(device);
    long height = committedHeight();
    blocking(() -> ledger.device(device))
        .onSuccess(
            record ->
                record.ifPresent(
                    r ->
                        publishIfChanged(
                            MqttTopics.config(device),
                            NodeMessageKind.DEVICE_CONFIG,
                            height,
                            DeviceConfig.of(r, List.copyOf(openElections)).encode())));
  }

  private void publishIfChanged(String topic, NodeMessageKind kind, long height, byte[] body) {
    byte[] last = lastBodies.get(topic);
    if (last != null && java.util.Arrays.equals(last, body)) {
      return;
    }
    lastBodies.put(topic, body);
    publish(topic, kind, height, body, true);
  }

  private void publish(
      String topic, NodeMessageKind kind, long height, byte[] body, boolean retain) {
    byte[] payload =
        NodeMessage.sign(kind, chainId, validatorIndex, height, body, node.signer()).encode();
    if (retain) {
      retained.put(topic, payload);
    }
    for (Outbound o : outbounds) {
      try {
        o.publish(topic, payload, retain);
      } catch (RuntimeException e) {
        stats.dropped("PUBLISH_FAILED");
        LOG.log(Level.FINE, "publish on " + topic + " failed", e);
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 128 ? s : s.substring(0, 128) + "…";
  }
}

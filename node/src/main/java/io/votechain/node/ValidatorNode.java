package io.votechain.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.core.Application;
import io.votechain.consensus.core.Application.TxCheck;
import io.votechain.consensus.core.ConsensusConfig;
import io.votechain.consensus.core.ConsensusCore;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.mempool.Admission;
import io.votechain.mempool.Mempool;
import io.votechain.mempool.MempoolLimits;
import io.votechain.p2p.Peer;
import io.votechain.p2p.PeerTransport;
import io.votechain.p2p.TransportOptions;
import io.votechain.store.LedgerStore;
import io.votechain.store.TxLocation;
import io.votechain.store.cassandra.CassandraLedgerStore;
import io.votechain.store.rocksdb.RocksDbLedgerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * One validator: the ledger store, the mempool, the peer transport, the consensus driver and the
 * core HTTP endpoints (health, readiness, Prometheus metrics, status), assembled from a {@link
 * NodeConfig}; the public API (transactions, blocks, elections, ...) is the extension {@code
 * io.votechain.api.PublicApi} (docs/api.md). docs/node.md describes the whole.
 *
 * <p>Peer payloads carry a one-byte channel: {@code 0} consensus messages, {@code 1} transactions
 * gossiped from the validator that received them (full mesh, so no re-gossip), {@code 2}
 * equivocation evidence (re-gossiped once by each validator that newly stores it, see {@link
 * EvidenceKeeper}), {@code 3} a transaction as on channel {@code 1} with its sender's decoding aid
 * ({@link StateMachine#decodingAid}: the y-coordinates of a ballot's points, docs/p2p.md).
 */
public final class ValidatorNode implements NodeContext {
  private static final Logger LOG = Logger.getLogger(ValidatorNode.class.getName());
  static final byte CHANNEL_CONSENSUS = 0;
  static final byte CHANNEL_TRANSACTION = 1;
  static final byte CHANNEL_EVIDENCE = 2;
  static final byte CHANNEL_AIDED_TRANSACTION = 3;

  /** How often held evidence is sent again, for peers that were down when it was found. */
  static final long EVIDENCE_REANNOUNCE_MILLIS = 60_000;

  private final NodeConfig config;
  private final StateMachine machine;
  private final java.util.Map<String, String> environment;
  private EvidenceKeeper evidence;
  private final java.util.Map<Integer, Counter> evidenceCounters =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Vertx vertx;
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Listens to the JVM's GC notifications from start to stop. */
  private final io.micrometer.core.instrument.binder.jvm.JvmGcMetrics jvmGcMetrics =
      new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics();

  private final AtomicLong committedHeight = new AtomicLong();
  private Genesis genesis;
  private LedgerStore store;
  private LedgerApplication ledger;
  private Mempool mempool;
  private SubmissionChecks<byte[]> submissionChecks;
  private SubmissionChecks<RelayedTransaction> relayChecks;

  /** The consensus core's tunables; the mempool's re-check looks at one block's worth of them. */
  private final ConsensusConfig consensusConfig = ConsensusConfig.defaults();

  private PeerTransport transport;
  private ConsensusDriver driver;
  private volatile String driverDeployment;
  private HttpServer http;
  private Counter committedTransactions;
  private Counter viewChanges;
  private DistributionSummary transactionsPerBlock;
  private Timer blockInterval;
  private long lastCommitNanos;
  private java.util.function.Consumer<Throwable> fatalHandler = e -> {};
  private Router router;
  private Ed25519Signer signer;
  private String contractsChainId = "";
  private final List<java.util.function.Consumer<CommittedEvent>> committedListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile java.util.Map<Hash32, io.votechain.contract.TxReceipt> lastReceipts =
      java.util.Map.of();
  private final List<NodeExtension> extensions = new ArrayList<>();
  private SubmissionChecks.Bounds checkBounds = CHECK_BOUNDS;

  public ValidatorNode(NodeConfig config, StateMachine machine) {
    this(config, machine, System.getenv());
  }

  /**
   * With {@code environment} in place of the process's, for the fault injection that reads it
   * ({@link EquivocationFault}): in-process tests make one validator of several Byzantine.
   */
  ValidatorNode(
      NodeConfig config, StateMachine machine, java.util.Map<String, String> environment) {
    this.config = config;
    this.machine = machine;
    this.environment = java.util.Map.copyOf(environment);
    this.vertx = Vertx.vertx();
  }

  /** Other bounds for the queues of checks, before {@link #start()} (tests of back-pressure). */
  void checkBounds(SubmissionChecks.Bounds bounds) {
    this.checkBounds = bounds;
  }

  /** Opens the store and starts transport, consensus and HTTP; completes when all listen. */
  public Future<Void> start() {
    try {
      genesis = GenesisFile.read(config.genesisFile());
      contractsChainId =
          GenesisFile.readContracts(config.genesisFile())
              .map(io.votechain.contract.GenesisConfig::chainId)
              .orElse("");
      if (machine instanceof ContractsStateMachine contracts) {
        contracts.onReceipts(
            receipts -> {
              java.util.Map<Hash32, io.votechain.contract.TxReceipt> byId =
                  new java.util.HashMap<>();
              receipts.forEach(r -> byId.put(r.txId(), r));
              lastReceipts = byId;
            });
      }
      Ed25519Signer signer = KeyFile.read(config.keyFile());
      this.signer = signer;
      Files.createDirectories(config.dataDir());
      store =
          config.store().equals("cassandra")
              // Each Cassandra read is a round trip; the cache is exact (docs/storage.md §6).
              ? new io.votechain.store.CachedLedgerStore(
                  CassandraLedgerStore.open(config.cassandra()))
              : RocksDbLedgerStore.open(config.dataDir().resolve("ledger"), config.rocksdb());
      try {
        LedgerApplication.requireChain(store, genesis.hash());
      } catch (IllegalStateException e) {
        store.close();
        throw e;
      }
      ledger = new LedgerApplication(store, machine, genesis.initialStateHash());
      committedHeight.set(ledger.lastHeight());
      mempool = new Mempool(MempoolLimits.defaults());
      submissionChecks =
          new SubmissionChecks<byte[]>(
              vertx,
              ledger::validateSubmissions,
              checkBounds,
              tx -> tx.length,
              checkBatchSizes("client")::record,
              checksRefused("client")::increment);
      // Relayed transactions are checked in batches of their own, beside the submissions: their
      // ballots' proofs are verified as they arrive instead of in the block that carries them.
      // One refused for a full queue is not lost: its submitter keeps it and proposes it.
      relayChecks =
          new SubmissionChecks<RelayedTransaction>(
              vertx,
              ledger::validateRelayed,
              checkBounds,
              relayed -> relayed.bytes().length,
              checkBatchSizes("peer")::record,
              checksRefused("peer")::increment);
      registerMetrics();
      evidence =
          new EvidenceKeeper(
              genesis,
              store,
              encoded -> transport.broadcast(framed(CHANNEL_EVIDENCE, encoded)),
              offender -> evidenceCounter(offender).increment());
      // The counter counts the evidence held, so it starts from what the store kept.
      evidence.offendersHeld().forEach(o -> evidenceCounter(o).increment());
      List<Peer> peers = new ArrayList<>();
      for (int i = 0; i < genesis.size(); i++) {
        ValidatorInfo v = genesis.validator(i);
        peers.add(new Peer(i, v.key(), GenesisFile.host(v), GenesisFile.port(v)));
      }
      ConsensusDriver[] holder = new ConsensusDriver[1];
      transport =
          new PeerTransport(
              genesis.hash(),
              config.validatorIndex(),
              signer,
              peers,
              TransportOptions.defaults(),
              peerTls(),
              (from, payload) -> onPeerPayload(holder[0], payload));
      driver =
          new ConsensusDriver(
              () ->
                  new ConsensusCore(
                      genesis,
                      config.validatorIndex(),
                      signer,
                      consensusConfig,
                      new FileSafetyStore(config.dataDir().resolve("safety-state")),
                      ledger,
                      ledger,
                      mempool::reap),
              new ChannelTransport(
                  transport,
                  EquivocationFault.fromEnvironment(
                      environment,
                      genesis.hash(),
                      config.validatorIndex(),
                      genesis.size(),
                      signer)),
              new ConsensusDriver.Listener() {
                @Override
                public void committed(CommittedBlock block) {
                  onCommitted(block);
                }

                @Override
                public void evidence(EquivocationEvidence found) {
                  keepEvidence(() -> evidence.found(found));
                }

                @Override
                public void fatal(Throwable error) {
                  fatalHandler.accept(error);
                }
              },
              System::currentTimeMillis);
      holder[0] = driver;
      vertx.setPeriodic(
          EVIDENCE_REANNOUNCE_MILLIS,
          id ->
              vertx.executeBlocking(
                  () -> {
                    evidence.announceAll();
                    return null;
                  },
                  false));
      lastCommitNanos = System.nanoTime();
      return vertx
          .deployVerticle(transport)
          .compose(
              id ->
                  vertx.deployVerticle(
                      driver, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)))
          .compose(
              id -> {
                driverDeployment = id;
                return startHttp();
              })
          .compose(v -> startExtensions())
          .onSuccess(
              v ->
                  LOG.info(
                      "validator "
                          + config.validatorIndex()
                          + " of chain "
                          + genesis.hash()
                          + " at height "
                          + ledger.lastHeight()
                          + ", HTTP on "
                          + config.httpHost()
                          + ":"
                          + httpPort()))
          .mapEmpty();
    } catch (IOException | RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The optional {@code peerTls} section (mutual TLS between validators). */
  private Optional<io.votechain.p2p.PeerTls> peerTls() {
    io.vertx.core.json.JsonObject section = config.section("peerTls");
    return section.isEmpty()
        ? Optional.empty()
        : Optional.of(io.votechain.p2p.PeerTls.fromJson(section));
  }

  /** Called when consensus halts on an error it cannot recover from (the CLI exits). */
  public void onFatal(java.util.function.Consumer<Throwable> handler) {
    this.fatalHandler = handler;
  }

  public Future<Void> stop() {
    // The driver first: its undeployment runs on its own ordered worker context, so it completes
    // only after a step in progress (which may be executing a block into the store) has finished,
    // and no step and no committed event comes after it. Closing Vert.x or the store under a
    // running step left a worker thread writing to a closed store, and extensions stopped before
    // it were still handed committed blocks.
    Future<Void> driverStopped =
        driverDeployment == null
            ? Future.succeededFuture()
            : vertx.undeploy(driverDeployment).recover(err -> Future.succeededFuture());
    Promise<Void> stopped = Promise.promise();
    driverStopped
        .compose(
            v -> {
              committedListeners.clear();
              List<Future<Void>> stopping = new ArrayList<>();
              for (NodeExtension e : extensions) {
                stopping.add(e.stop().recover(err -> Future.succeededFuture()));
              }
              return Future.join(stopping);
            })
        .onComplete(
            v ->
                // Vert.x is closed from a thread of its own: a close future made on one of its
                // event loops reports on that loop, which the close has shut down by then.
                new Thread(
                        () ->
                            vertx
                                .close()
                                .onComplete(
                                    closed -> {
                                      jvmGcMetrics.close();
                                      if (store != null) {
                                        store.close();
                                      }
                                      stopped.complete();
                                    }),
                        "validator-" + config.validatorIndex() + "-stop")
                    .start());
    return stopped.future();
  }

  public int httpPort() {
    return http == null ? -1 : http.actualPort();
  }

  @Override
  public long height() {
    return committedHeight.get();
  }

  public Hash32 stateHash() {
    return ledger.stateHash();
  }

  /** The stored block at {@code h}: its hash and the state hash it carries, for comparisons. */
  public Optional<io.votechain.store.StoredBlock> storedBlock(long h) {
    return store.blockAt(h).toCompletableFuture().join();
  }

  /** Submits a transaction as if it came through the API: checked, pooled and gossiped. */
  @Override
  public Future<Admission> submit(byte[] tx) {
    return submissionChecks
        .check(tx)
        .transform(
            checked -> {
              if (checked.failed()) {
                // A full queue of checks is back-pressure like a full mempool, and clients
                // already retry that (docs/node.md §3).
                return checked.cause() instanceof SubmissionChecks.Busy
                    ? Future.succeededFuture(Admission.MEMPOOL_FULL)
                    : Future.failedFuture(checked.cause());
              }
              TxCheck check = checked.result();
              if (!check.ok()) {
                return Future.failedFuture(new TransactionRejected(check.reason()));
              }
              Admission admission = mempool.add(machine.transactionId(tx), machine.sender(tx), tx);
              if (admission == Admission.ACCEPTED) {
                transport.broadcast(relayFrame(tx, machine.decodingAid(tx)));
              }
              return Future.succeededFuture(admission);
            });
  }

  /** A transaction refused by the state machine, with its error code. */
  public static final class TransactionRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TransactionRejected(String code) {
      super(code);
    }

    /** The contracts' error code name ({@code io.votechain.tx.ErrorCode}). */
    public String code() {
      return getMessage();
    }
  }

  /** Where a committed transaction is, if it is. */
  public Optional<TxLocation> transactionLocation(Hash32 id) {
    return store.transaction(id).toCompletableFuture().join();
  }

  /** A key of the committed state (tests and diagnostics). */
  public Optional<byte[]> state(byte[] key) {
    return store.state(key).toCompletableFuture().join();
  }

  private void onPeerPayload(ConsensusDriver d, byte[] payload) {
    if (payload.length < 1) {
      return;
    }
    byte[] body = java.util.Arrays.copyOfRange(payload, 1, payload.length);
    if (payload[0] == CHANNEL_CONSENSUS) {
      d.deliver(body);
    } else if (payload[0] == CHANNEL_EVIDENCE) {
      keepEvidence(() -> evidence.offer(body));
    } else if (payload[0] == CHANNEL_TRANSACTION) {
      relay(RelayedTransaction.of(body));
    } else if (payload[0] == CHANNEL_AIDED_TRANSACTION) {
      RelayedTransaction relayed = aidedTransaction(body);
      if (relayed != null) {
        machine.relayedWithAid(relayed);
        relay(relayed);
      }
    }
  }

  private void relay(RelayedTransaction relayed) {
    byte[] tx = relayed.bytes();
    relayChecks
        .check(relayed)
        .onSuccess(
            check -> {
              if (check.ok()) {
                mempool.add(machine.transactionId(tx), machine.sender(tx), tx);
              }
            });
  }

  /**
   * The frame relaying a transaction: channel {@code 1} and its bytes, or, with a decoding aid,
   * channel {@code 3}, the bytes' length (4 bytes, big-endian), the bytes, the aid.
   */
  static byte[] relayFrame(byte[] tx, byte[] aid) {
    if (aid.length == 0) {
      return framed(CHANNEL_TRANSACTION, tx);
    }
    return java.nio.ByteBuffer.allocate(1 + 4 + tx.length + aid.length)
        .put(CHANNEL_AIDED_TRANSACTION)
        .putInt(tx.length)
        .put(tx)
        .put(aid)
        .array();
  }

  /**
   * The transaction and aid of a channel-3 body, or null if it is malformed (a length beyond the
   * body, or an aid longer than the transaction: a point's hint is shorter than its encoding).
   * Dropped, like any other frame a correct peer does not send.
   */
  static RelayedTransaction aidedTransaction(byte[] body) {
    if (body.length < 4) {
      return null;
    }
    int length = java.nio.ByteBuffer.wrap(body, 0, 4).getInt();
    if (length < 0 || length > body.length - 4 || body.length - 4 - length > length) {
      return null;
    }
    return new RelayedTransaction(
        java.util.Arrays.copyOfRange(body, 4, 4 + length),
        java.util.Arrays.copyOfRange(body, 4 + length, body.length));
  }

  /** Runs a keeper step on a worker (it verifies signatures and writes durably). */
  private void keepEvidence(java.util.concurrent.Callable<EvidenceKeeper.Outcome> step) {
    vertx
        .executeBlocking(step, false)
        .onFailure(e -> LOG.log(java.util.logging.Level.WARNING, "keeping evidence failed", e));
  }

  /** The evidence keeper (tests read what it holds and refused). */
  public EvidenceKeeper evidenceKeeper() {
    return evidence;
  }

  private Counter checksRefused(String source) {
    return Counter.builder("votechain_checks_refused_total")
        .description(
            "transactions refused because the queue waiting for checks was full, by where they"
                + " came from (client or peer)")
        .tag("source", source)
        .register(metrics);
  }

  /**
   * Each queue of transactions waiting for checks (clients', peers'): batches of up to 256, and at
   * most 4 096 transactions or 32 MiB waiting: ≈ 3 s of checks for a validator with two cores to
   * itself (1 300–1 800 ballots/s, docs/benchmarks.md), ≈ 12 s for four sharing them; longer and a
   * client would give up before its answer.
   */
  static final SubmissionChecks.Bounds CHECK_BOUNDS =
      new SubmissionChecks.Bounds(256, 4_096, 32L * 1024 * 1024);

  private DistributionSummary checkBatchSizes(String source) {
    return DistributionSummary.builder("votechain_check_batch_transactions")
        .description("transactions per batch of checks, by where they came from (client or peer)")
        .tag("source", source)
        .register(metrics);
  }

  private Counter evidenceCounter(int offender) {
    return evidenceCounters.computeIfAbsent(
        offender,
        o ->
            Counter.builder("votechain_equivocation_evidence")
                .description("equivocation evidence held against a validator, by its index")
                .tag("offender", Integer.toString(o))
                .register(metrics));
  }

  private static byte[] framed(byte channel, byte[] body) {
    byte[] out = new byte[body.length + 1];
    out[0] = channel;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private void onCommitted(CommittedBlock block) {
    List<Hash32> ids = ledger.transactionIds(block.block());
    publishCommitted(block, ids);
    mempool.committed(ids);
    recheckMempool();
    committedHeight.set(block.height());
    committedTransactions.increment(ids.size());
    transactionsPerBlock.record(ids.size());
    int round = block.certificate().round();
    viewChanges.increment(round);
    if (round > 0) {
      // The receipt latency's tail is set by these (a propose timeout is 3 s); who failed to get
      // the first rounds through is the first thing to know about them (docs/benchmarks.md, s. 9).
      LOG.info(
          "height "
              + block.height()
              + " decided in round "
              + round
              + " (proposed by validator "
              + block.block().header().proposer()
              + "; round 0's proposer was validator "
              + genesis.proposer(block.height(), 0)
              + ")");
    }
    long now = System.nanoTime();
    blockInterval.record(java.time.Duration.ofNanos(now - lastCommitNanos));
    lastCommitNanos = now;
  }

  /**
   * Re-checks the mempool against the new state, on the consensus thread, so that the next proposal
   * does not reap what the new state refuses. Cheap since ballot proofs are left to block execution
   * (docs/contracts.md §5.1) and signatures are remembered; the mempool is not locked while it
   * runs. (On a worker of its own it bought nothing measurable and let proposals reap stale
   * transactions.)
   */
  private void recheckMempool() {
    mempool.recheck(tx -> ledger.validateTx(tx).ok(), consensusConfig.maxBlockTransactions());
  }

  private CommittedEvent.Outcome storedOutcome(Hash32 id, int index) {
    Optional<byte[]> stored =
        store
            .state(io.votechain.contract.StateKeys.receipt(id).bytes())
            .toCompletableFuture()
            .join();
    if (stored.isPresent()) {
      try {
        io.votechain.contract.TxReceipt.Outcome o =
            io.votechain.contract.TxReceipt.decodeOutcome(stored.get());
        return new CommittedEvent.Outcome(id, index, o.code().name(), o.reason());
      } catch (io.votechain.encoding.EncodingException e) {
        LOG.warning("unreadable stored receipt of " + id.hex() + ": " + e.getMessage());
      }
    }
    // Execution skipped it: the bytes did not decode as a transaction.
    return new CommittedEvent.Outcome(id, index, "MALFORMED_TRANSACTION", "");
  }

  /** Tells the extensions, on the event loop, which transactions committed and how they ended. */
  private void publishCommitted(CommittedBlock block, List<Hash32> ids) {
    if (committedListeners.isEmpty()) {
      return;
    }
    java.util.Map<Hash32, io.votechain.contract.TxReceipt> receipts = lastReceipts;
    List<CommittedEvent.Outcome> outcomes = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      io.votechain.contract.TxReceipt r = receipts.get(ids.get(i));
      if (r != null) {
        outcomes.add(new CommittedEvent.Outcome(ids.get(i), i, r.code().name(), r.reason()));
      } else if (machine instanceof ContractsStateMachine) {
        // Not among the receipts of the last block executed: consensus decided more than one
        // height in one step (a lone validator does), so read the receipt the block stored.
        outcomes.add(storedOutcome(ids.get(i), i));
      } else {
        outcomes.add(new CommittedEvent.Outcome(ids.get(i), i, "OK", ""));
      }
    }
    CommittedEvent event =
        new CommittedEvent(
            block.height(), block.block().hash(), block.block().header().timestamp(), outcomes);
    vertx.runOnContext(
        v -> {
          for (java.util.function.Consumer<CommittedEvent> l : committedListeners) {
            try {
              l.accept(event);
            } catch (RuntimeException e) {
              LOG.log(java.util.logging.Level.WARNING, "committed-block listener failed", e);
            }
          }
        });
  }

  private Future<Void> startExtensions() {
    java.util.ServiceLoader.load(NodeExtension.class).forEach(extensions::add);
    extensions.sort(java.util.Comparator.comparingInt(NodeExtension::order));
    Future<Void> chain = Future.succeededFuture();
    for (NodeExtension e : extensions) {
      chain =
          chain.compose(
              v ->
                  e.start(this)
                      .onSuccess(x -> LOG.info("started extension " + e.name()))
                      .recover(
                          err ->
                              Future.failedFuture(
                                  new IllegalStateException(
                                      "extension " + e.name() + " failed to start: " + err, err))));
    }
    return chain;
  }

  // NodeContext, for the extensions.

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public io.votechain.crypto.sig.Signer signer() {
    return signer;
  }

  @Override
  public Router router() {
    return router;
  }

  @Override
  public NodeConfig config() {
    return config;
  }

  @Override
  public Genesis genesis() {
    return genesis;
  }

  @Override
  public String contractsChainId() {
    return contractsChainId;
  }

  @Override
  public LedgerStore store() {
    return store;
  }

  @Override
  public Hash32 transactionId(byte[] transaction) {
    return machine.transactionId(transaction);
  }

  @Override
  public boolean pending(Hash32 transactionId) {
    return mempool.contains(transactionId);
  }

  @Override
  public void onCommitted(java.util.function.Consumer<CommittedEvent> listener) {
    committedListeners.add(listener);
  }

  /** The extensions this node started, in start order (tests look them up). */
  public List<NodeExtension> extensions() {
    return List.copyOf(extensions);
  }

  private void registerMetrics() {
    // The JVM's own: heap (whose bound docs/node.md §3b is about), GC pauses, threads and CPU.
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(metrics);
    jvmGcMetrics.bindTo(metrics);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(metrics);
    Gauge.builder("votechain_committed_height", committedHeight, AtomicLong::get).register(metrics);
    Gauge.builder("votechain_mempool_transactions", () -> mempool.size()).register(metrics);
    Gauge.builder(
            "votechain_consensus_round",
            () -> driver == null || driver.core() == null ? 0 : driver.core().round())
        .register(metrics);
    Gauge.builder("votechain_peers_connected", this::connectedPeers).register(metrics);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "votechain_consensus_decided_block_fetches",
            this,
            node ->
                node.driver == null || node.driver.core() == null
                    ? 0
                    : node.driver.core().decidedBlockFetches())
        .description(
            "sync requests for decided blocks whose proposal was dropped as too far ahead,"
                + " retries to further precommitters included")
        .register(metrics);
    for (io.votechain.consensus.message.EvidenceFault fault :
        io.votechain.consensus.message.EvidenceFault.values()) {
      io.micrometer.core.instrument.FunctionCounter.builder(
              "votechain_evidence_refused",
              this,
              node -> node.evidence == null ? 0 : node.evidence.refused().getOrDefault(fault, 0L))
          .description("pieces of gossiped equivocation evidence refused, by reason")
          .tag("reason", fault.name())
          .register(metrics);
    }
    for (io.votechain.p2p.DropReason reason : io.votechain.p2p.DropReason.values()) {
      io.micrometer.core.instrument.FunctionCounter.builder(
              "votechain_peer_frames_dropped",
              this,
              node -> node.transport == null ? 0 : node.transport.counters().dropped(reason))
          .description("peer frames or connections dropped by the transport, by reason")
          .tag("reason", reason.name())
          .register(metrics);
    }
    if (store instanceof io.votechain.store.CachedLedgerStore cached) {
      registerStateCacheMetrics(cached);
    }
    if (store instanceof RocksDbLedgerStore rocks) {
      registerRocksDbMetrics(rocks);
    }
    Gauge.builder(
            "votechain_ballot_verdicts_remembered",
            () -> machine instanceof ContractsStateMachine c ? c.rememberedProofVerdicts() : 0)
        .description("ballot-proof verdicts the checks hold for block execution")
        .register(metrics);
    FunctionCounter.builder(
            "votechain_relayed_points_from_hints",
            machine,
            m -> m instanceof ContractsStateMachine c ? c.pointsDecodedFromHints() : 0)
        .description("points of relayed ballots decoded from the sender's y-coordinates")
        .register(metrics);
    FunctionCounter.builder(
            "votechain_relayed_point_hints_ignored",
            machine,
            m -> m instanceof ContractsStateMachine c ? c.pointHintsIgnored() : 0)
        .description("relayed point hints that failed a check (the points were decompressed)")
        .register(metrics);
    committedTransactions = Counter.builder("votechain_committed_transactions").register(metrics);
    viewChanges =
        Counter.builder("votechain_view_changes")
            .description("rounds beyond the first before a decision")
            .register(metrics);
    transactionsPerBlock =
        DistributionSummary.builder("votechain_transactions_per_block").register(metrics);
    blockInterval = Timer.builder("votechain_block_interval").register(metrics);
    Timer execution =
        Timer.builder("votechain_block_execution")
            .description("executing a committed block, ballot verification included")
            .register(metrics);
    Timer storeCommit =
        Timer.builder("votechain_store_commit")
            .description("the atomic, durable commit of a block and its state")
            .register(metrics);
    io.micrometer.core.instrument.Counter commitRetries =
        io.micrometer.core.instrument.Counter.builder("votechain_store_commit_retries")
            .description(
                "block commits that failed with the store unavailable and were tried again")
            .register(metrics);
    ledger.onCommitRetry(commitRetries::increment);
    ledger.onTimings(
        (executeNanos, commitNanos) -> {
          execution.record(java.time.Duration.ofNanos(executeNanos));
          storeCommit.record(java.time.Duration.ofNanos(commitNanos));
        });
  }

  /** The committed-state cache's counters (a store read through {@link CachedLedgerStore}). */
  /** RocksDB's native memory, which the heap's metrics do not show (docs/storage.md §2). */
  private void registerRocksDbMetrics(RocksDbLedgerStore rocks) {
    Gauge.builder("votechain_store_native_bytes", rocks, r -> storeProperty(r::nativeMemoryBytes))
        .description(
            "RocksDB's native memory: its shared cache (blocks, indexes, filters, the memtables"
                + " charged to it) and the table readers outside it")
        .baseUnit("bytes")
        .register(metrics);
    Gauge.builder("votechain_store_memtable_bytes", rocks, r -> storeProperty(r::memtableBytes))
        .description("RocksDB's memtables, all column families")
        .baseUnit("bytes")
        .register(metrics);
  }

  /** A store's figure, or NaN once the store is closed (a scrape during shutdown). */
  private static double storeProperty(java.util.function.LongSupplier property) {
    try {
      return property.getAsLong();
    } catch (io.votechain.store.StoreException e) {
      return Double.NaN;
    }
  }

  private void registerStateCacheMetrics(io.votechain.store.CachedLedgerStore cached) {
    java.util.Map<String, java.util.function.ToDoubleFunction<io.votechain.store.CachedLedgerStore>>
        counters = new java.util.LinkedHashMap<>();
    counters.put("votechain_state_cache_hits", c -> c.cacheStats().hits());
    counters.put("votechain_state_cache_misses", c -> c.cacheStats().misses());
    counters.put("votechain_state_cache_refused_fills", c -> c.cacheStats().refusedFills());
    counters.put("votechain_state_cache_evictions", c -> c.cacheStats().evictions());
    counters.put("votechain_state_prefetched_reads", c -> c.prefetchedReads());
    counters.forEach(
        (name, f) ->
            io.micrometer.core.instrument.FunctionCounter.builder(name, cached, f)
                .register(metrics));
    Gauge.builder("votechain_state_cache_entries", cached, c -> c.cacheStats().entries())
        .register(metrics);
    Gauge.builder("votechain_state_cache_bytes", cached, c -> c.cacheStats().bytes())
        .register(metrics);
  }

  /** Whether the peer connection to validator {@code index} is up (the public API shows it). */
  public boolean peerConnected(int index) {
    return index != config.validatorIndex()
        && index >= 0
        && index < genesis.size()
        && transport.isConnected(index);
  }

  private int connectedPeers() {
    int connected = 0;
    for (int i = 0; i < genesis.size(); i++) {
      if (i != config.validatorIndex() && transport.isConnected(i)) {
        connected++;
      }
    }
    return connected;
  }

  private Future<Void> startHttp() {
    router = Router.router(vertx);
    router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router
        .get("/ready")
        .handler(
            ctx -> {
              boolean ready = connectedPeers() + 1 >= genesis.quorum();
              json(
                  ctx,
                  ready ? 200 : 503,
                  new JsonObject()
                      .put("ready", ready)
                      .put("peersConnected", connectedPeers())
                      .put("quorum", genesis.quorum()));
            });
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
    router.get("/api/v1/status").handler(ctx -> json(ctx, 200, status()));
    // The rest of /api/v1 (transactions, blocks, elections, ...) is the public API extension,
    // io.votechain.api.PublicApi (docs/api.md).
    http =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setIdleTimeout(config.httpIdleTimeoutSeconds())
                    .setIdleTimeoutUnit(TimeUnit.SECONDS))
            .requestHandler(router);
    return http.listen(config.httpPort(), config.httpHost()).mapEmpty();
  }

  private JsonObject status() {
    ConsensusCore core = driver.core();
    return new JsonObject()
        .put("chainId", genesis.hash().hex())
        .put("validator", config.validatorIndex())
        .put("height", committedHeight.get())
        .put("round", core == null ? 0 : core.round())
        .put("stateHash", ledger.stateHash().hex())
        .put("mempool", mempool.size())
        .put("peersConnected", connectedPeers());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }

  @Override
  public io.votechain.tx.SignedTransaction decodeTransaction(byte[] transaction) {
    return machine instanceof ContractsStateMachine contracts
        ? contracts.decode(transaction)
        : io.votechain.tx.SignedTransaction.decode(transaction);
  }

  /** Check of a transaction, exposed for tests. */
  Application.TxCheck check(byte[] tx) {
    return ledger.validateSubmission(tx);
  }
}

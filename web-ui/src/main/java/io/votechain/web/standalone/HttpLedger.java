package io.votechain.web.standalone;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.votechain.consensus.block.Block;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.StateKeys;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.EncodingException;
import io.votechain.mempool.Admission;
import io.votechain.node.CommittedEvent;
import io.votechain.state.StateKey;
import io.votechain.store.StateEntry;
import io.votechain.store.StoredBlock;
import io.votechain.store.StoredEvidence;
import io.votechain.tx.SignedTransaction;
import io.votechain.util.BoundedLruCache;
import io.votechain.web.LedgerPort;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link LedgerPort} over a node's public HTTP API (docs/web-ui.md §6), for a web UI that runs on
 * its own. What can be checked is checked ({@link ChainVerifier}): the genesis against its chain id
 * (and the operator's pin), the contracts' genesis against the genesis, every block's bytes against
 * its header and a quorum certificate of the genesis validators, every piece of evidence against
 * its signatures. State reads are the node's word (single values carry no proof).
 *
 * <p>Threads: the read methods block on the HTTP answer and are for worker threads ({@link
 * io.votechain.web.WebContext#blocking}); called on an event loop they throw, except {@link
 * #height()} and {@link #chainId()}, which answer from memory there (the last height the event
 * stream or a read reported). Committed-block listeners are called on an event loop, in height
 * order. Thread safe.
 *
 * <p>Committed events: a block's outcomes list the transactions submitted through this port (their
 * receipts read from the state); the others' are left out, since reading every receipt of a
 * 500-transaction block would cost 500 requests, and the pages wait only for their own.
 */
public final class HttpLedger implements LedgerPort, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HttpLedger.class.getName());

  /**
   * Verified blocks kept, by height (committed blocks never change), bounded by their size: a block
   * may carry 1 MiB of transactions, and the 512 blocks once kept could have been half a gigabyte.
   */
  static final long BLOCK_CACHE_BYTES = 64L * 1024 * 1024;

  /** What a kept block costs beyond its bytes: the map's entry, the record, its hashes. */
  static final int BLOCK_OVERHEAD_BYTES = 512;

  /** Missed blocks fetched after an event-stream gap; an older gap is skipped. */
  static final int MAX_CATCH_UP = 100;

  /** Transactions submitted here whose commit is still awaited. */
  static final int MAX_AWAITED = 10_000;

  private final Vertx vertx;
  private final NodeApi api;
  private final ChainVerifier verifier;
  private final String contractsChainId;
  private final AtomicLong height = new AtomicLong();
  private final BoundedLruCache<Long, StoredBlock> blocks =
      new BoundedLruCache<>(BLOCK_CACHE_BYTES, HttpLedger::weight);
  private final Set<Hash32> awaited = ConcurrentHashMap.newKeySet();
  private final List<Consumer<CommittedEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Context delivery;
  private final EventFeed feed;

  /** The last height whose committed event was delivered (touched by the ordered worker only). */
  private long delivered;

  /** A kept block's estimated heap. */
  static long weight(StoredBlock block) {
    return (long) block.byteSize() + BLOCK_OVERHEAD_BYTES;
  }

  private HttpLedger(
      Vertx vertx, NodeApi api, ChainVerifier verifier, String contractsChainId, long height) {
    this.vertx = vertx;
    this.api = api;
    this.verifier = verifier;
    this.contractsChainId = contractsChainId;
    this.height.set(height);
    this.delivered = height;
    this.delivery = vertx.getOrCreateContext();
    this.feed = new EventFeed(vertx, api, this::committedAt);
  }

  /**
   * Connects to the node at {@code node} (its base address, e.g. {@code http://host:8081}): reads
   * and checks its genesis (against {@code pinnedChainId} when given) and its status, then follows
   * its event stream. Fails with {@link NodeAnswerException} (NODE_UNAVAILABLE when it did not
   * answer; a mismatch code when it answered something else). Blocking: call off the event loop.
   */
  public static HttpLedger connect(Vertx vertx, URI node, Optional<Hash32> pinnedChainId) {
    NodeApi api = new NodeApi(vertx, node);
    try {
      NodeApi.Answer g = expect(api.get("/api/v1/genesis"), 200, "genesis");
      JsonObject genesis = ApiJson.object(g.body(), "genesis");
      Optional<GenesisConfig> contracts = ApiJson.contracts(genesis);
      ChainVerifier verifier =
          ChainVerifier.ofGenesis(
              ApiJson.genesisEncoding(genesis),
              genesis.getString("chainId", ""),
              contracts,
              pinnedChainId);
      long height = status(api, verifier.genesis().hash());
      HttpLedger ledger =
          new HttpLedger(vertx, api, verifier, contracts.orElseThrow().chainId(), height);
      ledger.feed.start();
      return ledger;
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
  }

  @Override
  public String chainId() {
    return contractsChainId;
  }

  /** The consensus chain id (genesis hash) this port checked. */
  public Hash32 consensusChainId() {
    return verifier.genesis().hash();
  }

  @Override
  public long height() {
    if (Context.isOnEventLoopThread()) {
      return height.get();
    }
    return raise(status(api, consensusChainId()));
  }

  @Override
  public Optional<byte[]> state(StateKey key) {
    NodeApi.Answer a = api.get("/api/v1/state?key=" + encode(key.path()));
    if (a.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(expect(a, 200, "state " + key.path()).body());
  }

  @Override
  public List<StateEntry> folder(String folder) {
    NodeApi.Answer a = api.get("/api/v1/state?folder=" + encode(folder));
    return ApiJson.folder(ApiJson.object(expect(a, 200, "folder " + folder).body(), "folder"));
  }

  @Override
  public List<StateEntry> folderPage(String folder, String after, int limit) {
    NodeApi.Answer a =
        api.get(
            "/api/v1/state?folder="
                + encode(folder)
                + "&limit="
                + limit
                + (after.isEmpty() ? "" : "&after=" + encode(after)));
    return ApiJson.folder(ApiJson.object(expect(a, 200, "folder " + folder).body(), "folder"));
  }

  @Override
  public Optional<StoredBlock> block(long h) {
    StoredBlock cached = blocks.get(h);
    if (cached != null) {
      return Optional.of(cached);
    }
    NodeApi.Answer a = api.get("/api/v1/blocks/" + h + "/encoding");
    if (a.status() == 404) {
      return Optional.empty();
    }
    expect(a, 200, "block " + h);
    Hash32 stateHash;
    try {
      stateHash = Hash32.fromHex(a.headers().get("x-votechain-state-hash"));
    } catch (RuntimeException e) {
      throw new NodeAnswerException(
          NodeAnswerError.NODE_ANSWER_MALFORMED, "block " + h + " state hash", e);
    }
    StoredBlock verified = verifier.block(h, a.body(), stateHash);
    blocks.put(h, verified);
    raise(h);
    return Optional.of(verified);
  }

  @Override
  public Optional<Genesis> genesis() {
    return Optional.of(verifier.genesis());
  }

  @Override
  public List<StoredEvidence> evidence() {
    NodeApi.Answer a = api.get("/api/v1/evidence");
    List<StoredEvidence> out = new ArrayList<>();
    for (ApiJson.EvidenceEntry e :
        ApiJson.evidence(ApiJson.object(expect(a, 200, "evidence").body(), "evidence"))) {
      out.add(verifier.evidence(e.hash(), e.encoding()));
    }
    return out;
  }

  @Override
  public Future<Admission> submit(byte[] transaction) {
    return api.send(HttpMethod.POST, "/api/v1/transactions", transaction)
        .recover(
            e ->
                Future.failedFuture(
                    new NodeAnswerException(
                        NodeAnswerError.NODE_UNAVAILABLE, "POST /api/v1/transactions", e)))
        .compose(
            a -> {
              ApiJson.Submission s = ApiJson.submission(a.status(), a.body());
              if (s instanceof ApiJson.Refused r) {
                return Future.failedFuture(new Rejected(r.code()));
              }
              ApiJson.Admitted admitted = (ApiJson.Admitted) s;
              if (admitted.admission() == Admission.ACCEPTED
                  || admitted.admission() == Admission.DUPLICATE) {
                await(admitted.id());
              }
              return Future.succeededFuture(admitted.admission());
            });
  }

  @Override
  public void onCommitted(Consumer<CommittedEvent> listener) {
    listeners.add(listener);
  }

  /** The node's API (the browsers' reads are passed on through it). */
  NodeApi api() {
    return api;
  }

  /** Whether the event stream is open now. */
  public boolean following() {
    return feed.connected();
  }

  @Override
  public void close() {
    feed.stop();
    api.close();
  }

  private void await(String id) {
    try {
      if (awaited.size() < MAX_AWAITED) {
        awaited.add(Hash32.fromHex(id));
      }
    } catch (RuntimeException e) {
      LOG.warning("the node answered a malformed transaction id");
    }
  }

  /**
   * A block event: fetch, check and deliver every block from the last delivered one up to {@code
   * h}, in order, on one ordered worker queue (reads block), then call listeners on an event loop.
   */
  private void committedAt(long h) {
    raise(h);
    delivery
        .executeBlocking(
            () -> {
              List<CommittedEvent> events = new ArrayList<>();
              long from = Math.max(delivered + 1, h - MAX_CATCH_UP + 1);
              for (long at = from; at <= h; at++) {
                Optional<StoredBlock> b = block(at);
                if (b.isPresent()) {
                  events.add(event(b.get()));
                  delivered = at;
                }
              }
              return events;
            },
            true)
        .onSuccess(events -> events.forEach(e -> listeners.forEach(l -> l.accept(e))))
        .onFailure(e -> LOG.log(Level.WARNING, "committed block " + h + " not delivered", e));
  }

  /** The committed event of a verified block, with the outcomes of the awaited transactions. */
  private CommittedEvent event(StoredBlock stored) {
    Block block = Block.decode(stored.block());
    List<CommittedEvent.Outcome> outcomes = new ArrayList<>();
    if (!awaited.isEmpty()) {
      List<byte[]> txs = block.transactions();
      for (int i = 0; i < txs.size(); i++) {
        Hash32 id;
        try {
          id = SignedTransaction.decode(txs.get(i)).id();
        } catch (EncodingException | IllegalArgumentException e) {
          continue; // the contracts refused it as malformed; nobody here awaits it
        }
        if (awaited.remove(id)) {
          Optional<byte[]> receipt = state(StateKeys.receipt(id));
          if (receipt.isPresent()) {
            try {
              TxReceipt.Outcome o = TxReceipt.decodeOutcome(receipt.get());
              outcomes.add(new CommittedEvent.Outcome(id, i, o.code().name(), o.reason()));
            } catch (EncodingException e) {
              throw new NodeAnswerException(
                  NodeAnswerError.NODE_ANSWER_MALFORMED, "receipt of " + id.hex(), e);
            }
          }
        }
      }
    }
    return new CommittedEvent(stored.height(), stored.hash(), block.header().timestamp(), outcomes);
  }

  private long raise(long seen) {
    return height.accumulateAndGet(seen, Math::max);
  }

  private static long status(NodeApi api, Hash32 chainId) {
    NodeApi.Answer a = expect(api.get("/api/v1/status"), 200, "status");
    return ApiJson.statusHeight(ApiJson.object(a.body(), "status"), chainId);
  }

  private static NodeApi.Answer expect(NodeApi.Answer a, int status, String what) {
    if (a.status() == 503) {
      throw new NodeAnswerException(NodeAnswerError.NODE_UNAVAILABLE, what + " answered 503");
    }
    if (a.status() != status) {
      throw new NodeAnswerException(
          NodeAnswerError.NODE_ANSWER_MALFORMED, what + " answered " + a.status());
    }
    return a;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

package io.votechain.web.observer;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.contract.ElectionStatus;
import io.votechain.encoding.CanonicalReader;
import io.votechain.store.StoredBlock;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.web.LedgerQueries;
import io.votechain.web.PageGroup;
import io.votechain.web.WebContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The observers' pages under {@code /observer} (docs/web-ui.md §4): elections with turnout per
 * station and, once tallied, results as server-rendered SVG bar charts with the status of each
 * verification step; a block explorer (recent blocks, one block's transactions and receipts); the
 * devices with custody and attestation; instructions for the independent verifier. Read-only: no
 * page here changes anything, so none needs a session's rights.
 */
public final class ObserverPages implements PageGroup {
  static final int RECENT_BLOCKS = 20;
  private WebContext web;
  private LedgerQueries queries;
  private BallotArrivals arrivals;

  @Override
  public String prefix() {
    return "/observer";
  }

  @Override
  public List<NavLink> navigation() {
    return List.of(
        new NavLink("nav.observer", "/observer/"),
        new NavLink("nav.explorer", "/observer/blocks"),
        new NavLink("nav.evidence", EvidencePages.PATH),
        new NavLink("nav.verify", "/observer/verify"));
  }

  @Override
  public void routes(Router router, WebContext web) {
    this.web = web;
    this.queries = new LedgerQueries(web.ledger());
    this.arrivals = new BallotArrivals(web.ledger());
    router.get("/").handler(this::home);
    router.get("/elections/:id").handler(ctx -> election(ctx, "observer/election"));
    // The turnout part of the election page alone, which observer.entry.js fetches to redraw it
    // when the node's event stream says the turnout changed.
    router.get("/elections/:id/turnout").handler(ctx -> election(ctx, "observer/turnout"));
    router.get("/blocks").handler(this::blocks);
    router.get("/blocks/:height").handler(this::block);
    router.get("/devices").handler(this::devices);
    new EvidencePages(web).routes(router);
    router.get("/validators").handler(this::validators);
    router.get("/verify").handler(ctx -> web.render(ctx, "observer/verify", Map.of()));
  }

  private void home(RoutingContext ctx) {
    web.blocking(
            () ->
                Map.<String, Object>of(
                    "elections", queries.elections(), "height", queries.height()))
        .onSuccess(m -> web.render(ctx, "observer/home", m))
        .onFailure(ctx::fail);
  }

  private void election(RoutingContext ctx, String template) {
    String id = ctx.pathParam("id");
    String lang = WebContext.locale(ctx).getLanguage();
    web.blocking(
            () -> {
              Optional<LedgerQueries.Election> e = queries.election(id);
              if (e.isEmpty()) {
                return null;
              }
              Map<String, Object> m = new HashMap<>();
              m.put("election", e.get());
              String after = LedgerQueries.after(ctx.queryParams().get("after"));
              LedgerQueries.Page<LedgerQueries.StationTurnout> turnout = queries.turnout(id, after);
              m.put("turnout", turnout.items());
              m.put("turnoutAfter", after);
              m.put("turnoutNext", turnout.next().orElse(null));
              m.put("counted", queries.counted(id));
              m.put("height", queries.height());
              m.put("timeline", timeline(e.get().manifest()));
              Optional<List<Long>> result = queries.result(id);
              m.put(
                  "charts", result.map(r -> charts(e.get().manifest(), r, lang)).orElse(List.of()));
              m.put("steps", steps(e.get(), result.isPresent()));
              return m;
            })
        .onSuccess(
            m -> {
              if (m == null) {
                web.render(ctx, 404, "layout/refused", Map.of("reason", "refused.notFound"));
              } else {
                web.render(ctx, template, m);
              }
            })
        .onFailure(ctx::fail);
  }

  /** Ballots per interval of the voting window, up to the latest block's time. Blocking. */
  private TurnoutTimeline timeline(ElectionManifest manifest) {
    long latest =
        web.ledger()
            .block(web.ledger().height())
            .map(b -> Block.decode(b.block()).header().timestamp())
            .orElse(manifest.votingStart());
    return TurnoutTimeline.of(
        arrivals.of(manifest.electionId()), manifest.votingStart(), manifest.votingEnd(), latest);
  }

  /** One chart per contest, slicing the flat result (manifest order) contest by contest. */
  static List<ResultChart> charts(ElectionManifest manifest, List<Long> counts, String lang) {
    List<ResultChart> charts = new ArrayList<>();
    int i = 0;
    for (Contest c : manifest.contests()) {
      List<String> labels = new ArrayList<>();
      List<Long> cs = new ArrayList<>();
      for (var choice : c.choices()) {
        labels.add(label(choice.label().labels(), lang));
        cs.add(i < counts.size() ? counts.get(i) : 0L);
        i++;
      }
      charts.add(ResultChart.of(label(c.title().labels(), lang), labels, cs));
    }
    return charts;
  }

  private static String label(Map<String, String> labels, String lang) {
    return labels.getOrDefault(lang, labels.get("en"));
  }

  /**
   * What the ledger has established for this election, step by step: each is done (the contracts
   * checked it when the transaction committed: proofs of the key ceremony, of every ballot, of
   * every partial decryption) or not yet reached.
   */
  static List<Step> steps(LedgerQueries.Election e, boolean tallied) {
    ElectionStatus s = e.status();
    return List.of(
        new Step("step.ceremony", s.ordinal() >= ElectionStatus.OPEN.ordinal()),
        new Step("step.ballots", s.ordinal() >= ElectionStatus.OPEN.ordinal()),
        new Step("step.closed", s.ordinal() >= ElectionStatus.CLOSED.ordinal()),
        new Step("step.decryptions", tallied),
        new Step("step.certified", s == ElectionStatus.CERTIFIED));
  }

  /** A verification step and whether it is done. */
  public record Step(String messageKey, boolean done) {}

  private void blocks(RoutingContext ctx) {
    web.blocking(
            () -> {
              long top = queries.height();
              List<BlockRow> rows = new ArrayList<>();
              for (long h = top; h >= 1 && h > top - RECENT_BLOCKS; h--) {
                web.ledger().block(h).ifPresent(b -> rows.add(BlockRow.of(b)));
              }
              return Map.<String, Object>of("blocks", rows, "height", top);
            })
        .onSuccess(m -> web.render(ctx, "observer/blocks", m))
        .onFailure(ctx::fail);
  }

  private void block(RoutingContext ctx) {
    long h;
    try {
      h = Long.parseLong(ctx.pathParam("height"));
    } catch (NumberFormatException e) {
      h = -1;
    }
    long height = h;
    web.blocking(
            () -> {
              Optional<StoredBlock> b = height < 1 ? Optional.empty() : web.ledger().block(height);
              if (b.isEmpty()) {
                return null;
              }
              Block block = Block.decode(b.get().block());
              List<TxRow> txs = new ArrayList<>();
              for (byte[] raw : block.transactions()) {
                txs.add(TxRow.of(raw, queries));
              }
              Map<String, Object> m = new HashMap<>();
              m.put("block", BlockRow.of(b.get()));
              m.put("transactions", txs);
              m.put("certificate", b.get().commitCertificate().length);
              return m;
            })
        .onSuccess(
            m -> {
              if (m == null) {
                web.render(ctx, 404, "layout/refused", Map.of("reason", "refused.notFound"));
              } else {
                web.render(ctx, "observer/block", m);
              }
            })
        .onFailure(ctx::fail);
  }

  /** The genesis validators and their latest signatures and proposals (docs/web-ui.md §4.2). */
  private void validators(RoutingContext ctx) {
    web.blocking(
            () -> {
              Optional<Genesis> genesis = web.ledger().genesis();
              if (genesis.isEmpty()) {
                return Map.<String, Object>of("available", false);
              }
              long top = queries.height();
              Optional<CommitCertificate> latest = Optional.empty();
              List<BlockHeader> recent = new ArrayList<>();
              for (long h = top; h >= 1 && h > top - RECENT_BLOCKS; h--) {
                Optional<StoredBlock> b = web.ledger().block(h);
                if (b.isEmpty()) {
                  continue;
                }
                recent.add(Block.decode(b.get().block()).header());
                if (latest.isEmpty()) {
                  latest = Optional.of(certificate(b.get()));
                }
              }
              return Map.<String, Object>of(
                  "available",
                  true,
                  "view",
                  ValidatorsView.of(genesis.get(), top, latest, recent),
                  "recentBlocks",
                  RECENT_BLOCKS);
            })
        .onSuccess(m -> web.render(ctx, "observer/validators", m))
        .onFailure(ctx::fail);
  }

  private static CommitCertificate certificate(StoredBlock stored) {
    CanonicalReader r = new CanonicalReader(stored.commitCertificate());
    CommitCertificate c = CommitCertificate.readFrom(r);
    r.finish();
    return c;
  }

  private void devices(RoutingContext ctx) {
    String after = LedgerQueries.after(ctx.queryParams().get("after"));
    web.blocking(
            () -> {
              LedgerQueries.Page<io.votechain.contract.DeviceRecord> devices =
                  queries.devices(after);
              Map<String, Object> m = new HashMap<>();
              m.put("devices", devices.items());
              m.put("devicesAfter", after);
              m.put("devicesNext", devices.next().orElse(null));
              m.put("height", queries.height());
              return m;
            })
        .onSuccess(m -> web.render(ctx, "observer/devices", m))
        .onFailure(ctx::fail);
  }

  /** A block in the explorer's list. */
  public record BlockRow(
      long height, String hash, String stateHash, int transactions, String time) {
    static BlockRow of(StoredBlock b) {
      Block block = Block.decode(b.block());
      return new BlockRow(
          b.height(),
          b.hash().hex(),
          b.stateHash().hex(),
          block.transactionCount(),
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
              .withZone(java.time.ZoneOffset.UTC)
              .format(java.time.Instant.ofEpochMilli(block.header().timestamp())));
    }
  }

  /** A transaction in a block: id, kind, signer and its receipt's code. */
  public record TxRow(String id, String kind, String signer, String code) {
    static TxRow of(byte[] raw, LedgerQueries queries) {
      try {
        SignedTransaction tx = SignedTransaction.decode(raw);
        return new TxRow(
            tx.id().hex(),
            tx.kind().name(),
            io.votechain.tx.Keys.hex(tx.signer()),
            queries.receiptCode(tx.id()).orElse("UNKNOWN"));
      } catch (RuntimeException e) {
        return new TxRow("", "MALFORMED", "", "MALFORMED_TRANSACTION");
      }
    }
  }
}

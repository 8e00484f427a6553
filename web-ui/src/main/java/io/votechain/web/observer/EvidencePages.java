package io.votechain.web.observer;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.votechain.consensus.message.EquivocationEvidence;
import io.votechain.store.StoredEvidence;
import io.votechain.web.WebContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The observers' evidence page, {@code /observer/evidence} (docs/web-ui.md §4): every piece of
 * equivocation evidence the node holds — which validator signed two conflicting messages, for which
 * height, round and step — in plain words, with a link to the API answer that carries the signed
 * messages so that anyone can re-verify them from the genesis (docs/consensus.md §8). Read-only.
 */
public final class EvidencePages {
  public static final String PATH = "/observer/evidence";
  private final WebContext web;

  public EvidencePages(WebContext web) {
    this.web = web;
  }

  /** Adds the page to the observers' router (relative to {@code /observer}). */
  public void routes(Router router) {
    router.get("/evidence").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    web.blocking(() -> Map.<String, Object>of("evidence", rows(web.ledger().evidence())))
        .onSuccess(m -> web.render(ctx, "observer/evidence", m))
        .onFailure(ctx::fail);
  }

  /** The page's rows; the node stored only verified evidence, so each decodes. */
  static List<EvidenceRow> rows(List<StoredEvidence> held) {
    List<EvidenceRow> rows = new ArrayList<>();
    for (StoredEvidence s : held) {
      rows.add(EvidenceRow.of(s));
    }
    return rows;
  }

  /** One piece of evidence as the page shows it. */
  public record EvidenceRow(
      String hash, String kind, int offender, long height, int round, String step) {
    static EvidenceRow of(StoredEvidence stored) {
      EquivocationEvidence e = EquivocationEvidence.decode(stored.encoding());
      return new EvidenceRow(
          stored.hash().hex(),
          e instanceof EquivocationEvidence.DuplicateVote ? "DUPLICATE_VOTE" : "DUPLICATE_PROPOSAL",
          e.offender(),
          e.height(),
          e.round(),
          e.step());
    }
  }
}

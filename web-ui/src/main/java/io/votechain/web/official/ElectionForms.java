package io.votechain.web.official;

import io.vertx.ext.web.RoutingContext;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.web.LedgerQueries;
import io.votechain.web.WebContext;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The election pages of the console: the step-by-step definition (basics, then contests, then the
 * {@code CreateElection} proposal), an election's page (key ceremony, trustees, roll, tally) and
 * the M-of-N lifecycle proposals (open, close, certify).
 */
final class ElectionForms {
  static final String DRAFT = "official.draft";
  private final WebContext web;
  private final LedgerQueries queries;
  private final OfficialPages console;

  ElectionForms(WebContext web, LedgerQueries queries, OfficialPages console) {
    this.web = web;
    this.queries = queries;
    this.console = console;
  }

  private static ElectionDraft draft(RoutingContext ctx) {
    ElectionDraft d = ctx.session().get(DRAFT);
    return d == null ? ElectionDraft.empty() : d;
  }

  private static String form(RoutingContext ctx, String name) {
    String v = ctx.request().getFormAttribute(name);
    return v == null ? "" : v.strip();
  }

  void draftPage(RoutingContext ctx, Official official) {
    web.render(ctx, "official/election-new", OfficialPages.model(ctx, "draft", draft(ctx)));
  }

  void basics(RoutingContext ctx, Official official) {
    RevotePolicy policy;
    try {
      policy = RevotePolicy.valueOf(form(ctx, "policy"));
    } catch (IllegalArgumentException e) {
      policy = RevotePolicy.LAST_VOTE_COUNTS;
    }
    ctx.session()
        .put(
            DRAFT,
            draft(ctx)
                .withBasics(
                    form(ctx, "electionId"),
                    form(ctx, "nameEn"),
                    form(ctx, "nameZh"),
                    form(ctx, "start"),
                    form(ctx, "end"),
                    policy));
    WebContext.seeOther(ctx, "/official/elections/new");
  }

  /**
   * Adds a contest from the form: id, kind, limit, titles, and choices one per line as {@code
   * choiceId | English label | Chinese label}.
   */
  void addContest(RoutingContext ctx, Official official) {
    try {
      ContestKind kind = ContestKind.valueOf(form(ctx, "kind"));
      int limit = kind == ContestKind.K_OF_N ? Integer.parseInt(form(ctx, "limit")) : 1;
      List<Choice> choices = new ArrayList<>();
      for (String line : form(ctx, "choices").split("\r?\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\\|", -1);
        if (f.length != 3) {
          throw new IllegalArgumentException(line);
        }
        choices.add(
            new Choice(f[0].strip(), LocalizedText.of("en", f[1].strip(), "zh", f[2].strip())));
      }
      Contest c =
          new Contest(
              form(ctx, "contestId"),
              kind,
              limit,
              LocalizedText.of("en", form(ctx, "titleEn"), "zh", form(ctx, "titleZh")),
              choices);
      if (c.problem().isPresent()) {
        web.flash(ctx, "error", "draft.problem.contest", c.problem().get());
      } else {
        ctx.session().put(DRAFT, draft(ctx).withContest(c));
        web.flash(ctx, "ok", "draft.contestAdded", c.contestId());
      }
    } catch (RuntimeException e) {
      web.flash(ctx, "error", "draft.problem.contest", String.valueOf(e.getMessage()));
    }
    WebContext.seeOther(ctx, "/official/elections/new");
  }

  /**
   * Imports a NIST SP 1500-20 ballot definition (file field {@code ballotFile}) as the whole draft
   * (docs/nist-import.md): on success the draft is replaced, on refusal it is left as it was and
   * the page names the code and the JSON path of the problem.
   */
  void importNist(RoutingContext ctx, Official official) {
    String back = "/official/elections/new";
    if (ctx.fileUploads().isEmpty()) {
      web.flash(ctx, "error", "nist.noFile");
      WebContext.seeOther(ctx, back);
      return;
    }
    var upload = ctx.fileUploads().get(0);
    String electionId = form(ctx, "electionId");
    RevotePolicy policy = draft(ctx).policy();
    web.blocking(
            () -> {
              // The size is checked before the file is read, so a huge upload is never in memory.
              if (upload.size() > NistBallotImport.MAX_BYTES) {
                return new NistBallotImport.Outcome.Refused(
                    new NistBallotImport.Problem(
                        NistImportError.NIST_TOO_LARGE,
                        "$",
                        upload.size() + " bytes, at most " + NistBallotImport.MAX_BYTES));
              }
              byte[] bytes =
                  java.nio.file.Files.readAllBytes(
                      java.nio.file.Path.of(upload.uploadedFileName()));
              return NistBallotImport.read(bytes, electionId, policy);
            })
        .onSuccess(
            outcome -> {
              if (outcome instanceof NistBallotImport.Outcome.Imported imported) {
                ctx.session().put(DRAFT, imported.draft());
                web.flash(
                    ctx,
                    "ok",
                    "nist.imported",
                    imported.draft().contests().size(),
                    imported.draft().languages());
              } else {
                NistBallotImport.Problem p = ((NistBallotImport.Outcome.Refused) outcome).problem();
                web.flash(
                    ctx,
                    "error",
                    "nist.refused",
                    web.text(ctx, "nist.error." + p.code().name()),
                    p.code().name(),
                    p.path(),
                    p.detail());
              }
              WebContext.seeOther(ctx, back);
            })
        .onFailure(ctx::fail);
  }

  void discard(RoutingContext ctx, Official official) {
    ctx.session().remove(DRAFT);
    WebContext.seeOther(ctx, "/official/elections/new");
  }

  void propose(RoutingContext ctx, Official official) {
    ElectionDraft.Result r = draft(ctx).manifest();
    if (r.manifest() == null) {
      web.flash(ctx, "error", r.problemKey(), r.detail());
      WebContext.seeOther(ctx, "/official/elections/new");
      return;
    }
    ctx.session().remove(DRAFT);
    console.propose(
        ctx,
        official,
        new GovernedAction.CreateElection(r.manifest()),
        "action.createElection",
        "/official/");
  }

  void electionPage(RoutingContext ctx, Official official) {
    String id = ctx.pathParam("id");
    String after = LedgerQueries.after(ctx.queryParams().get("after"));
    web.blocking(
            () -> {
              var election = queries.election(id);
              if (election.isEmpty()) {
                return null;
              }
              var turnout = queries.turnout(id, after);
              return OfficialPages.model(
                  ctx,
                  "election",
                  election.get(),
                  "trustees",
                  queries.trustees(id).orElse(null),
                  "announcements",
                  queries.announcements(id),
                  "shares",
                  queries.sharesPublished(id),
                  "jointKey",
                  queries.hasJointKey(id),
                  "decryptions",
                  queries.decryptions(id),
                  "counted",
                  queries.counted(id),
                  "turnout",
                  turnout.items(),
                  "turnoutAfter",
                  after,
                  "turnoutNext",
                  turnout.next().orElse(null),
                  "job",
                  console.job(id).orElse(null),
                  "demo",
                  console.demoModel(id),
                  "proposals",
                  queries.proposals().stream()
                      .filter(p -> !p.executed() && p.subject().equals(id))
                      .toList());
            })
        .onSuccess(
            m -> {
              if (m == null) {
                web.render(ctx, 404, "layout/refused", Map.of("reason", "refused.notFound"));
              } else {
                web.render(ctx, "official/election", m);
              }
            })
        .onFailure(ctx::fail);
  }

  /** Proposes {@code RegisterTrustees}: one 64-hex Ed25519 key per line and the threshold k. */
  void trustees(RoutingContext ctx, Official official) {
    String id = ctx.pathParam("id");
    String back = "/official/elections/" + id;
    try {
      List<Ed25519PublicKey> keys = new ArrayList<>();
      for (String line : form(ctx, "keys").split("\r?\n")) {
        if (!line.isBlank()) {
          keys.add(Ed25519PublicKey.decode(HexFormat.of().parseHex(line.strip())));
        }
      }
      int k = Integer.parseInt(form(ctx, "threshold"));
      console.propose(
          ctx,
          official,
          new GovernedAction.RegisterTrustees(id, keys, k),
          "action.registerTrustees",
          back);
    } catch (RuntimeException e) {
      web.flash(ctx, "error", "trustees.invalid");
      WebContext.seeOther(ctx, back);
    }
  }

  /** Proposes opening, closing or certifying (field {@code step}). */
  void lifecycle(RoutingContext ctx, Official official) {
    String id = ctx.pathParam("id");
    if (!LedgerQueries.isIdentifier(id)) {
      web.render(
          ctx, 404, "layout/refused", OfficialPages.model(ctx, "reason", "refused.notFound"));
      return;
    }
    String back = "/official/elections/" + id;
    switch (form(ctx, "step")) {
      case "open" ->
          console.propose(ctx, official, new GovernedAction.OpenElection(id), "action.open", back);
      case "close" ->
          console.propose(
              ctx, official, new GovernedAction.CloseElection(id), "action.close", back);
      case "certify" ->
          console.propose(
              ctx, official, new GovernedAction.CertifyElection(id), "action.certify", back);
      default -> {
        web.flash(ctx, "error", "error.INVALID_ARGUMENT");
        WebContext.seeOther(ctx, back);
      }
    }
  }
}

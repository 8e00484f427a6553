package io.votechain.web.official;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.Approve;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.Transaction;
import io.votechain.web.LedgerQueries;
import io.votechain.web.PageGroup;
import io.votechain.web.WebContext;
import io.votechain.web.voter.CredentialCode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The officials' console under {@code /official} (docs/web-ui.md §3): sign-in, the list of
 * elections and pending M-of-N proposals, the election pages ({@link ElectionForms}), the voter
 * roll and the devices. Every action is a transaction signed with the signed-in official's key and
 * submitted through {@link Submissions}; its outcome is shown in plain words on the next page.
 */
public final class OfficialPages implements PageGroup {
  private static final Logger LOG = Logger.getLogger(OfficialPages.class.getName());
  static final String SESSION_OFFICIAL = "official";

  /** Proposals live this many blocks (the chain's maximum lifetime may be larger). */
  static final long PROPOSAL_LIFETIME_BLOCKS = 10_000;

  private OfficialAccounts accounts;
  private Submissions submissions;
  private LedgerQueries queries;
  private WebContext web;
  private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, String> demoStatus = new ConcurrentHashMap<>();
  private DemoTrustees demo;

  @Override
  public String prefix() {
    return "/official";
  }

  @Override
  public List<NavLink> navigation() {
    return List.of(new NavLink("nav.official", "/official/"));
  }

  @Override
  public void routes(Router router, WebContext web) {
    this.web = web;
    this.accounts = loadAccounts(web);
    this.submissions = new Submissions(web);
    this.queries = new LedgerQueries(web.ledger());
    OfficialSessionFields.register(web, ElectionForms.DRAFT, accounts);
    router.get("/sign-in").handler(ctx -> signInPage(ctx, 200, null));
    router.post("/sign-in").handler(this::signIn);
    router.post("/sign-out").handler(this::signOut);
    router.get("/").handler(signedIn(null, this::home));
    router.post("/proposals/:id/approve").handler(signedIn(null, this::approve));
    this.demo = new DemoTrustees(web, submissions, queries);
    ElectionForms elections = new ElectionForms(web, queries, this);
    router.get("/elections/new").handler(signedIn(Role.ELECTION_OFFICER, elections::draftPage));
    router
        .post("/elections/new/basics")
        .handler(signedIn(Role.ELECTION_OFFICER, elections::basics));
    router
        .post("/elections/new/contest")
        .handler(signedIn(Role.ELECTION_OFFICER, elections::addContest));
    router
        .post("/elections/new/import")
        .handler(signedIn(Role.ELECTION_OFFICER, elections::importNist));
    router
        .post("/elections/new/discard")
        .handler(signedIn(Role.ELECTION_OFFICER, elections::discard));
    router
        .post("/elections/new/propose")
        .handler(signedIn(Role.ELECTION_OFFICER, elections::propose));
    router.get("/elections/:id").handler(signedIn(null, elections::electionPage));
    router
        .post("/elections/:id/trustees")
        .handler(signedIn(Role.ELECTION_OFFICER, elections::trustees));
    router
        .post("/elections/:id/lifecycle")
        .handler(signedIn(Role.ELECTION_OFFICER, elections::lifecycle));
    router
        .post("/elections/:id/demo-trustees")
        .handler(signedIn(Role.ELECTION_OFFICER, this::demoTrustees));
    router
        .post("/elections/:id/demo-ceremony")
        .handler(signedIn(Role.ELECTION_OFFICER, this::demoCeremony));
    router
        .post("/elections/:id/demo-decrypt")
        .handler(signedIn(Role.ELECTION_OFFICER, this::demoDecrypt));
    router.post("/elections/:id/roll").handler(signedIn(Role.REGISTRAR, this::uploadRoll));
    router
        .post("/elections/:id/credentials")
        .handler(signedIn(Role.REGISTRAR, this::issueCredentials));
    GovernanceForms governance = new GovernanceForms(web, this);
    router.get("/authority").handler(signedIn(null, governance::page));
    router.post("/authority").handler(signedIn(Role.AUTHORITY_ADMIN, governance::proposeAuthority));
    router
        .post("/elections/:id/restart-ceremony")
        .handler(signedIn(Role.ELECTION_OFFICER, governance::restartCeremony));
    DeviceForms devices = new DeviceForms(web, queries, this);
    router.get("/devices").handler(signedIn(null, devices::page));
    router.post("/devices").handler(signedIn(Role.DEVICE_MANAGER, devices::provision));
    router.post("/devices/:id/assign").handler(signedIn(Role.DEVICE_MANAGER, devices::assign));
    router.post("/devices/:id/suspend").handler(signedIn(Role.DEVICE_MANAGER, devices::suspend));
    router
        .post("/devices/:id/reinstate")
        .handler(signedIn(Role.DEVICE_MANAGER, devices::reinstate));
    router.post("/devices/:id/revoke").handler(signedIn(Role.DEVICE_MANAGER, devices::revoke));
  }

  private static OfficialAccounts loadAccounts(WebContext web) {
    String file = web.config().getString("officials");
    if (file == null) {
      return new OfficialAccounts(List.of(), Clock.systemUTC());
    }
    try {
      return OfficialAccounts.read(Path.of(file), Clock.systemUTC());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the officials' accounts " + file, e);
    }
  }

  /** The signed-in official, if any. */
  static Optional<Official> official(RoutingContext ctx) {
    return Optional.ofNullable(ctx.session() == null ? null : ctx.session().get(SESSION_OFFICIAL));
  }

  /**
   * Wraps {@code handler}: without a signed-in official, the sign-in page (401); without {@code
   * role} (when not null), a refusal (403).
   */
  private io.vertx.core.Handler<RoutingContext> signedIn(
      Role role, BiConsumer<RoutingContext, Official> handler) {
    return ctx -> {
      Optional<Official> o = official(ctx);
      if (o.isEmpty()) {
        signInPage(ctx, 401, "refused.signIn");
      } else if (role != null && !o.get().has(role)) {
        web.render(ctx, 403, "layout/refused", model(ctx, "reason", "refused.role"));
      } else {
        handler.accept(ctx, o.get());
      }
    };
  }

  /** The model every console page starts from: the signed-in user. */
  static Map<String, Object> model(RoutingContext ctx, Object... pairs) {
    Map<String, Object> m = new HashMap<>();
    official(ctx).ifPresent(o -> m.put("user", o));
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private void signInPage(RoutingContext ctx, int status, String problem) {
    Map<String, Object> m = model(ctx);
    if (problem != null) {
      m.put("problem", problem);
    }
    web.render(ctx, status, "official/sign-in", m);
  }

  private void signIn(RoutingContext ctx) {
    String name = ctx.request().getFormAttribute("name");
    String password = ctx.request().getFormAttribute("password");
    if (name == null || password == null || name.isBlank() || password.isEmpty()) {
      signInPage(ctx, 400, "signIn.missing");
      return;
    }
    char[] pw = password.toCharArray();
    web.blocking(() -> accounts.signIn(name.strip(), pw))
        .onComplete(x -> java.util.Arrays.fill(pw, '\0'))
        .onSuccess(
            result -> {
              if (result instanceof OfficialAccounts.SignIn.Success s) {
                // A new session id (and, with sessions on disk, a new record key) at the
                // privilege change defeats session fixation.
                ctx.session().regenerateId();
                ctx.session().remove("csrf");
                ctx.session().put(SESSION_OFFICIAL, s.official());
                WebContext.seeOther(ctx, "/official/");
              } else if (result instanceof OfficialAccounts.SignIn.Locked) {
                signInPage(ctx, 429, "signIn.locked");
              } else {
                signInPage(ctx, 401, "signIn.failed");
              }
            })
        .onFailure(ctx::fail);
  }

  private void signOut(RoutingContext ctx) {
    ctx.session().destroy();
    WebContext.seeOther(ctx, "/official/sign-in");
  }

  private void home(RoutingContext ctx, Official official) {
    web.blocking(
            () ->
                model(
                    ctx,
                    "elections",
                    queries.elections(),
                    "proposals",
                    queries.proposals().stream()
                        .filter(p -> !p.executed() && p.expiresAtHeight() >= queries.height())
                        .toList(),
                    "height",
                    queries.height(),
                    "me",
                    official.publicKeyHex()))
        .onSuccess(m -> web.render(ctx, "official/home", m))
        .onFailure(ctx::fail);
  }

  private void approve(RoutingContext ctx, Official official) {
    Hash32 id;
    try {
      id = Hash32.fromHex(ctx.pathParam("id"));
    } catch (RuntimeException e) {
      web.flash(ctx, "error", "error.INVALID_ARGUMENT");
      WebContext.seeOther(ctx, "/official/");
      return;
    }
    web.blocking(() -> queries.proposals().stream().filter(p -> p.id().equals(id)).findFirst())
        .onSuccess(
            p -> {
              Role needed = p.map(x -> approverRole(x.action())).orElse(Role.ELECTION_OFFICER);
              if (!official.has(needed)) {
                web.render(ctx, 403, "layout/refused", model(ctx, "reason", "refused.role"));
                return;
              }
              submitAndReport(ctx, official, new Approve(id), "action.approve", "/official/");
            })
        .onFailure(ctx::fail);
  }

  /**
   * The role that may approve {@code action} (least privilege): revoking a device is the device
   * manager's decision, changing the authority the authority administrator's, everything else the
   * election officer's.
   */
  static Role approverRole(GovernedAction action) {
    if (action instanceof GovernedAction.RevokeDevice) {
      return Role.DEVICE_MANAGER;
    }
    if (action instanceof GovernedAction.ChangeAuthority) {
      return Role.AUTHORITY_ADMIN;
    }
    return Role.ELECTION_OFFICER;
  }

  /**
   * Submits {@code body} as {@code official}, flashes the outcome in plain words, and redirects to
   * {@code back}.
   */
  void submitAndReport(
      RoutingContext ctx, Official official, Transaction body, String actionKey, String back) {
    submissions
        .submit(official, body)
        .onSuccess(
            outcome -> {
              String action = web.text(ctx, actionKey);
              if (outcome.ok()) {
                web.flash(ctx, "ok", "outcome.committed", action, outcome.height());
              } else if (outcome.code().equals("PENDING")) {
                web.flash(ctx, "ok", "outcome.pending", action, outcome.txId().hex());
              } else {
                web.flash(
                    ctx,
                    "error",
                    "outcome.refused",
                    action,
                    web.text(ctx, "error." + outcome.code()),
                    outcome.code());
              }
              WebContext.seeOther(ctx, back);
            })
        .onFailure(ctx::fail);
  }

  /** Proposes a governed action (expiring {@link #PROPOSAL_LIFETIME_BLOCKS} from now). */
  void propose(
      RoutingContext ctx, Official official, GovernedAction action, String actionKey, String back) {
    submitAndReport(
        ctx,
        official,
        new Propose(action, web.ledger().height() + PROPOSAL_LIFETIME_BLOCKS),
        actionKey,
        back);
  }

  Optional<ImportJob> job(String electionId) {
    return Optional.ofNullable(jobs.get(electionId));
  }

  private void uploadRoll(RoutingContext ctx, Official official) {
    String electionId = ctx.pathParam("id");
    String back = "/official/elections/" + electionId;
    if (!LedgerQueries.isIdentifier(electionId)) {
      web.render(ctx, 404, "layout/refused", model(ctx, "reason", "refused.notFound"));
      return;
    }
    String upload =
        ctx.fileUploads().isEmpty() ? null : ctx.fileUploads().get(0).uploadedFileName();
    String field = ctx.request().getFormAttribute("csv");
    if (jobs.containsKey(electionId) && !jobs.get(electionId).done()) {
      web.flash(ctx, "error", "roll.busy");
      WebContext.seeOther(ctx, back);
      return;
    }
    web.blocking(
            () -> {
              String csv =
                  upload != null
                      ? java.nio.file.Files.readString(
                          java.nio.file.Path.of(upload), java.nio.charset.StandardCharsets.UTF_8)
                      : field == null ? "" : field;
              return RollCsv.parse(
                  csv, key -> web.ledger().state(StateKeys.rollEntry(electionId, key)).isPresent());
            })
        .onSuccess(
            parsed -> {
              if (!parsed.ok()) {
                web.render(
                    ctx,
                    422,
                    "official/roll-problems",
                    model(
                        ctx,
                        "electionId",
                        electionId,
                        "problems",
                        parsed.problems().stream().limit(RollCsv.MAX_REPORTED).toList(),
                        "more",
                        Math.max(0, parsed.problems().size() - RollCsv.MAX_REPORTED)));
                return;
              }
              startImport(official, electionId, parsed.byStation(), parsed.count());
              web.flash(ctx, "ok", "roll.started", parsed.count());
              WebContext.seeOther(ctx, back);
            })
        .onFailure(ctx::fail);
  }

  /** Submits the credentials station by station in chunks of ≤ 1000, one after the other. */
  ImportJob startImport(
      Official official,
      String electionId,
      Map<String, List<Ed25519PublicKey>> byStation,
      int count) {
    List<AddCredentials> chunks = new ArrayList<>();
    byStation.forEach(
        (station, keys) -> {
          for (int i = 0; i < keys.size(); i += AddCredentials.MAX_CREDENTIALS) {
            chunks.add(
                new AddCredentials(
                    electionId,
                    station,
                    keys.subList(i, Math.min(keys.size(), i + AddCredentials.MAX_CREDENTIALS))));
          }
        });
    ImportJob job = new ImportJob(electionId, electionId, chunks.size(), count);
    jobs.put(electionId, job);
    Future<Void> chain = Future.succeededFuture();
    for (AddCredentials chunk : chunks) {
      chain =
          chain.compose(
              v ->
                  submissions
                      .submit(official, chunk)
                      .compose(
                          o -> {
                            if (!o.ok()) {
                              job.failed(o.code());
                              return Future.failedFuture(o.code());
                            }
                            job.chunkCommitted(chunk.credentials().size());
                            return Future.succeededFuture();
                          }));
    }
    // A refusal has set its code already (the first code stays); anything else — the node did not
    // answer, an exception — has no code of its own, and its message is not a key the page can
    // show.
    chain.onFailure(
        e -> {
          job.failed("INTERNAL");
          LOG.log(Level.WARNING, "voter roll import for " + electionId + " stopped", e);
        });
    return job;
  }

  /**
   * Generates {@code count} voter credentials for a station: the private codes are shown once, on
   * this response only, and only the public keys go to the ledger (docs/web-ui.md §3.3).
   */
  private void issueCredentials(RoutingContext ctx, Official official) {
    String electionId = ctx.pathParam("id");
    String station = ctx.request().getFormAttribute("station");
    int count;
    try {
      count = Integer.parseInt(ctx.request().getFormAttribute("count").strip());
    } catch (RuntimeException e) {
      count = -1;
    }
    if (!LedgerQueries.isIdentifier(electionId)) {
      web.render(ctx, 404, "layout/refused", model(ctx, "reason", "refused.notFound"));
      return;
    }
    if (count < 1 || count > 1000 || !LedgerQueries.isIdentifier(station)) {
      web.flash(ctx, "error", "credentials.invalid");
      WebContext.seeOther(ctx, "/official/elections/" + electionId);
      return;
    }
    List<String> codes = new ArrayList<>();
    List<Ed25519PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Ed25519Signer credential = Ed25519Signer.generate(web.random());
      codes.add(CredentialCode.of(credential));
      keys.add(credential.publicKey());
    }
    ImportJob job = startImport(official, electionId, Map.of(station, keys), count);
    web.render(
        ctx,
        "official/credentials",
        model(ctx, "electionId", electionId, "station", station, "codes", codes, "job", job));
  }

  /** What the election page shows of the demo trustees: enabled, holds keys, last run's status. */
  Map<String, Object> demoModel(String electionId) {
    return Map.of(
        "enabled", demo.enabled(),
        "holds", demo.holds(electionId),
        "status", demoStatus.getOrDefault(electionId, ""));
  }

  private boolean demoRefused(RoutingContext ctx) {
    if (!demo.enabled()) {
      web.render(ctx, 404, "layout/refused", model(ctx, "reason", "refused.notFound"));
      return true;
    }
    return false;
  }

  /** Demo: the server creates n trustee keys and proposes them with threshold k. */
  private void demoTrustees(RoutingContext ctx, Official official) {
    if (demoRefused(ctx)) {
      return;
    }
    String id = ctx.pathParam("id");
    String back = "/official/elections/" + id;
    int n;
    int k;
    try {
      n = Integer.parseInt(ctx.request().getFormAttribute("n").strip());
      k = Integer.parseInt(ctx.request().getFormAttribute("k").strip());
    } catch (RuntimeException e) {
      n = -1;
      k = -1;
    }
    if (n < 1 || n > GovernedAction.RegisterTrustees.MAX_TRUSTEES || k < 1 || k > n) {
      web.flash(ctx, "error", "trustees.invalid");
      WebContext.seeOther(ctx, back);
      return;
    }
    propose(
        ctx,
        official,
        new GovernedAction.RegisterTrustees(id, demo.create(id, n), k),
        "action.registerTrustees",
        back);
  }

  private void demoCeremony(RoutingContext ctx, Official official) {
    runDemo(ctx, "demo.ceremony", demo::runCeremony);
  }

  private void demoDecrypt(RoutingContext ctx, Official official) {
    runDemo(ctx, "demo.decrypt", demo::decrypt);
  }

  /** Starts a demo-trustee run in the background; its progress shows on the election page. */
  private void runDemo(
      RoutingContext ctx, String what, java.util.function.Function<String, Future<Void>> run) {
    if (demoRefused(ctx)) {
      return;
    }
    String id = ctx.pathParam("id");
    if (!LedgerQueries.isIdentifier(id)) {
      web.render(ctx, 404, "layout/refused", model(ctx, "reason", "refused.notFound"));
      return;
    }
    demoStatus.put(id, web.text(ctx, what) + ": " + web.text(ctx, "demo.running"));
    String label = web.text(ctx, what);
    String done = web.text(ctx, "demo.done");
    java.util.Locale locale = WebContext.locale(ctx);
    run.apply(id)
        .onSuccess(v -> demoStatus.put(id, label + ": " + done))
        .onFailure(
            e -> {
              String code = e.getMessage() == null ? "INTERNAL" : e.getMessage();
              demoStatus.put(
                  id,
                  label
                      + ": "
                      + web.messages()
                          .get(
                              locale,
                              "demo.failed",
                              web.messages().get(locale, "error." + code),
                              code));
            });
    web.flash(ctx, "ok", "demo.started", label);
    WebContext.seeOther(ctx, "/official/elections/" + id);
  }

  /** The console's transaction submitter (tests use it directly). */
  public Submissions submissions() {
    return submissions;
  }

  static Set<Role> roles(RoutingContext ctx) {
    return official(ctx).map(Official::roles).orElse(Set.of());
  }
}

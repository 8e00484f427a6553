package io.votechain.agent.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.votechain.agent.AgentStatus;
import io.votechain.agent.DeviceAgent;
import io.votechain.device.ElectionConfig;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The kiosk's screens as server-rendered HTML on 127.0.0.1 (docs/device-agent.md §6; why a local
 * web page: device-agent/README.md). Two screens: {@code /poll-worker} (status, check-in, end of
 * visit) and {@code /voter} (ballot, tracking code, cast or challenge, receipt). Plain HTML forms,
 * no script: every control is a native, labelled form element reachable with Tab and operated with
 * Enter/Space, so keyboard-only voting works in any kiosk browser. {@code ?lang=} picks any
 * language of the manifest, {@code ?large=1} the large-text mode.
 *
 * <p>Handlers run as ordered blocking handlers: one request at a time, so the single {@link
 * KioskSession} needs no locking, and encryption (a few milliseconds) never blocks an event loop.
 */
public final class KioskServer {
  private final DeviceAgent agent;
  private final KioskSession session;
  private final Vertx vertx;
  private HttpServer server;
  private CompletableFuture<VoterReceipt> pendingReceipt;
  private String lastError = "";
  private String lastCheckIn = "";

  public KioskServer(Vertx vertx, DeviceAgent agent, SecureRandom random) {
    this.vertx = vertx;
    this.agent = agent;
    this.session = new KioskSession(agent, random);
  }

  /** Listens on 127.0.0.1:{@code port} (0 = any free port); the future gives the port. */
  public Future<Integer> start(int port) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(16 * 1024));
    router.get("/").handler(rc -> redirect(rc, "/voter"));
    router.get("/poll-worker").blockingHandler(this::pollWorker);
    router.post("/poll-worker/check-in").blockingHandler(this::checkIn);
    router.post("/poll-worker/reset").blockingHandler(this::resetVisit);
    router.get("/voter").blockingHandler(this::voter);
    router.post("/voter/mark").blockingHandler(this::mark);
    router.post("/voter/cast").blockingHandler(this::cast);
    router.post("/voter/challenge").blockingHandler(this::challenge);
    router.get("/voter/receipt.txt").blockingHandler(this::receiptText);
    router.get("/voter/receipt.pdf").blockingHandler(this::receiptPdf);
    router.get("/status").blockingHandler(this::statusJson);
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(port, "127.0.0.1").map(HttpServer::actualPort);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public KioskSession session() {
    return session;
  }

  // ---- poll worker ----

  private void pollWorker(RoutingContext rc) {
    View v = view(rc);
    AgentStatus s = agent.status();
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(v.t("Poll worker", "投票站工作人员")).append("</h1>");
    body.append("<section aria-labelledby='status-h'><h2 id='status-h'>")
        .append(v.t("Device status", "设备状态"))
        .append("</h2><dl>");
    item(body, v.t("Device", "设备"), agent.deviceId() + " (" + s.deviceStatus() + ")");
    item(body, v.t("Connected node", "已连接节点"), s.endpoint().orElse(v.t("offline", "离线")));
    item(
        body,
        v.t("Attestation", "设备证明"),
        s.attestation() + (s.attestedHeight() >= 0 ? " @ " + s.attestedHeight() : ""));
    item(body, v.t("Chain height", "区块高度"), Long.toString(s.chainHeight()));
    item(body, v.t("Queue length", "待发送"), Integer.toString(s.queueLength()));
    item(
        body,
        v.t("Last receipt", "最近回执"),
        s.lastSettlement()
            .map(r -> r.codeName() + " @ " + r.height() + " " + r.txId().hex().substring(0, 12))
            .orElse("-"));
    item(body, v.t("Restarts", "重启次数"), Long.toString(s.bootCount()));
    body.append("</dl></section>");
    if (!lastError.isEmpty()) {
      body.append("<p role='alert' class='error'>").append(esc(lastError)).append("</p>");
    }
    if (!lastCheckIn.isEmpty()) {
      body.append("<p role='status'>").append(esc(lastCheckIn)).append("</p>");
    }
    body.append("<section aria-labelledby='ci-h'><h2 id='ci-h'>")
        .append(v.t("Check a voter in", "选民签到"))
        .append("</h2><form method='post' action='/poll-worker/check-in")
        .append(v.query())
        .append("'><label for='election'>")
        .append(v.t("Election", "选举"))
        .append("</label><select id='election' name='election'>");
    for (String id : agent.elections().keySet()) {
      body.append("<option value='")
          .append(esc(id))
          .append("'>")
          .append(esc(id))
          .append("</option>");
    }
    body.append("</select><label for='credential'>")
        .append(v.t("Voter credential (hex)", "选民凭证（十六进制）"))
        .append("</label><input id='credential' name='credential' autocomplete='off' required>")
        .append("<button type='submit'>")
        .append(v.t("Check in", "签到"))
        .append("</button></form>")
        .append("<form method='post' action='/poll-worker/reset")
        .append(v.query())
        .append("'><button type='submit'>")
        .append(v.t("End visit", "结束本次投票"))
        .append("</button></form></section>");
    html(rc, v, v.t("Poll worker", "投票站工作人员"), body.toString());
  }

  private void checkIn(RoutingContext rc) {
    View v = view(rc);
    try {
      String election = rc.request().getFormAttribute("election");
      session.checkIn(election, rc.request().getFormAttribute("credential"));
      lastError = "";
      lastCheckIn = v.t("Voter checked in; the voter may go to the kiosk.", "选民已签到。");
    } catch (IllegalArgumentException | IllegalStateException e) {
      lastError = e.getMessage();
      lastCheckIn = "";
    }
    redirect(rc, "/poll-worker" + v.query());
  }

  private void resetVisit(RoutingContext rc) {
    session.reset();
    pendingReceipt = null;
    lastCheckIn = "";
    redirect(rc, "/poll-worker" + view(rc).query());
  }

  // ---- voter ----

  private void voter(RoutingContext rc) {
    View v = view(rc);
    StringBuilder body = new StringBuilder();
    switch (session.stage()) {
      case WAITING_FOR_CHECK_IN ->
          body.append("<h1>")
              .append(v.t("Please ask a poll worker to check you in.", "请先由工作人员为您签到。"))
              .append("</h1>");
      case MARKING -> ballotForm(body, v);
      case REVIEW -> review(body, v);
      case CAST -> receipt(body, v, rc);
    }
    if (!lastError.isEmpty()) {
      body.append("<p role='alert' class='error'>").append(esc(lastError)).append("</p>");
    }
    html(rc, v, v.t("Ballot", "选票"), body.toString());
  }

  private void ballotForm(StringBuilder body, View v) {
    ElectionManifest m = manifest();
    body.append("<h1>").append(esc(v.label(m.name()))).append("</h1>");
    body.append("<p>").append(v.languageLinks(m.name())).append("</p>");
    body.append("<form method='post' action='/voter/mark").append(v.query()).append("'>");
    for (int i = 0; i < m.contests().size(); i++) {
      Contest c = m.contests().get(i);
      String type = c.kind() == ContestKind.K_OF_N ? "checkbox" : "radio";
      body.append("<fieldset><legend>").append(esc(v.label(c.title()))).append(" — ");
      body.append(
          c.kind() == ContestKind.K_OF_N
              ? v.t("choose up to " + c.selectionLimit(), "最多选择 " + c.selectionLimit() + " 项")
              : v.t("choose one", "选择一项"));
      body.append("</legend>");
      for (int j = 0; j < c.choices().size(); j++) {
        String id = "c" + i + "-" + j;
        body.append("<div><input type='")
            .append(type)
            .append("' id='")
            .append(id)
            .append("' name='contest-")
            .append(i)
            .append("' value='")
            .append(j)
            .append("'><label for='")
            .append(id)
            .append("'>")
            .append(esc(v.label(c.choices().get(j).label())))
            .append("</label></div>");
      }
      body.append("</fieldset>");
    }
    body.append("<button type='submit'>")
        .append(v.t("Review my ballot", "检查我的选票"))
        .append("</button></form>");
  }

  private void review(StringBuilder body, View v) {
    body.append("<h1>").append(v.t("Your tracking code", "您的追踪码")).append("</h1>");
    body.append("<p class='code' aria-label='")
        .append(v.t("tracking code", "追踪码"))
        .append("'>")
        .append(esc(trackingCode))
        .append("</p><p>")
        .append(
            v.t(
                "Cast the ballot, or challenge it to check that the device encrypted your"
                    + " choices (a challenged ballot is published and not counted; you then vote"
                    + " again).",
                "请投出选票，或质询以核对设备是否正确加密了您的选择（被质询的选票会公开且不计入，您随后重新投票）。"))
        .append("</p><form method='post' action='/voter/cast")
        .append(v.query())
        .append("'><button type='submit'>")
        .append(v.t("Cast ballot", "投出选票"))
        .append("</button></form><form method='post' action='/voter/challenge")
        .append(v.query())
        .append("'><button type='submit'>")
        .append(v.t("Challenge ballot", "质询选票"))
        .append("</button></form>");
  }

  private void receipt(StringBuilder body, View v, RoutingContext rc) {
    VoterReceipt r = currentReceipt();
    body.append("<h1>")
        .append(v.t("Thank you — your ballot is cast", "谢谢，您的选票已投出"))
        .append("</h1>");
    body.append("<pre aria-label='").append(v.t("receipt", "回执")).append("'>");
    body.append(esc(r.printable())).append("</pre>");
    body.append("<p><a href='/voter/receipt.txt'>")
        .append(v.t("Print receipt", "打印回执"))
        .append("</a> <a href='/voter/receipt.pdf'>")
        .append(v.t("Receipt as PDF", "PDF 格式回执"))
        .append("</a></p>");
    if (r.blockHeight() == 0) {
      rc.response().putHeader("Refresh", "2");
    }
  }

  private String trackingCode = "";

  private void mark(RoutingContext rc) {
    View v = view(rc);
    try {
      ElectionManifest m = manifest();
      List<List<Integer>> chosen = new ArrayList<>();
      for (int i = 0; i < m.contests().size(); i++) {
        List<Integer> picks = new ArrayList<>();
        for (String s : rc.request().formAttributes().getAll("contest-" + i)) {
          picks.add(Integer.parseInt(s));
        }
        chosen.add(picks);
      }
      trackingCode = session.mark(chosen);
      lastError = "";
    } catch (IllegalArgumentException | IllegalStateException e) {
      lastError = v.t("Please check your choices: ", "请检查您的选择：") + e.getMessage();
    }
    redirect(rc, "/voter" + v.query());
  }

  private void cast(RoutingContext rc) {
    try {
      pendingReceipt = session.cast();
      lastError = "";
    } catch (IllegalStateException e) {
      lastError = e.getMessage();
    }
    redirect(rc, "/voter" + view(rc).query());
  }

  private void challenge(RoutingContext rc) {
    try {
      session.challenge();
      lastError = "";
    } catch (IllegalStateException e) {
      lastError = e.getMessage();
    }
    redirect(rc, "/voter" + view(rc).query());
  }

  private void receiptText(RoutingContext rc) {
    if (session.stage() != KioskSession.Stage.CAST) {
      rc.response().setStatusCode(404).end("no receipt\n");
      return;
    }
    rc.response()
        .putHeader("Content-Type", "text/plain; charset=US-ASCII")
        .end(currentReceipt().printable());
  }

  private void receiptPdf(RoutingContext rc) {
    if (session.stage() != KioskSession.Stage.CAST) {
      rc.response().setStatusCode(404).end("no receipt\n");
      return;
    }
    rc.response()
        .putHeader("Content-Type", "application/pdf")
        .putHeader("Content-Disposition", "inline; filename=\"receipt.pdf\"")
        .end(io.vertx.core.buffer.Buffer.buffer(currentReceipt().pdf()));
  }

  private void statusJson(RoutingContext rc) {
    AgentStatus s = agent.status();
    JsonObject json =
        new JsonObject()
            .put("deviceId", agent.deviceId())
            .put("endpoint", s.endpoint().orElse(null))
            .put("attestation", s.attestation())
            .put("attestedHeight", s.attestedHeight())
            .put("chainHeight", s.chainHeight())
            .put("queueLength", s.queueLength())
            .put("bootCount", s.bootCount())
            .put("deviceStatus", s.deviceStatus())
            .put("stage", session.stage().name())
            .put("challenges", session.challenges())
            .put("error", lastError)
            .put(
                "elections",
                new io.vertx.core.json.JsonArray(List.copyOf(agent.elections().keySet())));
    s.lastSettlement()
        .ifPresent(
            r ->
                json.put(
                    "lastReceipt",
                    new JsonObject()
                        .put("txId", r.txId().hex())
                        .put("height", r.height())
                        .put("code", r.codeName())));
    if (session.stage() == KioskSession.Stage.CAST) {
      VoterReceipt r = currentReceipt();
      json.put(
          "receipt",
          new JsonObject()
              .put("trackingCode", r.trackingCode())
              .put("ballotHash", r.ballotHash().hex())
              .put("height", r.blockHeight()));
    }
    if (session.stage() == KioskSession.Stage.REVIEW) {
      json.put("trackingCode", trackingCode);
    }
    rc.response().putHeader("Content-Type", "application/json").end(json.encodePrettily());
  }

  private VoterReceipt currentReceipt() {
    if (pendingReceipt != null
        && pendingReceipt.isDone()
        && !pendingReceipt.isCompletedExceptionally()) {
      return pendingReceipt.join();
    }
    if (pendingReceipt != null && pendingReceipt.isCompletedExceptionally()) {
      pendingReceipt.exceptionally(
          e -> {
            lastError = String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
            return null;
          });
    }
    return session.provisionalReceipt();
  }

  private ElectionManifest manifest() {
    String id = session.electionId().orElseThrow(() -> new IllegalStateException("no election"));
    ElectionConfig c = agent.elections().get(id);
    if (c == null) {
      throw new IllegalStateException("election " + id + " is not available");
    }
    return c.manifest();
  }

  // ---- rendering ----

  /** The language and text size a screen is shown in. */
  private record View(String lang, boolean large) {
    String t(String english, String chinese) {
      return lang.startsWith("zh") ? chinese : english;
    }

    String label(LocalizedText text) {
      Map<String, String> labels = text.labels();
      String exact = labels.get(lang);
      return exact != null ? exact : labels.values().iterator().next();
    }

    String query() {
      return "?lang=" + lang + (large ? "&large=1" : "");
    }

    String languageLinks(LocalizedText text) {
      StringBuilder out = new StringBuilder("<nav aria-label='language'>");
      for (String tag : text.labels().keySet()) {
        out.append("<a lang='")
            .append(esc(tag))
            .append("' href='?lang=")
            .append(esc(tag))
            .append(large ? "&large=1" : "")
            .append("'>")
            .append(esc(text.labels().get(tag)))
            .append("</a> ");
      }
      out.append("<a href='?lang=")
          .append(esc(lang))
          .append(large ? "" : "&large=1")
          .append("'>")
          .append(large ? t("Normal text", "标准字体") : t("Large text", "大字体"))
          .append("</a></nav>");
      return out.toString();
    }
  }

  private static View view(RoutingContext rc) {
    String lang = Optional.ofNullable(rc.request().getParam("lang")).orElse("en");
    if (!lang.matches("[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}")) {
      lang = "en";
    }
    return new View(lang, "1".equals(rc.request().getParam("large")));
  }

  private static void item(StringBuilder body, String term, String value) {
    body.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
  }

  private static void html(RoutingContext rc, View v, String title, String body) {
    String css =
        "body{font-family:sans-serif;font-size:"
            + (v.large() ? "200%" : "125%")
            + ";background:#fff;color:#111;max-width:48em;margin:1em auto}"
            + "button,input,select{font-size:100%;padding:.4em;margin:.3em}"
            + ":focus{outline:4px solid #1a4fd6;outline-offset:2px}"
            + ".code{font-family:monospace;font-size:180%;letter-spacing:.1em}"
            + ".error{color:#a00000;font-weight:bold}fieldset{margin:1em 0}";
    rc.response()
        .putHeader("Content-Type", "text/html; charset=UTF-8")
        .putHeader("Cache-Control", "no-store")
        .end(
            "<!DOCTYPE html><html lang='"
                + esc(v.lang())
                + "'><head><meta charset='UTF-8'><title>"
                + esc(title)
                + "</title><style>"
                + css
                + "</style></head><body><main>"
                + body
                + "</main></body></html>");
  }

  private static void redirect(RoutingContext rc, String location) {
    rc.response().setStatusCode(303).putHeader("Location", location).end();
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\'' -> out.append("&#39;");
        case '"' -> out.append("&quot;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}

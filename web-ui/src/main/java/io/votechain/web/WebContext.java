package io.votechain.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.SessionStore;
import io.votechain.web.session.EncryptedFileSessionStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What every page handler gets: the ledger, the templates and messages, the session store, and the
 * common request chain. One per running web UI; thread safe (its parts are).
 *
 * <p>Request chain of every page group ({@link #pageRouter()}), in order: security headers (a
 * strict Content-Security-Policy: scripts and styles only from this origin, no framing), the
 * session (cookie {@value #SESSION_COOKIE}: HttpOnly, SameSite=Strict, Secure when configured), the
 * language and text-size preferences ({@code ?lang=zh}, {@code ?text=large}, remembered in
 * cookies), form bodies (bounded), then the CSRF check ({@link Csrf}) for every state-changing
 * request.
 */
public final class WebContext {
  public static final String SESSION_COOKIE = "votechain.session";
  static final String LOCALE = "web.locale";
  static final String LARGE_TEXT = "web.largeText";
  private static final String FLASH = "web.flash";

  /** Voter roll files are the largest bodies: 100 000 credentials of ~70 bytes. */
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  private final Vertx vertx;
  private final Router root;
  private final LedgerPort ledger;
  private final Templates templates;
  private final Messages messages;
  private final JsonObject config;
  private final SessionStore sessions;
  private final SecureRandom random;
  private final List<PageGroup.NavLink> navigation =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public WebContext(
      Vertx vertx,
      Router root,
      LedgerPort ledger,
      Templates templates,
      Messages messages,
      JsonObject config,
      SessionStore sessions,
      SecureRandom random) {
    this.vertx = vertx;
    this.root = root;
    this.ledger = ledger;
    this.templates = templates;
    this.messages = messages;
    this.config = config.copy();
    this.sessions = sessions;
    this.random = random;
    registerSessionField(Csrf.SESSION_KEY, String.class, false, t -> t, o -> (String) o);
    registerSessionField(
        FLASH, List.class, false, WebContext::encodeNotices, WebContext::decodeNotices);
  }

  /**
   * Lets the session value under {@code key} survive a restart when sessions are on disk
   * (docs/web-ui.md §2.2); {@code anchor}: holding it makes a session worth writing (a signed-in
   * official). Without a disk store this does nothing.
   */
  public <T> void registerSessionField(
      String key,
      Class<T> type,
      boolean anchor,
      java.util.function.Function<T, Object> encode,
      java.util.function.Function<Object, T> decode) {
    if (sessions instanceof EncryptedFileSessionStore) {
      ((EncryptedFileSessionStore) sessions).fields().register(key, type, anchor, encode, decode);
    }
  }

  private static Object encodeNotices(List<?> notices) {
    io.vertx.core.json.JsonArray a = new io.vertx.core.json.JsonArray();
    for (Object o : notices) {
      Notice n = (Notice) o;
      a.add(new JsonObject().put("kind", n.kind()).put("text", n.text()));
    }
    return a;
  }

  private static List<?> decodeNotices(Object json) {
    List<Notice> out = new ArrayList<>();
    for (Object o : (io.vertx.core.json.JsonArray) json) {
      JsonObject n = (JsonObject) o;
      out.add(new Notice(n.getString("kind"), n.getString("text")));
    }
    return List.copyOf(out);
  }

  public Vertx vertx() {
    return vertx;
  }

  public LedgerPort ledger() {
    return ledger;
  }

  public Messages messages() {
    return messages;
  }

  /** The node configuration's {@code web} section. */
  public JsonObject config() {
    return config.copy();
  }

  public SecureRandom random() {
    return random;
  }

  /** Adds {@code group}'s routes under its prefix, behind the common chain. */
  public void mount(PageGroup group) {
    Router sub = pageRouter();
    group.routes(sub, this);
    root.route(group.prefix() + "/*").subRouter(sub);
    navigation.addAll(group.navigation());
  }

  /** A router that runs the common chain before its own routes. */
  public Router pageRouter() {
    Router r = Router.router(vertx);
    r.route().handler(this::securityHeaders);
    r.route()
        .handler(
            SessionHandler.create(sessions)
                .setSessionCookieName(SESSION_COOKIE)
                .setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.STRICT)
                .setCookieSecureFlag(config.getBoolean("secureCookies", false))
                .setSessionTimeout(config.getLong("sessionTimeoutMillis", 30L * 60 * 1000)));
    r.route().handler(this::preferences);
    r.route()
        .handler(
            BodyHandler.create(System.getProperty("java.io.tmpdir") + "/votechain-web-uploads")
                .setBodyLimit(MAX_BODY_BYTES)
                .setDeleteUploadedFilesOnEnd(true)
                .setMergeFormAttributes(false));
    r.route()
        .handler(
            ctx -> {
              if (Csrf.accepts(ctx)) {
                ctx.next();
              } else {
                render(ctx, 403, "layout/refused", Map.of("reason", "refused.csrf"));
              }
            });
    return r;
  }

  private void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("Cache-Control", "no-store");
    ctx.next();
  }

  /** Language: {@code ?lang=}, else the cookie, else Accept-Language, else English. */
  private void preferences(RoutingContext ctx) {
    String lang = ctx.request().getParam("lang");
    if (lang != null && isSupported(lang)) {
      ctx.response().addCookie(preferenceCookie("lang", lang));
    } else {
      Cookie c = ctx.request().getCookie("lang");
      lang = c != null && isSupported(c.getValue()) ? c.getValue() : null;
    }
    Locale locale;
    if (lang != null) {
      locale = Messages.supported(Locale.forLanguageTag(lang));
    } else {
      locale = Messages.SUPPORTED.get(0);
      for (var l : ctx.acceptableLanguages()) {
        Locale wanted = Locale.forLanguageTag(l.value());
        if (Messages.SUPPORTED.stream()
            .anyMatch(s -> s.getLanguage().equals(wanted.getLanguage()))) {
          locale = Messages.supported(wanted);
          break;
        }
      }
    }
    String text = ctx.request().getParam("text");
    if ("large".equals(text) || "normal".equals(text)) {
      ctx.response().addCookie(preferenceCookie("text", text));
    } else {
      Cookie c = ctx.request().getCookie("text");
      text = c == null ? "normal" : c.getValue();
    }
    ctx.put(LOCALE, locale);
    ctx.put(LARGE_TEXT, "large".equals(text));
    ctx.next();
  }

  private static boolean isSupported(String lang) {
    return Messages.SUPPORTED.stream().anyMatch(l -> l.getLanguage().equals(lang));
  }

  private Cookie preferenceCookie(String name, String value) {
    return Cookie.cookie(name, value)
        .setPath("/")
        .setMaxAge(365L * 24 * 3600)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(config.getBoolean("secureCookies", false));
  }

  /** The request's language (set by the common chain). */
  public static Locale locale(RoutingContext ctx) {
    Locale l = ctx.get(LOCALE);
    return l == null ? Messages.SUPPORTED.get(0) : l;
  }

  /** The session's CSRF token, for a form's hidden field or a script's header. */
  public String csrfToken(RoutingContext ctx) {
    return Csrf.token(ctx.session(), random);
  }

  /** A message in the request's language. */
  public String text(RoutingContext ctx, String key, Object... args) {
    return messages.get(locale(ctx), key, args);
  }

  /** Runs blocking work (store reads, key derivation) on a worker thread. */
  public <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  /**
   * A notice shown once on the next page the session renders (post/redirect/get): {@code kind} is
   * {@code ok} or {@code error}, {@code messageKey} a bundle key, {@code args} its arguments.
   */
  public void flash(RoutingContext ctx, String kind, String messageKey, Object... args) {
    Session s = ctx.session();
    List<Notice> notices = s.get(FLASH);
    List<Notice> more = notices == null ? new ArrayList<>() : new ArrayList<>(notices);
    more.add(new Notice(kind, messages.get(locale(ctx), messageKey, args)));
    s.put(FLASH, List.copyOf(more));
  }

  /** Redirects with 303 (a POST answered by a GET of {@code path}, which must be local). */
  public static void seeOther(RoutingContext ctx, String path) {
    if (!path.startsWith("/") || path.startsWith("//")) {
      throw new IllegalArgumentException("only local redirects");
    }
    ctx.response().setStatusCode(303).putHeader("Location", path).end();
  }

  /**
   * Renders {@code template} with {@code model} plus the common variables ({@code lang}, {@code
   * csrf}, {@code largeText}, {@code path}, {@code nav}, {@code notices}) and ends the response.
   */
  public void render(RoutingContext ctx, int status, String template, Map<String, Object> model) {
    Map<String, Object> all = new HashMap<>(model);
    Locale locale = locale(ctx);
    all.put("lang", locale.getLanguage());
    all.put("otherLangs", Messages.SUPPORTED.stream().filter(l -> !l.equals(locale)).toList());
    all.put("largeText", Boolean.TRUE.equals(ctx.get(LARGE_TEXT)));
    all.put("path", ctx.request().path());
    all.put("nav", List.copyOf(navigation));
    if (ctx.session() != null) {
      all.put("csrf", csrfToken(ctx));
      List<Notice> notices = ctx.session().remove(FLASH);
      all.put("notices", notices == null ? List.of() : notices);
    } else {
      all.put("notices", List.of());
    }
    all.putIfAbsent("user", null);
    blocking(() -> templates.render(template, locale, all))
        .onSuccess(
            html ->
                ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(html))
        .onFailure(ctx::fail);
  }

  /** Renders with status 200. */
  public void render(RoutingContext ctx, String template, Map<String, Object> model) {
    render(ctx, 200, template, model);
  }

  /** A one-time message for the next page. */
  public record Notice(String kind, String text) {}
}

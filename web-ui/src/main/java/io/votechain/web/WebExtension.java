package io.votechain.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import io.votechain.node.NodeContext;
import io.votechain.node.NodeExtension;
import io.votechain.web.session.EncryptedFileSessionStore;
import io.votechain.web.session.SessionFields;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mounts the web UI in a validator (docs/web-ui.md): static files under {@code /static/}, the
 * welcome page at {@code /}, and every {@link PageGroup} found on the class path. Configured by the
 * node configuration's {@code web} section ({@code "enabled": false} turns it off).
 */
public final class WebExtension implements NodeExtension {
  private static final Logger LOG = Logger.getLogger(WebExtension.class.getName());
  private final List<PageGroup> groups = new ArrayList<>();
  private WebContext web;
  private SessionStore sessions;

  @Override
  public String name() {
    return "web";
  }

  /** After the public API, whose routes the pages link to. */
  @Override
  public int order() {
    return 200;
  }

  @Override
  public Future<Void> start(NodeContext node) {
    JsonObject config = node.config().section("web");
    if (!config.getBoolean("enabled", true)) {
      return Future.succeededFuture();
    }
    try {
      ClassLoader loader = WebExtension.class.getClassLoader();
      Messages messages = Messages.load(loader);
      web =
          new WebContext(
              node.vertx(),
              node.router(),
              new NodeLedger(node),
              new Templates(messages, loader),
              messages,
              config,
              sessionStore(node, config),
              new SecureRandom());
      node.router()
          .route("/static/*")
          .handler(StaticHandler.create("static").setIncludeHidden(false));
      node.router().get("/").handler(ctx -> WebContext.seeOther(ctx, WelcomePages.PATH));
      for (PageGroup g : discover(loader)) {
        web.mount(g);
        groups.add(g);
      }
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The running context (tests reach the groups' state through it). */
  public WebContext context() {
    return web;
  }

  /** The mounted groups, in mount order. */
  public List<PageGroup> groups() {
    return List.copyOf(groups);
  }

  @Override
  public Future<Void> stop() {
    groups.forEach(PageGroup::stop);
    // Let the sign-ins and sign-outs of the last requests reach the disk before the node goes.
    return sessions instanceof EncryptedFileSessionStore
        ? ((EncryptedFileSessionStore) sessions).closeAfterPendingWrites()
        : Future.succeededFuture();
  }

  /**
   * The session store the {@code web.sessions} setting names (docs/web-ui.md §2.2): {@code "disk"}
   * (the default) keeps signed-in sessions, encrypted, in {@code web.sessionsDir} (default {@code
   * <dataDir>/web-sessions}); {@code "memory"} keeps them in memory only.
   */
  private SessionStore sessionStore(NodeContext node, JsonObject config) {
    String kind = config.getString("sessions", "disk");
    if ("memory".equals(kind)) {
      sessions = LocalSessionStore.create(node.vertx());
    } else if ("disk".equals(kind)) {
      String dir = config.getString("sessionsDir");
      Path folder = dir == null ? node.config().dataDir().resolve("web-sessions") : Path.of(dir);
      EncryptedFileSessionStore.Limits d = EncryptedFileSessionStore.Limits.DEFAULT;
      sessions =
          EncryptedFileSessionStore.open(
              node.vertx(),
              folder,
              Clock.systemUTC(),
              new SecureRandom(),
              new EncryptedFileSessionStore.Limits(
                  config.getInteger("maxSessions", d.maxLive()),
                  config.getInteger("maxSessionRecords", d.maxRecords()),
                  config.getInteger("maxSessionRecordBytes", d.maxRecordBytes()),
                  d.sweepMillis()),
              new SessionFields());
    } else {
      throw new IllegalArgumentException(
          "WEB_SESSIONS_UNKNOWN: web.sessions must be \"disk\" or \"memory\", not " + kind);
    }
    return sessions;
  }

  /**
   * The page groups, sorted by prefix so the mount order does not depend on class-path order. A
   * listed group whose class is missing is skipped with a warning, so one group being built does
   * not take the others down.
   */
  static List<PageGroup> discover(ClassLoader loader) {
    List<PageGroup> found = new ArrayList<>();
    Iterator<PageGroup> it = ServiceLoader.load(PageGroup.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        LOG.log(Level.WARNING, "page group not loaded: " + e.getMessage());
      }
    }
    found.sort(java.util.Comparator.comparing(PageGroup::prefix));
    return found;
  }
}

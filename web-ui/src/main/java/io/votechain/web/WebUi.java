package io.votechain.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.SessionStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web UI mounted on a router (docs/web-ui.md §1): static files under {@code /static/}, the
 * welcome page at {@code /}, and every {@link PageGroup} found on the class path, all reading the
 * ledger through one {@link LedgerPort}. The one set-up shared by the validator's extension ({@link
 * WebExtension}, over {@link NodeLedger}) and the standalone server ({@code
 * io.votechain.web.standalone.StandaloneWebUi}, over the node's public API), so both serve the same
 * pages. Immutable once mounted.
 */
public final class WebUi {
  private static final Logger LOG = Logger.getLogger(WebUi.class.getName());

  private final WebContext context;
  private final List<PageGroup> groups;

  private WebUi(WebContext context, List<PageGroup> groups) {
    this.context = context;
    this.groups = List.copyOf(groups);
  }

  /**
   * Mounts the pages on {@code router}. {@code config} is the {@code web} configuration section;
   * {@code sessions} the store the officials' sessions live in (chosen by the caller).
   */
  public static WebUi mount(
      Vertx vertx, Router router, LedgerPort ledger, JsonObject config, SessionStore sessions) {
    ClassLoader loader = WebUi.class.getClassLoader();
    Messages messages = Messages.load(loader);
    WebContext web =
        new WebContext(
            vertx,
            router,
            ledger,
            new Templates(messages, loader),
            messages,
            config,
            sessions,
            new SecureRandom());
    router.route("/static/*").handler(StaticHandler.create("static").setIncludeHidden(false));
    router.get("/").handler(ctx -> WebContext.seeOther(ctx, WelcomePages.PATH));
    List<PageGroup> mounted = new ArrayList<>();
    for (PageGroup g : discover(loader)) {
      web.mount(g);
      mounted.add(g);
    }
    return new WebUi(web, mounted);
  }

  /** The running context (tests reach the groups' state through it). */
  public WebContext context() {
    return context;
  }

  /** The mounted groups, in mount order. */
  public List<PageGroup> groups() {
    return groups;
  }

  /** Stops the groups' background work (timers, subscriptions). */
  public void stop() {
    groups.forEach(PageGroup::stop);
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
    found.sort(Comparator.comparing(PageGroup::prefix));
    return found;
  }
}

package io.votechain.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.sstore.SessionStore;
import io.votechain.node.NodeContext;
import io.votechain.node.NodeExtension;
import io.votechain.web.session.SessionStores;
import java.util.List;

/**
 * Mounts the web UI in a validator (docs/web-ui.md): the pages of {@link WebUi} on the node's own
 * router, reading the node's store through {@link NodeLedger}. Configured by the node
 * configuration's {@code web} section ({@code "enabled": false} turns it off); officials' sessions
 * are kept, encrypted, under the node's data directory unless configured otherwise.
 */
public final class WebExtension implements NodeExtension {
  private WebUi ui;
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
      sessions =
          SessionStores.fromConfig(
              node.vertx(), config, node.config().dataDir().resolve("web-sessions"));
      ui = WebUi.mount(node.vertx(), node.router(), new NodeLedger(node), config, sessions);
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The running context (tests reach the groups' state through it). */
  public WebContext context() {
    return ui == null ? null : ui.context();
  }

  /** The mounted groups, in mount order. */
  public List<PageGroup> groups() {
    return ui == null ? List.of() : ui.groups();
  }

  @Override
  public Future<Void> stop() {
    if (ui != null) {
      ui.stop();
    }
    return sessions == null ? Future.succeededFuture() : SessionStores.close(sessions);
  }
}

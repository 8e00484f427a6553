package io.votechain.web;

import io.vertx.ext.web.Router;

/**
 * A set of pages under one path prefix: the officials' console ({@code /official}), the observers'
 * pages ({@code /observer}), the voters' pages. Found with {@link java.util.ServiceLoader} (file
 * {@code META-INF/services/io.votechain.web.PageGroup}), so that each group is added without the
 * skeleton knowing it. The router a group receives already runs the common chain of {@link
 * WebContext#pageRouter()}: security headers, session, language, form bodies and the CSRF check.
 */
public interface PageGroup {
  /** The path prefix, e.g. {@code /official}: every route of the group is below it. */
  String prefix();

  /** Adds the group's routes, relative to {@link #prefix()}, to {@code router}. */
  void routes(Router router, WebContext web);

  /** Links shown in the site navigation: message key of the label, and path. */
  default java.util.List<NavLink> navigation() {
    return java.util.List.of();
  }

  /** Releases what {@link #routes} started (timers, listeners). */
  default void stop() {}

  /** A link of the site navigation. */
  record NavLink(String messageKey, String path) {}
}

package io.votechain.web;

import io.vertx.ext.web.Router;
import java.util.Map;

/** The landing page: what this site is and the way to each audience's pages. */
public final class WelcomePages implements PageGroup {
  static final String PATH = "/welcome";

  @Override
  public String prefix() {
    return PATH;
  }

  @Override
  public void routes(Router router, WebContext web) {
    router.get("/").handler(ctx -> web.render(ctx, "layout/welcome", Map.of()));
  }
}

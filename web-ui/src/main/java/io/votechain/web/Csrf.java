package io.votechain.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchronizer-token CSRF protection (OWASP CSRF cheat sheet): each session holds a random 256-bit
 * token; every form carries it in the hidden field {@value #FIELD} (scripts send the header {@value
 * #HEADER}), and any request that can change something (every method but GET, HEAD and OPTIONS) is
 * refused with 403 unless the token matches, compared in constant time. The session cookie is also
 * SameSite=Strict; the token is the defence that does not depend on the browser.
 */
public final class Csrf {
  public static final String FIELD = "_csrf";
  public static final String HEADER = "X-CSRF-Token";
  static final String SESSION_KEY = "csrf";

  private Csrf() {}

  /** The session's token, created on first use. */
  public static String token(Session session, SecureRandom random) {
    String token = session.get(SESSION_KEY);
    if (token == null) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.put(SESSION_KEY, token);
    }
    return token;
  }

  /** Whether {@code ctx} may proceed: a safe method, or a state-changing one with the token. */
  public static boolean accepts(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    if (m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD) || m.equals(HttpMethod.OPTIONS)) {
      return true;
    }
    Session session = ctx.session();
    String expected = session == null ? null : session.get(SESSION_KEY);
    String given = ctx.request().getHeader(HEADER);
    if (given == null) {
      given = ctx.request().getFormAttribute(FIELD);
    }
    return expected != null
        && given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            given.getBytes(StandardCharsets.US_ASCII));
  }
}

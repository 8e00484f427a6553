package io.votechain.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript for page tests: keeps cookies, remembers the CSRF token of the last
 * page it read, posts forms and follows the post/redirect/get.
 */
public final class PageBrowser {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private String csrf = "";

  public PageBrowser(String base) {
    this.base = base;
  }

  public HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return r;
  }

  public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(form);
    all.put("_csrf", csrf);
    String body =
        all.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts with the token and follows the 303; fails when the answer is not a 303. */
  public HttpResponse<String> submit(String path, Map<String, String> form) throws Exception {
    HttpResponse<String> r = post(path, form);
    if (r.statusCode() != 303) {
      throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return get(r.headers().firstValue("Location").orElseThrow());
  }

  /** Signs in as {@code name} with password {@code pw-<name>}. */
  public PageBrowser signIn(String name) throws Exception {
    get("/official/sign-in");
    HttpResponse<String> r =
        post("/official/sign-in", Map.of("name", name, "password", "pw-" + name));
    if (r.statusCode() != 303) {
      throw new AssertionError("sign-in of " + name + " answered " + r.statusCode());
    }
    get("/official/");
    return this;
  }

  /** The body without what differs per session (the CSRF token). */
  public static String withoutSession(String html) {
    return CSRF.matcher(html).replaceAll("name=\"_csrf\" value=\"\"");
  }
}

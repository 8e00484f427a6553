package io.votechain.web;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript for page tests: keeps cookies, remembers the CSRF token of the last
 * page it read, posts forms (with the token, or without it to test the refusal) and follows the
 * post/redirect/get.
 */
public final class PageBrowser {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  // A supplier, so that a browser on a restarted validator keeps its cookies and reads the new
  // node's address (OneValidatorNetwork#browser).
  private final Supplier<String> base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http =
      HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
  private String csrf = "";

  /** A browser on the server at {@code base}, e.g. {@code http://127.0.0.1:port}. */
  public PageBrowser(String base) {
    this(() -> base);
  }

  public PageBrowser(Supplier<String> base) {
    this.base = base;
  }

  public HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base.get() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return r;
  }

  /** Posts {@code form} with the CSRF token of the last page read. */
  public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(form);
    all.put("_csrf", csrf);
    return postForm(path, all);
  }

  /** Posts {@code form} as it is, as a forged cross-site form would. */
  public HttpResponse<String> postWithoutToken(String path, Map<String, String> form)
      throws Exception {
    return postForm(path, form);
  }

  private HttpResponse<String> postForm(String path, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return post(path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Posts {@code body} as it is (a file upload, say), with this browser's cookies; the caller puts
   * the token ({@link #csrf()}) in it where the form has it.
   */
  public HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base.get() + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts with the token and follows the 303; fails when the answer is not a 303. */
  public HttpResponse<String> submit(String path, Map<String, String> form) throws Exception {
    return follow(path, post(path, form));
  }

  /** Follows the 303 of {@code posted}; fails when it is not a 303. */
  public HttpResponse<String> follow(String path, HttpResponse<String> posted) throws Exception {
    if (posted.statusCode() != 303) {
      throw new AssertionError(path + " answered " + posted.statusCode() + ": " + posted.body());
    }
    return get(posted.headers().firstValue("Location").orElseThrow());
  }

  /** Signs in as {@code name} with password {@code pw-<name>}. */
  public PageBrowser signIn(String name) throws Exception {
    get("/official/sign-in");
    HttpResponse<String> r =
        post("/official/sign-in", Map.of("name", name, "password", "pw-" + name));
    if (r.statusCode() != 303) {
      throw new AssertionError(
          "sign-in of " + name + " answered " + r.statusCode() + ": " + r.body());
    }
    get("/official/");
    return this;
  }

  /**
   * Fills the election draft's basics: the window opens in an hour and lasts an hour, the last vote
   * counts. Returns the page after the redirect.
   */
  public HttpResponse<String> draftBasics(String electionId, String nameEn, String nameZh)
      throws Exception {
    long now = System.currentTimeMillis();
    return submit(
        "/official/elections/new/basics",
        Map.of(
            "electionId",
            electionId,
            "nameEn",
            nameEn,
            "nameZh",
            nameZh,
            "start",
            utc(now + 3_600_000L),
            "end",
            utc(now + 7_200_000L),
            "policy",
            "LAST_VOTE_COUNTS"));
  }

  /** Adds the draft's "mayor" contest (alice or bob); returns the page after the redirect. */
  public HttpResponse<String> draftMayorContest() throws Exception {
    return submit(
        "/official/elections/new/contest",
        Map.of(
            "contestId", "mayor",
            "kind", "ONE_OF_N",
            "titleEn", "Mayor",
            "titleZh", "市长",
            "choices", "alice | Alice | 爱丽丝\nbob | Bob | 鲍勃"));
  }

  /** A time as the draft form's {@code datetime-local} fields take it (UTC, minutes). */
  public static String utc(long millis) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
        .withZone(java.time.ZoneOffset.UTC)
        .format(java.time.Instant.ofEpochMilli(millis));
  }

  /** The CSRF token of the last page read ("" before any). */
  public String csrf() {
    return csrf;
  }

  /** The value of cookie {@code name}, or null. */
  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The body without what differs per session (the CSRF token). */
  public static String withoutSession(String html) {
    return CSRF.matcher(html).replaceAll("name=\"_csrf\" value=\"\"");
  }
}

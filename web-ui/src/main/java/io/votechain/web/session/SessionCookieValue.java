package io.votechain.web.session;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the session cookie carries with a disk-backed store (docs/web-ui.md §2.2): the session id
 * (hex, as Vert.x generates it) and the session's 256-bit record key (base64url), joined by a dot.
 * The key exists nowhere else in clear but in the server's memory while the session is live, so the
 * records on disk do not open without the cookie. Immutable apart from {@link #key()}'s copy.
 */
public record SessionCookieValue(String id, byte[] key) {
  public static final int KEY_BYTES = 32;
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32,128}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{43}");

  public SessionCookieValue {
    if (!ID.matcher(id).matches() || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("malformed session cookie value");
    }
    key = key.clone();
  }

  /** The parts of {@code value}, or empty for anything but {@code <hex id>.<43 base64url>}. */
  public static Optional<SessionCookieValue> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    int dot = value.indexOf('.');
    if (dot < 0 || dot != value.lastIndexOf('.')) {
      return Optional.empty();
    }
    String id = value.substring(0, dot);
    String key = value.substring(dot + 1);
    if (!ID.matcher(id).matches() || !KEY.matcher(key).matches()) {
      return Optional.empty();
    }
    return Optional.of(new SessionCookieValue(id, Base64.getUrlDecoder().decode(key)));
  }

  public String format() {
    return id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionCookieValue v
        && id.equals(v.id)
        && java.security.MessageDigest.isEqual(key, v.key);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** Names the id only: the key is a secret. */
  @Override
  public String toString() {
    return "SessionCookieValue[" + id + "]";
  }
}

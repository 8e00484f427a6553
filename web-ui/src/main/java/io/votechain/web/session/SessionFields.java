package io.votechain.web.session;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Which session values survive a restart, and how they are written (docs/web-ui.md §2.2). Each page
 * group registers the session keys it owns with an encoder to a JSON value and a decoder back. A
 * value under a key nobody registered lives in memory only. A session is written to disk only while
 * it holds an <em>anchor</em> field (a signed-in official): anonymous visitors never cost a disk
 * write, so they cannot fill the disk or evict an official's record. Thread safe.
 */
public final class SessionFields {
  private static final Logger LOG = Logger.getLogger(SessionFields.class.getName());
  private final Map<String, Field<?>> fields = new ConcurrentHashMap<>();
  private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

  /**
   * A session key's codec.
   *
   * @param anchor whether holding this field makes the session worth keeping on disk
   */
  public record Field<T>(
      String key,
      Class<T> type,
      boolean anchor,
      Function<T, Object> encode,
      Function<Object, T> decode) {}

  /** Registers (or replaces) the codec of {@code key}. */
  public <T> void register(
      String key,
      Class<T> type,
      boolean anchor,
      Function<T, Object> encode,
      Function<Object, T> decode) {
    fields.put(key, new Field<>(key, type, anchor, encode, decode));
  }

  /** A plain string field (e.g. the CSRF token), written only alongside an anchor. */
  public void registerString(String key) {
    register(key, String.class, false, s -> s, o -> (String) o);
  }

  /** Whether {@code data} holds an anchor field. */
  boolean anchored(Map<String, Object> data) {
    for (Map.Entry<String, Object> e : data.entrySet()) {
      Field<?> f = fields.get(e.getKey());
      if (f != null && f.anchor() && f.type().isInstance(e.getValue())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The registered fields of {@code data} as JSON, keys sorted; other values are left out, and so
   * are the non-anchor fields when {@code anchorsOnly}.
   */
  JsonObject encode(Map<String, Object> data, boolean anchorsOnly) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : new TreeMap<>(data).entrySet()) {
      Field<?> f = fields.get(e.getKey());
      if (f != null && anchorsOnly && !f.anchor()) {
        continue;
      }
      if (f != null && f.type().isInstance(e.getValue())) {
        out.put(e.getKey(), encodeOne(f, e.getValue()));
      } else if (warned.putIfAbsent(e.getKey(), Boolean.TRUE) == null) {
        // The key only (values may be secret): says why something is missing after a restart.
        LOG.fine("session value '" + e.getKey() + "' has no codec; it is kept in memory only");
      }
    }
    return out;
  }

  private static <T> Object encodeOne(Field<T> f, Object value) {
    return f.encode().apply(f.type().cast(value));
  }

  /**
   * The session data {@code json} holds. A field nobody registers any more is skipped; one whose
   * decoder fails makes the whole record unreadable ({@link IllegalArgumentException}).
   */
  Map<String, Object> decode(JsonObject json) {
    Map<String, Object> out = new ConcurrentHashMap<>();
    for (String key : json.fieldNames()) {
      Field<?> f = fields.get(key);
      if (f == null) {
        continue;
      }
      Object v;
      try {
        v = f.decode().apply(json.getValue(key));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("session field " + key + " does not decode");
      }
      if (v != null) {
        out.put(key, v);
      }
    }
    return out;
  }
}

package io.votechain.web.session;

import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.AbstractSession;
import java.security.SecureRandom;
import java.util.Map;

/**
 * A Vert.x session that also owns the random 256-bit key its disk record is encrypted under. The
 * cookie Vert.x sends is {@link #value()} ({@code id.key}, see {@link SessionCookieValue}), so the
 * key travels to the browser and back but is never written to disk. {@link #regenerateId()} draws a
 * new key with the new id, so a cookie from before sign-in opens nothing after it.
 */
final class KeyedSession extends AbstractSession {
  private final SecureRandom random;
  private volatile byte[] key;

  /**
   * Whether a record of this session may exist under its current id. On the session, not only on
   * the store's memory entry, because that entry can be dropped (memory limit) while a request
   * still holds the session and stores it again.
   */
  private volatile boolean recorded;

  /** A new session with a fresh id and key. */
  KeyedSession(VertxContextPRNG prng, SecureRandom random, long timeout, int length) {
    super(prng, timeout, length);
    this.random = random;
    this.key = newKey(random);
  }

  /** A session read back from its record. */
  KeyedSession(
      VertxContextPRNG prng,
      SecureRandom random,
      SessionCookieValue cookie,
      long timeout,
      Map<String, Object> data) {
    super(prng);
    this.random = random;
    this.key = cookie.key();
    setId(cookie.id());
    setTimeout(timeout);
    setData(data);
    this.recorded = true;
  }

  private static byte[] newKey(SecureRandom random) {
    byte[] k = new byte[SessionCookieValue.KEY_BYTES];
    random.nextBytes(k);
    return k;
  }

  @Override
  public Session regenerateId() {
    super.regenerateId();
    key = newKey(random);
    recorded = false;
    return this;
  }

  boolean recorded() {
    return recorded;
  }

  void markRecorded() {
    recorded = true;
  }

  @Override
  public String value() {
    return cookie().format();
  }

  SessionCookieValue cookie() {
    return new SessionCookieValue(id(), key);
  }

  /** A copy of the record key. */
  byte[] key() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "KeyedSession[" + id() + "]";
  }
}

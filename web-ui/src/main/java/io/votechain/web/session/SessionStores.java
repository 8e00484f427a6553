package io.votechain.web.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The session store the {@code web.sessions} setting names (docs/web-ui.md §2.2), for the
 * validator's web extension and the standalone web UI alike: {@code "disk"} (the default) keeps
 * signed-in sessions, encrypted, in {@code web.sessionsDir} (default given by the caller); {@code
 * "memory"} keeps them in memory only.
 */
public final class SessionStores {
  private SessionStores() {}

  /**
   * @throws IllegalArgumentException {@code WEB_SESSIONS_UNKNOWN} for any other setting
   */
  public static SessionStore fromConfig(Vertx vertx, JsonObject config, Path defaultDir) {
    String kind = config.getString("sessions", "disk");
    if ("memory".equals(kind)) {
      return LocalSessionStore.create(vertx);
    }
    if (!"disk".equals(kind)) {
      throw new IllegalArgumentException(
          "WEB_SESSIONS_UNKNOWN: web.sessions must be \"disk\" or \"memory\", not " + kind);
    }
    String dir = config.getString("sessionsDir");
    EncryptedFileSessionStore.Limits d = EncryptedFileSessionStore.Limits.DEFAULT;
    return EncryptedFileSessionStore.open(
        vertx,
        dir == null ? defaultDir : Path.of(dir),
        Clock.systemUTC(),
        new SecureRandom(),
        new EncryptedFileSessionStore.Limits(
            config.getInteger("maxSessions", d.maxLive()),
            config.getInteger("maxSessionRecords", d.maxRecords()),
            config.getInteger("maxSessionRecordBytes", d.maxRecordBytes()),
            d.sweepMillis()),
        new SessionFields());
  }

  /** Lets the sign-ins and sign-outs of the last requests reach the disk before a shutdown. */
  public static Future<Void> close(SessionStore sessions) {
    return sessions instanceof EncryptedFileSessionStore
        ? ((EncryptedFileSessionStore) sessions).closeAfterPendingWrites()
        : Future.succeededFuture();
  }
}

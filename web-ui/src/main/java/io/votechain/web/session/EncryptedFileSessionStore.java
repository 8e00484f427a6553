package io.votechain.web.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.SessionStore;
import io.votechain.util.BoundedLruCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Vert.x {@link SessionStore} whose signed-in sessions survive a restart (docs/web-ui.md §2.2).
 *
 * <p>Live sessions are kept in memory, as {@code LocalSessionStore} keeps them. A session that
 * holds an anchor field ({@link SessionFields}: a signed-in official) is also written, on every
 * store, to one record file in {@code folder}, encrypted under the session's own random key ({@link
 * SessionRecord}); that key is in the browser's cookie ({@link SessionCookieValue}) and in this
 * process's memory, never on disk. After a restart the first request that brings the cookie opens
 * the record. A record that does not open (wrong key, altered, moved, unreadable) is "no session"
 * with a warning, never an error.
 *
 * <p>Bounds: at most {@link Limits#maxLive()} sessions in memory (the least recently used is
 * dropped from memory; if it is on disk it is read back when its cookie comes again); at most
 * {@link Limits#maxRecords()} records on disk (a new record evicts the one closest to expiry); a
 * record larger than {@link Limits#maxRecordBytes()} is not written (the session stays in memory
 * only and an older record of it is deleted).
 *
 * <p>Disk work runs on one worker thread in the order it was asked for, so a deletion (sign-out) is
 * never overtaken by an earlier write of the same session. Writes are atomic (temporary file in the
 * folder, then a move) and owner-only. Concurrent stores of one session: the last one wins. Thread
 * safe.
 */
public final class EncryptedFileSessionStore implements SessionStore {
  private static final Logger LOG = Logger.getLogger(EncryptedFileSessionStore.class.getName());

  /**
   * @param maxLive sessions kept in memory
   * @param maxRecords records kept on disk
   * @param maxRecordBytes size of one record on disk
   * @param sweepMillis how often expired sessions and records are deleted
   */
  public record Limits(int maxLive, int maxRecords, int maxRecordBytes, long sweepMillis) {
    public static final Limits DEFAULT = new Limits(100_000, 1_000, 256 * 1024, 60_000);

    public Limits {
      if (maxLive < 1 || maxRecords < 1 || maxRecordBytes < 1024 || sweepMillis < 1) {
        throw new IllegalArgumentException("session limits must be positive");
      }
    }
  }

  /** Header, nonce and tag around the ciphertext (GCM adds no padding). */
  private static final int RECORD_OVERHEAD = SessionRecord.HEADER_BYTES + 12 + 16;

  /**
   * @param written whether a record of this id was asked to be written (or was read): if not, there
   *     is nothing on disk to delete
   */
  private record Live(KeyedSession session, long expiresAt, boolean written) {}

  private final Vertx vertx;
  private final Path folder;
  private final Clock clock;
  private final SecureRandom random;
  private final Limits limits;
  private final SessionFields fields;
  private final VertxContextPRNG prng;
  private final WorkerExecutor disk;

  /** The sessions in memory, by id, within {@link Limits#maxLive()}. */
  private final BoundedLruCache<String, Live> live;

  /** File name → expiry of the records on disk; touched only by the disk thread. */
  private final Map<String, Long> records = new HashMap<>();

  private final long sweepTimer;

  private EncryptedFileSessionStore(
      Vertx vertx,
      Path folder,
      Clock clock,
      SecureRandom random,
      Limits limits,
      SessionFields fields) {
    this.vertx = vertx;
    this.folder = folder;
    this.clock = clock;
    this.random = random;
    this.limits = limits;
    this.fields = fields;
    this.prng = VertxContextPRNG.current(vertx);
    this.disk =
        vertx.createSharedWorkerExecutor(
            "votechain-web-sessions-" + System.identityHashCode(this), 1);
    this.live = new BoundedLruCache<>(limits.maxLive());
    this.sweepTimer = vertx.setPeriodic(limits.sweepMillis(), t -> sweep());
  }

  /**
   * A store over {@code folder} (created owner-only if missing). Expired and unreadable records are
   * deleted first, before any other disk work.
   */
  public static EncryptedFileSessionStore open(
      Vertx vertx,
      Path folder,
      Clock clock,
      SecureRandom random,
      Limits limits,
      SessionFields fields) {
    EncryptedFileSessionStore s =
        new EncryptedFileSessionStore(vertx, folder, clock, random, limits, fields);
    s.onDisk(
        () -> {
          createFolder(folder);
          s.scanAndDeleteExpired();
          return null;
        });
    return s;
  }

  /** The codecs of the session values that are written to disk. */
  public SessionFields fields() {
    return fields;
  }

  @Override
  public SessionStore init(Vertx vertx, JsonObject options) {
    throw new UnsupportedOperationException("use EncryptedFileSessionStore.open");
  }

  /** Zero: a record is on this node's disk or nowhere, there is nothing to wait for. */
  @Override
  public long retryTimeout() {
    return 0;
  }

  @Override
  public Session createSession(long timeout) {
    return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
  }

  @Override
  public Session createSession(long timeout, int length) {
    return new KeyedSession(prng, random, timeout, length);
  }

  /** {@code cookieValue} is what the session cookie carries: {@link SessionCookieValue}. */
  @Override
  public Future<Session> get(String cookieValue) {
    Optional<SessionCookieValue> parsed = SessionCookieValue.parse(cookieValue);
    if (parsed.isEmpty()) {
      return Future.succeededFuture();
    }
    SessionCookieValue cookie = parsed.get();
    byte[] given = cookie.key();
    Live l = live.get(cookie.id());
    if (l != null) {
      // The id is no secret (it names the record); the key is, so compare in constant time.
      if (!MessageDigest.isEqual(l.session().key(), given)) {
        return Future.succeededFuture();
      }
      if (clock.millis() >= l.expiresAt()) {
        return delete(cookie.id()).map(v -> null);
      }
      return Future.succeededFuture(l.session());
    }
    return onDisk(() -> load(cookie))
        .map(
            found -> {
              if (found == null) {
                return null;
              }
              return live.computeIfAbsent(cookie.id(), k -> found).session();
            });
  }

  @Override
  public Future<Void> put(Session session) {
    if (!(session instanceof KeyedSession)) {
      return Future.failedFuture(new IllegalArgumentException("not a session of this store"));
    }
    KeyedSession s = (KeyedSession) session;
    long expiresAt = clock.millis() + s.timeout();
    boolean anchored = fields.anchored(s.data());
    if (anchored) {
      // Before the entry is visible, so a delete that finds it queues behind this write.
      s.markRecorded();
    }
    live.put(s.id(), new Live(s, expiresAt, s.recorded()));
    if (!anchored) {
      return Future.succeededFuture();
    }
    // Encode on the caller's thread, from the data as it is now; encrypt and write on the disk one.
    byte[] full = plaintext(s, false);
    byte[] plaintext = full;
    if (full.length + RECORD_OVERHEAD > limits.maxRecordBytes()) {
      // Keep the official signed in rather than keep, say, a huge election draft.
      warn(
          "WEB_SESSION_TOO_LARGE",
          SessionRecord.fileName(s.id()),
          "values other than the sign-in are left out of the record");
      Arrays.fill(full, (byte) 0);
      plaintext = plaintext(s, true);
    }
    byte[] toWrite = plaintext;
    String id = s.id();
    byte[] key = s.key();
    return onDisk(
        () -> {
          try {
            write(id, key, expiresAt, toWrite);
          } finally {
            Arrays.fill(toWrite, (byte) 0);
            Arrays.fill(key, (byte) 0);
          }
          return null;
        });
  }

  private byte[] plaintext(KeyedSession s, boolean anchorsOnly) {
    return new JsonObject()
        .put("timeout", s.timeout())
        .put("data", fields.encode(s.data(), anchorsOnly))
        .encode()
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A session that never had a record is deleted at once. SessionHandler stores the session it
   * regenerated at sign-in only once the old id's deletion completes, but sends the sign-in's
   * redirect without waiting for it: a deletion queued behind other disk work let the browser's
   * next request find no session (docs/web-ui.md §2.2).
   */
  @Override
  public Future<Void> delete(String id) {
    Live removed = live.remove(id);
    if (!isId(id) || (removed != null && !removed.written())) {
      return Future.succeededFuture();
    }
    return onDisk(
        () -> {
          deleteRecord(SessionRecord.fileName(id));
          return null;
        });
  }

  @Override
  public Future<Void> clear() {
    live.clear();
    return onDisk(
        () -> {
          for (String name : Map.copyOf(records).keySet()) {
            deleteRecord(name);
          }
          return null;
        });
  }

  @Override
  public Future<Integer> size() {
    return Future.succeededFuture(live.size());
  }

  /** The number of records on disk (for tests and metrics). */
  public Future<Integer> recordCount() {
    return onDisk(records::size);
  }

  @Override
  public void close() {
    vertx.cancelTimer(sweepTimer);
    disk.close();
  }

  /** Waits for the disk work asked for so far, then closes. */
  public Future<Void> closeAfterPendingWrites() {
    return onDisk(() -> null)
        .eventually(
            () -> {
              close();
              return Future.succeededFuture();
            })
        .mapEmpty();
  }

  private <T> Future<T> onDisk(java.util.concurrent.Callable<T> work) {
    return disk.executeBlocking(work, false);
  }

  private static boolean isId(String id) {
    return id != null && id.matches("[0-9a-f]{32,128}");
  }

  // ---- disk thread only below ----

  private Live load(SessionCookieValue cookie) {
    String name = SessionRecord.fileName(cookie.id());
    Path file = folder.resolve(name);
    byte[] record;
    try {
      if (Files.size(file) > limits.maxRecordBytes()) {
        warn("WEB_SESSION_UNREADABLE", name, "larger than the record limit");
        return null;
      }
      record = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      warn("WEB_SESSION_UNREADABLE", name, e.getClass().getSimpleName());
      return null;
    }
    Optional<Long> expiresAt = SessionRecord.expiresAt(record);
    if (expiresAt.isEmpty()) {
      warn("WEB_SESSION_UNREADABLE", name, "not a session record");
      return null;
    }
    if (clock.millis() >= expiresAt.get()) {
      deleteRecord(name);
      return null;
    }
    byte[] key = cookie.key();
    Optional<byte[]> plaintext = SessionRecord.open(cookie.id(), key, record);
    Arrays.fill(key, (byte) 0);
    if (plaintext.isEmpty()) {
      // Not deleted: whoever sent a wrong key for a real id must not be able to sign its owner out.
      warn("WEB_SESSION_REJECTED", name, "wrong key, altered or moved record");
      return null;
    }
    try {
      JsonObject json = new JsonObject(new String(plaintext.get(), StandardCharsets.UTF_8));
      KeyedSession s =
          new KeyedSession(
              prng,
              random,
              cookie,
              json.getLong("timeout"),
              fields.decode(json.getJsonObject("data")));
      return new Live(s, expiresAt.get(), true);
    } catch (RuntimeException e) {
      warn("WEB_SESSION_UNREADABLE", name, "contents do not decode");
      return null;
    } finally {
      Arrays.fill(plaintext.get(), (byte) 0);
    }
  }

  private void write(String id, byte[] key, long expiresAt, byte[] plaintext) throws IOException {
    String name = SessionRecord.fileName(id);
    byte[] record = SessionRecord.seal(id, key, expiresAt, plaintext, random);
    if (record.length > limits.maxRecordBytes()) {
      warn("WEB_SESSION_TOO_LARGE", name, record.length + " bytes even so; memory only");
      deleteRecord(name);
      return;
    }
    if (!records.containsKey(name)) {
      while (records.size() >= limits.maxRecords()) {
        String victim =
            records.entrySet().stream()
                .min(
                    Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow()
                .getKey();
        warn(
            "WEB_SESSION_EVICTED",
            victim,
            "the record limit " + limits.maxRecords() + " was reached");
        deleteRecord(victim);
      }
    }
    Path tmp = Files.createTempFile(folder, ".tmp-", ".part", ownerOnly());
    try {
      Files.write(tmp, record);
      try {
        Files.move(
            tmp,
            folder.resolve(name),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    records.put(name, expiresAt);
  }

  private void deleteRecord(String name) {
    records.remove(name);
    try {
      Files.deleteIfExists(folder.resolve(name));
    } catch (IOException e) {
      warn("WEB_SESSION_UNREADABLE", name, "cannot delete: " + e.getClass().getSimpleName());
    }
  }

  /** Reads every record's header: keeps the index, deletes the expired and the unreadable. */
  private void scanAndDeleteExpired() throws IOException {
    records.clear();
    long now = clock.millis();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(folder)) {
      for (Path p : all) {
        String name = p.getFileName().toString();
        if (name.startsWith(".tmp-")) {
          Files.deleteIfExists(p); // left by a crash between write and move
          continue;
        }
        if (!name.endsWith(SessionRecord.SUFFIX)) {
          continue;
        }
        Optional<Long> expiresAt = readExpiry(p);
        if (expiresAt.isEmpty()) {
          warn("WEB_SESSION_UNREADABLE", name, "not a session record; deleted");
          Files.deleteIfExists(p);
        } else if (now >= expiresAt.get()) {
          Files.deleteIfExists(p);
        } else {
          records.put(name, expiresAt.get());
        }
      }
    }
  }

  private static Optional<Long> readExpiry(Path p) {
    try (var in = Files.newInputStream(p)) {
      byte[] head = in.readNBytes(SessionRecord.HEADER_BYTES + 12 + 16);
      return SessionRecord.expiresAt(head);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void sweep() {
    long now = clock.millis();
    live.removeIf(l -> now >= l.expiresAt());
    onDisk(
            () -> {
              records.entrySet().stream()
                  .filter(e -> now >= e.getValue())
                  .map(Map.Entry::getKey)
                  .sorted(Comparator.naturalOrder())
                  .toList()
                  .forEach(this::deleteRecord);
              return null;
            })
        .onFailure(e -> LOG.log(Level.WARNING, "session sweep failed", e));
  }

  /** Deletes the expired sessions and records now (the periodic sweep, on demand for tests). */
  public Future<Void> sweepNow() {
    sweep();
    return onDisk(() -> null);
  }

  private static void createFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      try {
        Files.createDirectories(
            folder,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException e) {
        Files.createDirectories(folder);
      }
    }
  }

  private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
    return folderIsPosix()
        ? new java.nio.file.attribute.FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new java.nio.file.attribute.FileAttribute<?>[0];
  }

  private static boolean folderIsPosix() {
    return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Names the record by the first 12 characters of its file name: no id, no key, no data. */
  private static void warn(String code, String fileName, String detail) {
    LOG.warning(code + ": session record " + fileName.substring(0, 12) + "…: " + detail);
  }
}

package io.votechain.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk-backed session store on a real Vert.x and a real folder. "A restart" is a second store
 * opened over the same folder: it shares nothing with the first but the files.
 */
class EncryptedFileSessionStoreTest {
  private static final long TIMEOUT = 30 * 60 * 1000L;
  private static final String SECRET = "seed-0123456789abcdef-THE-SECRET";

  @TempDir Path folder;
  private Vertx vertx;
  private final MutableClock clock = new MutableClock(1_800_000_000_000L);
  private final List<EncryptedFileSessionStore> opened = new ArrayList<>();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() throws Exception {
    opened.forEach(EncryptedFileSessionStore::close);
    await(vertx.close());
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    final AtomicLong millis;

    MutableClock(long start) {
      millis = new AtomicLong(start);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  private static SessionFields fields() {
    SessionFields fields = new SessionFields();
    // "user" plays the signed-in official: the anchor; "note" rides along; "csrf" a plain string.
    fields.register("user", JsonObject.class, true, j -> j.copy(), o -> ((JsonObject) o).copy());
    fields.registerString("csrf");
    fields.registerString("note");
    return fields;
  }

  private EncryptedFileSessionStore open(
      EncryptedFileSessionStore.Limits limits, SessionFields fields) throws Exception {
    EncryptedFileSessionStore s =
        EncryptedFileSessionStore.open(vertx, folder, clock, new SecureRandom(), limits, fields);
    opened.add(s);
    await(s.recordCount()); // the start-up scan has run
    return s;
  }

  private EncryptedFileSessionStore open(EncryptedFileSessionStore.Limits limits) throws Exception {
    return open(limits, fields());
  }

  private EncryptedFileSessionStore open() throws Exception {
    return open(EncryptedFileSessionStore.Limits.DEFAULT);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Session signedIn(EncryptedFileSessionStore store, String name) {
    Session s = store.createSession(TIMEOUT);
    s.put("user", new JsonObject().put("name", name).put("seed", SECRET));
    s.put("csrf", "token-of-" + name);
    return s;
  }

  private List<Path> records() throws Exception {
    try (Stream<Path> all = Files.list(folder)) {
      return all.filter(p -> p.toString().endsWith(SessionRecord.SUFFIX)).sorted().toList();
    }
  }

  @Test
  void aSignedInSessionIsReadBackAfterARestartWithItsCookie() throws Exception {
    EncryptedFileSessionStore first = open();
    Session s = signedIn(first, "ann");
    await(first.put(s));
    String cookie = s.value();
    await(first.closeAfterPendingWrites());

    EncryptedFileSessionStore second = open();
    Session back = await(second.get(cookie));
    assertNotNull(back);
    assertEquals(s.id(), back.id());
    assertEquals("ann", back.<JsonObject>get("user").getString("name"));
    assertEquals(SECRET, back.<JsonObject>get("user").getString("seed"));
    assertEquals("token-of-ann", back.<String>get("csrf"));
    assertEquals(cookie, back.value(), "the same cookie keeps working");
  }

  @Test
  void theRecordHoldsNeitherTheKeyNorTheIdNorTheSessionsSecretsInClear() throws Exception {
    EncryptedFileSessionStore store = open();
    Session s = signedIn(store, "ann");
    await(store.put(s));
    SessionCookieValue cookie = SessionCookieValue.parse(s.value()).orElseThrow();
    List<Path> files = records();
    assertEquals(1, files.size());
    byte[] bytes = Files.readAllBytes(files.get(0));
    String asText = new String(bytes, StandardCharsets.ISO_8859_1);
    for (String clear :
        List.of(
            SECRET,
            "ann",
            "token-of-ann",
            "seed",
            s.id(),
            Base64.getUrlEncoder().withoutPadding().encodeToString(cookie.key()),
            Base64.getEncoder().encodeToString(cookie.key()),
            HexFormat.of().formatHex(cookie.key()))) {
      assertFalse(asText.contains(clear), "the record shows " + clear);
    }
    assertFalse(contains(bytes, cookie.key()), "the record holds the raw key");
    assertFalse(files.get(0).getFileName().toString().contains(s.id()), "the file name is the id");
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))),
        "owner-only");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** A cookie with the right id and another key. */
  private static String withKey(String cookie, byte[] key) {
    String id = SessionCookieValue.parse(cookie).orElseThrow().id();
    return new SessionCookieValue(id, key).format();
  }

  @Test
  void aWrongKeyFindsNoSessionInMemoryNorOnDiskAndLeavesTheRecord() throws Exception {
    EncryptedFileSessionStore store = open();
    Session s = signedIn(store, "ann");
    await(store.put(s));
    String forged = withKey(s.value(), new byte[32]);
    assertNull(await(store.get(forged)), "in memory: the key is compared");
    await(store.closeAfterPendingWrites());

    EncryptedFileSessionStore restarted = open();
    assertNull(await(restarted.get(forged)), "on disk: the tag does not verify");
    assertEquals(1, records().size(), "a wrong key does not sign the owner out");
    assertNotNull(await(restarted.get(s.value())), "the owner's cookie still works");
  }

  @Test
  void everyFlippedByteOfTheRecordMakesItNoSession() throws Exception {
    EncryptedFileSessionStore store = open();
    Session s = signedIn(store, "ann");
    await(store.put(s));
    await(store.closeAfterPendingWrites());
    Path file = records().get(0);
    byte[] good = Files.readAllBytes(file);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x01;
      Files.write(file, bad);
      EncryptedFileSessionStore restarted = open();
      assertNull(await(restarted.get(s.value())), "byte " + i + " flipped");
      await(restarted.closeAfterPendingWrites());
      opened.remove(restarted);
      if (!Files.exists(file)) {
        // A flipped magic ("not a record") or an expiry moved earlier (already expired) makes the
        // start-up scan delete it; the next round writes it again.
        assertTrue(i < SessionRecord.HEADER_BYTES, "only the header can make it deletable");
      }
    }
    Files.write(file, good);
    assertNotNull(await(open().get(s.value())), "the unaltered record still opens");
  }

  @Test
  void aRecordMovedUnderAnotherSessionsNameDoesNotOpenEvenWithItsOwnKey() throws Exception {
    EncryptedFileSessionStore store = open();
    Session ann = signedIn(store, "ann");
    Session bo = signedIn(store, "bo");
    await(store.put(ann));
    await(store.put(bo));
    await(store.closeAfterPendingWrites());
    String annFile = SessionRecord.fileName(ann.id());
    String boFile = SessionRecord.fileName(bo.id());
    Files.copy(
        folder.resolve(annFile),
        folder.resolve(boFile),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    EncryptedFileSessionStore restarted = open();
    // bo's id with ann's key: the key matches the record, but the id in the AAD does not.
    SessionCookieValue annCookie = SessionCookieValue.parse(ann.value()).orElseThrow();
    assertNull(await(restarted.get(withKey(bo.value(), annCookie.key()))));
    assertNull(await(restarted.get(bo.value())), "bo's own cookie does not open ann's record");
    assertNotNull(await(restarted.get(ann.value())));
  }

  @Test
  void anExpiredSessionIsNoSessionAndItsRecordIsDeletedAlsoAtStart() throws Exception {
    EncryptedFileSessionStore store = open();
    Session ann = signedIn(store, "ann");
    Session bo = signedIn(store, "bo");
    await(store.put(ann));
    await(store.put(bo));
    clock.millis.addAndGet(TIMEOUT);
    assertNull(await(store.get(ann.value())), "expired in memory");
    await(store.closeAfterPendingWrites());
    assertEquals(1, records().size(), "ann's record went with her session");

    EncryptedFileSessionStore restarted = open();
    assertEquals(List.of(), records(), "the start-up scan deleted bo's expired record");
    assertNull(await(restarted.get(bo.value())));
  }

  @Test
  void thePeriodicSweepDeletesExpiredRecordsNobodyAsksFor() throws Exception {
    EncryptedFileSessionStore store = open();
    await(store.put(signedIn(store, "ann")));
    clock.millis.addAndGet(TIMEOUT - 1);
    await(store.sweepNow());
    assertEquals(1, records().size(), "not yet expired");
    clock.millis.addAndGet(1);
    await(store.sweepNow());
    assertEquals(List.of(), records());
    assertEquals(0, await(store.size()));
  }

  @Test
  void aStoredSessionAgainPushesItsExpiryLater() throws Exception {
    EncryptedFileSessionStore store = open();
    Session ann = signedIn(store, "ann");
    await(store.put(ann));
    clock.millis.addAndGet(TIMEOUT - 1);
    await(store.put(ann));
    clock.millis.addAndGet(TIMEOUT - 1);
    await(store.closeAfterPendingWrites());
    assertNotNull(await(open().get(ann.value())));
  }

  @Test
  void anAnonymousSessionIsNeverWrittenToDisk() throws Exception {
    EncryptedFileSessionStore store = open();
    Session visitor = store.createSession(TIMEOUT);
    visitor.put("csrf", "token");
    await(store.put(visitor));
    assertEquals(0, await(store.recordCount()));
    assertEquals(List.of(), records());
    assertNotNull(await(store.get(visitor.value())), "it lives in memory");
  }

  @Test
  void aNewIdAndKeyAtRegenerationAndTheOldCookieOpensNothing() throws Exception {
    EncryptedFileSessionStore store = open();
    Session s = store.createSession(TIMEOUT);
    await(store.put(s));
    String before = s.value();
    SessionCookieValue b = SessionCookieValue.parse(before).orElseThrow();
    s.regenerateId();
    s.put("user", new JsonObject().put("name", "ann"));
    // What SessionHandler does with a regenerated session.
    await(store.delete(s.oldId()));
    await(store.put(s));
    SessionCookieValue a = SessionCookieValue.parse(s.value()).orElseThrow();
    assertNotEquals(b.id(), a.id());
    assertFalse(java.util.Arrays.equals(b.key(), a.key()), "a new key too");
    assertNull(await(store.get(before)));
    assertNull(await(store.get(withKey(s.value(), b.key()))), "new id with the old key");
    await(store.closeAfterPendingWrites());
    EncryptedFileSessionStore restarted = open();
    assertNull(await(restarted.get(before)));
    assertNotNull(await(restarted.get(s.value())));
  }

  @Test
  void theSessionSignedInFromAnAnonymousOneIsFoundByTheVeryNextRequest() throws Exception {
    EncryptedFileSessionStore before = open();
    Session bo = signedIn(before, "bo");
    await(before.put(bo));
    await(before.closeAfterPendingWrites());
    // After a restart bo's record is read back on the disk thread, and held there until the test
    // lets go: the disk queue is busy, as it is under other officials' writes.
    CountDownLatch diskFree = new CountDownLatch(1);
    SessionFields slowToRead = fields();
    slowToRead.register(
        "user",
        JsonObject.class,
        true,
        j -> j.copy(),
        o -> {
          try {
            diskFree.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ((JsonObject) o).copy();
        });
    EncryptedFileSessionStore store = open(EncryptedFileSessionStore.Limits.DEFAULT, slowToRead);
    try {
      Future<Session> boBack = store.get(bo.value());
      Session s = store.createSession(TIMEOUT);
      s.put("csrf", "token"); // the sign-in form's visit: memory only
      await(store.put(s));
      s.regenerateId();
      s.put("user", new JsonObject().put("name", "ann"));
      // What SessionHandler does when the sign-in request ends; its 303 does not wait for it.
      Future<Void> stored = store.delete(s.oldId()).compose(v -> store.put(s));
      Future<Session> next = store.get(s.value());
      diskFree.countDown();
      Session found = await(next);
      assertNotNull(found, "the official's first page after signing in finds the session");
      assertEquals("ann", found.<JsonObject>get("user").getString("name"));
      await(stored);
      assertNotNull(await(boBack));
    } finally {
      diskFree.countDown();
    }
  }

  @Test
  void deletingASessionDeletesItsRecord() throws Exception {
    EncryptedFileSessionStore store = open();
    Session s = signedIn(store, "ann");
    store.put(s); // not awaited: the deletion must still come after the write
    await(store.delete(s.id()));
    assertEquals(List.of(), records());
    await(store.closeAfterPendingWrites());
    assertNull(await(open().get(s.value())));
  }

  @Test
  void aSessionDroppedFromMemoryAndStoredAgainStillHasItsRecordDeleted() throws Exception {
    EncryptedFileSessionStore store =
        open(new EncryptedFileSessionStore.Limits(1, 10, 64 * 1024, 60_000));
    Session ann = signedIn(store, "ann");
    await(store.put(ann));
    await(store.put(store.createSession(TIMEOUT))); // ann leaves memory, her record stays
    // A request that still holds ann's session stores it again, say half-way through signing out.
    ann.remove("user");
    await(store.put(ann));
    await(store.delete(ann.id()));
    assertEquals(List.of(), records(), "the deletion still went to the disk");
  }

  @Test
  void atTheRecordLimitTheRecordClosestToExpiryIsEvicted() throws Exception {
    EncryptedFileSessionStore store =
        open(new EncryptedFileSessionStore.Limits(100, 3, 64 * 1024, 60_000));
    List<Session> sessions = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      Session s = signedIn(store, name);
      await(store.put(s));
      sessions.add(s);
      clock.millis.addAndGet(1000);
    }
    assertEquals(3, records().size());
    assertFalse(Files.exists(folder.resolve(SessionRecord.fileName(sessions.get(0).id()))));
    await(store.closeAfterPendingWrites());
    EncryptedFileSessionStore restarted = open();
    assertNull(await(restarted.get(sessions.get(0).value())), "the oldest was evicted");
    for (Session s : sessions.subList(1, 4)) {
      assertNotNull(await(restarted.get(s.value())));
    }
  }

  @Test
  void atTheMemoryLimitTheLeastRecentlyUsedLeavesMemoryButNotTheDisk() throws Exception {
    EncryptedFileSessionStore store =
        open(new EncryptedFileSessionStore.Limits(2, 10, 64 * 1024, 60_000));
    Session ann = signedIn(store, "ann");
    await(store.put(ann));
    for (int i = 0; i < 3; i++) {
      await(store.put(store.createSession(TIMEOUT)));
    }
    assertEquals(2, await(store.size()));
    assertNotNull(await(store.get(ann.value())), "read back from its record");
  }

  @Test
  void aRecordOverTheSizeLimitLeavesOutTheValuesOtherThanTheSignIn() throws Exception {
    EncryptedFileSessionStore store =
        open(new EncryptedFileSessionStore.Limits(100, 10, 2048, 60_000));
    Session s = signedIn(store, "ann");
    s.put("note", "n".repeat(4096));
    await(store.put(s));
    await(store.closeAfterPendingWrites());
    Session back = await(open().get(s.value()));
    assertNotNull(back, "still signed in after a restart");
    assertEquals("ann", back.<JsonObject>get("user").getString("name"));
    assertNull(back.get("note"), "the large value was left out");
    assertNull(back.get("csrf"), "so was every other non-anchor value");
  }

  @Test
  void aSignInTooLargeForARecordIsNotWrittenAndTheSessionStaysInMemory() throws Exception {
    EncryptedFileSessionStore store =
        open(new EncryptedFileSessionStore.Limits(100, 10, 2048, 60_000));
    Session s = signedIn(store, "ann");
    await(store.put(s));
    assertEquals(1, records().size());
    s.put("user", new JsonObject().put("name", "x".repeat(4096)));
    await(store.put(s));
    assertEquals(List.of(), records(), "the older, smaller record went too");
    assertNotNull(await(store.get(s.value())));
  }

  @Test
  void concurrentStoresLeaveOneWholeRecordPerSession() throws Exception {
    EncryptedFileSessionStore store = open();
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sessions.add(signedIn(store, "official-" + i));
    }
    List<Thread> threads = new ArrayList<>();
    List<Future<Void>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int offset = t;
      threads.add(
          new Thread(
              () -> {
                for (int round = 0; round < 25; round++) {
                  Session s = sessions.get((round + offset) % sessions.size());
                  writes.add(store.put(s));
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    await(Future.all(writes));
    await(store.closeAfterPendingWrites());
    assertEquals(sessions.size(), records().size());
    try (Stream<Path> all = Files.list(folder)) {
      assertEquals(sessions.size(), all.count(), "no temporary file left behind");
    }
    EncryptedFileSessionStore restarted = open();
    for (int i = 0; i < sessions.size(); i++) {
      Session back = await(restarted.get(sessions.get(i).value()));
      assertNotNull(back);
      assertEquals("official-" + i, back.<JsonObject>get("user").getString("name"));
    }
  }

  @Test
  void malformedCookiesAreNoSession() throws Exception {
    EncryptedFileSessionStore store = open();
    for (String bad :
        List.of("", "abc", "0123456789abcdef0123456789abcdef", "../../etc/passwd.x", "a.b.c")) {
      assertNull(await(store.get(bad)), bad);
    }
  }

  @Test
  void aFileThatIsNotARecordIsDeletedAtStartAndNeverCrashesTheStore() throws Exception {
    Files.write(folder.resolve("0".repeat(64) + SessionRecord.SUFFIX), new byte[] {1, 2, 3});
    Files.write(folder.resolve(".tmp-123.part"), new byte[] {1});
    open();
    try (Stream<Path> all = Files.list(folder)) {
      assertEquals(0, all.count());
    }
  }
}

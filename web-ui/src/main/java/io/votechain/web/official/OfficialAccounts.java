package io.votechain.web.official;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's accounts (a JSON file named by the {@code web.officials} setting) and sign-in with
 * throttling: after {@value #MAX_FAILURES} wrong passwords in a row an account is locked for {@link
 * #LOCKOUT}, so guessing is bounded by policy as well as by Argon2id's cost. An unknown name costs
 * the same Argon2id run as a known one, so response time does not tell which names exist. Thread
 * safe.
 */
public final class OfficialAccounts {
  static final int MAX_FAILURES = 5;
  static final Duration LOCKOUT = Duration.ofMinutes(5);

  private final Map<String, OfficialAccount> byName;
  private final OfficialAccount decoy;
  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public OfficialAccounts(List<OfficialAccount> accounts, Clock clock) {
    Map<String, OfficialAccount> m = new TreeMap<>();
    for (OfficialAccount a : accounts) {
      if (m.put(a.name(), a) != null) {
        throw new IllegalArgumentException("two accounts named " + a.name());
      }
    }
    this.byName = Map.copyOf(m);
    this.clock = clock;
    this.decoy =
        accounts.isEmpty()
            ? null
            : new OfficialAccount(
                "decoy",
                java.util.Set.of(),
                accounts.get(0).publicKey(),
                accounts.get(0).sealedKey());
  }

  public static OfficialAccounts read(Path file, Clock clock) throws IOException {
    return new OfficialAccounts(readList(file), clock);
  }

  /** The accounts of {@code file}, in file order. */
  public static List<OfficialAccount> readList(Path file) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    return json.getJsonArray("accounts", new JsonArray()).stream()
        .map(o -> OfficialAccount.fromJson((JsonObject) o))
        .toList();
  }

  public static void write(List<OfficialAccount> accounts, Path file) throws IOException {
    JsonArray a = new JsonArray();
    accounts.forEach(x -> a.add(x.toJson()));
    Files.writeString(file, new JsonObject().put("accounts", a).encodePrettily());
  }

  /** The account named {@code name}, if enrolled. */
  public Optional<OfficialAccount> account(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The outcome of a sign-in attempt. */
  public sealed interface SignIn {
    record Success(Official official) implements SignIn {}

    /** Wrong name or password (deliberately not told apart). */
    record Failed() implements SignIn {}

    record Locked(Instant until) implements SignIn {}
  }

  /** Checks {@code password}; blocking (Argon2id), so call it on a worker thread. */
  public SignIn signIn(String name, char[] password) {
    Instant now = clock.instant();
    Failures f = failures.get(name);
    if (f != null && f.lockedUntil != null && now.isBefore(f.lockedUntil)) {
      return new SignIn.Locked(f.lockedUntil);
    }
    OfficialAccount account = byName.get(name);
    if (account == null) {
      if (decoy != null) {
        decoy.signIn(password);
      }
      return new SignIn.Failed();
    }
    Optional<Official> official = account.signIn(password);
    if (official.isPresent()) {
      failures.remove(name);
      return new SignIn.Success(official.get());
    }
    Failures updated =
        failures.compute(
            name,
            (k, old) -> {
              int count = (old == null || old.lockedUntil != null ? 0 : old.count) + 1;
              return new Failures(count, count >= MAX_FAILURES ? now.plus(LOCKOUT) : null);
            });
    return updated.lockedUntil != null
        ? new SignIn.Locked(updated.lockedUntil)
        : new SignIn.Failed();
  }

  private record Failures(int count, Instant lockedUntil) {}
}

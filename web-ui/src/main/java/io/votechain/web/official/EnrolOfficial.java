package io.votechain.web.official;

import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.KeyFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Enrols an official in the console's accounts file (docs/web-ui.md §2.1, web-ui/README.md):
 *
 * <pre>
 * java -cp … io.votechain.web.official.EnrolOfficial --accounts FILE --name NAME
 *     --roles ELECTION_OFFICER[,REGISTRAR,…] [--key KEYFILE] [--password-stdin]
 *     [--memory-kib 65536] [--iterations 3]
 * java -cp … io.votechain.web.official.EnrolOfficial --accounts FILE --remove NAME
 * java -cp … io.votechain.web.official.EnrolOfficial --accounts FILE --rekey NAME
 *     [--key KEYFILE] [--password-stdin] [--memory-kib 65536] [--iterations 3]
 * </pre>
 *
 * <p>{@code --remove} deletes the account (the ledger's authority is changed by a proposal, not
 * here). {@code --rekey} seals the same key under a new password (and the Argon2id parameters
 * given), keeping name, roles and place in the file: the key is opened with the current password,
 * or read from {@code --key} (which must be the account's key) when the password is lost. A changed
 * or removed account ends its sessions at the node's next start (docs/web-ui.md §2.2).
 *
 * <p>With {@code --key} the official's existing key (a node key file, e.g. the genesis's {@code
 * officials/official-0.json}) is sealed; without it a new Ed25519 key is generated and its public
 * key printed, to be put in the genesis or in a {@code ChangeAuthority} proposal. The key is stored
 * only sealed under the password with Argon2id ({@link SealedKey}, RFC 9106's 64 MiB and 3 passes
 * by default). The password is read twice from the terminal, or once from standard input with
 * {@code --password-stdin}; it is never an argument (arguments show in the process list). Refuses,
 * with an {@code ENROL_*} code on standard error and exit status 2, a bad name, unknown or no
 * roles, a weak password ({@link PasswordPolicy}), a name or key already enrolled. The file is
 * replaced atomically and, where the file system allows, readable by its owner only. The console
 * reads the file when it starts: restart the node (or the web UI) to let the new official sign in.
 */
public final class EnrolOfficial {
  /** Argon2id as RFC 9106's second recommended option. */
  static final int DEFAULT_MEMORY_KIB = 64 * 1024;

  static final int DEFAULT_ITERATIONS = 3;

  /** Below this the memory-hardness is a formality; tests use it, deployments the default. */
  static final int MIN_MEMORY_KIB = 8 * 1024;

  /** Why an enrolment was refused; printed as the first word of the error line. */
  enum Refusal {
    ENROL_BAD_ARGUMENTS,
    ENROL_BAD_NAME,
    ENROL_NO_ROLES,
    ENROL_UNKNOWN_ROLE,
    ENROL_WEAK_ARGON2,
    ENROL_NO_PASSWORD,
    ENROL_PASSWORDS_DIFFER,
    ENROL_WEAK_PASSWORD,
    ENROL_KEY_UNREADABLE,
    ENROL_ACCOUNTS_UNREADABLE,
    ENROL_CANNOT_WRITE,
    ENROL_DUPLICATE_NAME,
    ENROL_DUPLICATE_KEY,
    ENROL_UNKNOWN_NAME,
    ENROL_WRONG_PASSWORD,
    ENROL_KEY_MISMATCH
  }

  static final int OK = 0;
  static final int REFUSED = 2;

  private final SecureRandom random;
  private final PrintStream out;
  private final PrintStream err;

  EnrolOfficial(SecureRandom random, PrintStream out, PrintStream err) {
    this.random = random;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) throws IOException {
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int status =
        new EnrolOfficial(new SecureRandom(), System.out, System.err)
            .run(args, () -> readPassword(args, stdin));
    System.exit(status);
  }

  /** Where the password comes from: the terminal (twice) or standard input (once). */
  @FunctionalInterface
  interface PasswordSource {
    /** The password, or empty if none could be read; a second element means "typed twice". */
    List<char[]> read() throws IOException;
  }

  /**
   * Re-keying without {@code --key} first needs the current password, to open the sealed key: then
   * the list starts with it (standard input: the first line is the current password, the second the
   * new one).
   */
  private static List<char[]> readPassword(String[] args, BufferedReader stdin) throws IOException {
    List<String> a = Arrays.asList(args);
    boolean current = a.contains("--rekey") && !a.contains("--key");
    if (a.contains("--password-stdin")) {
      List<char[]> lines = new ArrayList<>();
      for (int i = 0; i < (current ? 2 : 1); i++) {
        String line = stdin.readLine();
        if (line == null) {
          return List.of();
        }
        lines.add(line.toCharArray());
      }
      return lines;
    }
    java.io.Console console = System.console();
    if (console == null) {
      return List.of();
    }
    List<char[]> typed = new ArrayList<>();
    if (current) {
      typed.add(console.readPassword("Current password: "));
    }
    typed.add(console.readPassword("New password: "));
    typed.add(console.readPassword("New password again: "));
    return typed.contains(null) ? List.of() : typed;
  }

  /** What the command was asked to do. */
  private enum Mode {
    ADD,
    REMOVE,
    REKEY
  }

  /** Enrols, removes or re-keys as {@code args} say; returns the exit status. */
  int run(String[] args, PasswordSource passwords) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--password-stdin")) {
        opts.put(a, "");
      } else if (a.startsWith("--") && i + 1 < args.length) {
        opts.put(a, args[++i]);
      } else {
        return refuse(Refusal.ENROL_BAD_ARGUMENTS, "unexpected argument " + a);
      }
    }
    int modes =
        (opts.containsKey("--name") ? 1 : 0)
            + (opts.containsKey("--remove") ? 1 : 0)
            + (opts.containsKey("--rekey") ? 1 : 0);
    if (!opts.containsKey("--accounts") || modes != 1) {
      return refuse(
          Refusal.ENROL_BAD_ARGUMENTS,
          "--accounts FILE and one of --name NAME, --remove NAME, --rekey NAME are required");
    }
    Mode mode =
        opts.containsKey("--remove")
            ? Mode.REMOVE
            : opts.containsKey("--rekey") ? Mode.REKEY : Mode.ADD;
    String name =
        opts.get(mode == Mode.REMOVE ? "--remove" : mode == Mode.REKEY ? "--rekey" : "--name");
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      return refuse(Refusal.ENROL_BAD_NAME, "names match [A-Za-z0-9._-]{1,64}");
    }
    if (mode != Mode.ADD && opts.containsKey("--roles")) {
      return refuse(Refusal.ENROL_BAD_ARGUMENTS, "--roles only when adding an account");
    }
    if (mode == Mode.REMOVE
        && (opts.containsKey("--key") || opts.containsKey("--password-stdin"))) {
      return refuse(Refusal.ENROL_BAD_ARGUMENTS, "--remove takes no key and no password");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (mode == Mode.ADD) {
      for (String r : opts.getOrDefault("--roles", "").split(",")) {
        if (r.isBlank()) {
          continue;
        }
        try {
          roles.add(Role.valueOf(r.strip()));
        } catch (IllegalArgumentException e) {
          return refuse(
              Refusal.ENROL_UNKNOWN_ROLE, r.strip() + "; roles are " + List.of(Role.values()));
        }
      }
      if (roles.isEmpty()) {
        return refuse(Refusal.ENROL_NO_ROLES, "give --roles, e.g. ELECTION_OFFICER");
      }
    }
    int memoryKiB;
    int iterations;
    try {
      memoryKiB = Integer.parseInt(opts.getOrDefault("--memory-kib", "" + DEFAULT_MEMORY_KIB));
      iterations = Integer.parseInt(opts.getOrDefault("--iterations", "" + DEFAULT_ITERATIONS));
    } catch (NumberFormatException e) {
      return refuse(Refusal.ENROL_BAD_ARGUMENTS, "--memory-kib and --iterations are numbers");
    }
    if (memoryKiB < MIN_MEMORY_KIB || iterations < 1) {
      return refuse(
          Refusal.ENROL_WEAK_ARGON2,
          "at least " + MIN_MEMORY_KIB + " KiB and 1 pass (default 65536 KiB, 3 passes)");
    }
    Path file = Path.of(opts.get("--accounts"));
    List<OfficialAccount> existing;
    try {
      existing = Files.exists(file) ? OfficialAccounts.readList(file) : List.of();
    } catch (IOException | RuntimeException e) {
      return refuse(Refusal.ENROL_ACCOUNTS_UNREADABLE, file.toString());
    }
    Optional<OfficialAccount> named =
        existing.stream().filter(a -> a.name().equals(name)).findFirst();
    if (mode == Mode.ADD && named.isPresent()) {
      return refuse(Refusal.ENROL_DUPLICATE_NAME, name);
    }
    if (mode != Mode.ADD && named.isEmpty()) {
      return refuse(Refusal.ENROL_UNKNOWN_NAME, name + " is not enrolled in " + file);
    }
    if (mode == Mode.REMOVE) {
      return remove(existing, named.get(), file);
    }
    Ed25519Signer key = null;
    if (opts.containsKey("--key")) {
      try {
        key = KeyFile.read(Path.of(opts.get("--key")));
      } catch (IOException | RuntimeException e) {
        return refuse(Refusal.ENROL_KEY_UNREADABLE, opts.get("--key"));
      }
    } else if (mode == Mode.ADD) {
      key = Ed25519Signer.generate(random);
    }
    if (mode == Mode.REKEY && key != null && !key.publicKey().equals(named.get().publicKey())) {
      return refuse(Refusal.ENROL_KEY_MISMATCH, "the key file is not " + name + "'s key");
    }
    if (mode == Mode.ADD) {
      Ed25519Signer k = key;
      Optional<OfficialAccount> sameKey =
          existing.stream().filter(a -> a.publicKey().equals(k.publicKey())).findFirst();
      if (sameKey.isPresent()) {
        // One key, one account: two accounts for one key would make two passwords for one signer.
        return refuse(Refusal.ENROL_DUPLICATE_KEY, "already enrolled as " + sameKey.get().name());
      }
    }
    List<char[]> typed;
    try {
      typed = passwords.read();
    } catch (IOException e) {
      return refuse(Refusal.ENROL_NO_PASSWORD, "could not read the password");
    }
    try {
      List<char[]> fresh = typed;
      if (mode == Mode.REKEY && key == null) {
        // Without the key file the sealed key is opened with the current password.
        if (typed.size() < 2) {
          return refuse(
              Refusal.ENROL_NO_PASSWORD,
              "re-keying needs the current password, then the new one (or --key KEYFILE)");
        }
        Optional<Official> opened = named.get().signIn(typed.get(0));
        if (opened.isEmpty()) {
          return refuse(Refusal.ENROL_WRONG_PASSWORD, "the current password does not open the key");
        }
        key = opened.get().signer();
        fresh = typed.subList(1, typed.size());
      }
      if (fresh.isEmpty()) {
        return refuse(
            Refusal.ENROL_NO_PASSWORD,
            "no terminal: give the password on stdin (--password-stdin)");
      }
      char[] password = fresh.get(0);
      if (fresh.size() > 1 && !Arrays.equals(password, fresh.get(1))) {
        return refuse(Refusal.ENROL_PASSWORDS_DIFFER, "the two passwords differ");
      }
      Optional<String> weak = PasswordPolicy.weakness(name, password);
      if (weak.isPresent()) {
        return refuse(Refusal.ENROL_WEAK_PASSWORD, weak.get());
      }
      Set<Role> accountRoles = mode == Mode.REKEY ? named.get().roles() : roles;
      OfficialAccount account =
          OfficialAccount.enroll(name, accountRoles, key, password, memoryKiB, iterations, random);
      List<OfficialAccount> all = new ArrayList<>(existing);
      if (mode == Mode.REKEY) {
        // Same place in the file, same roles and key; only the seal (salt, password) is new.
        all.set(all.indexOf(named.get()), account);
      } else {
        all.add(account);
      }
      write(all, file);
      out.println(
          (mode == Mode.REKEY ? "re-keyed " : "enrolled ")
              + name
              + " "
              + account.roles().stream().sorted().toList()
              + " public key "
              // The 64-hex form the console's authority and trustee forms take.
              + HexFormat.of().formatHex(key.publicKey().encoded()));
      return OK;
    } catch (IOException e) {
      return refuse(Refusal.ENROL_CANNOT_WRITE, file.toString());
    } finally {
      typed.forEach(p -> Arrays.fill(p, '\0'));
    }
  }

  private int remove(List<OfficialAccount> existing, OfficialAccount gone, Path file) {
    List<OfficialAccount> all = new ArrayList<>(existing);
    all.remove(gone);
    try {
      write(all, file);
    } catch (IOException e) {
      return refuse(Refusal.ENROL_CANNOT_WRITE, file.toString());
    }
    out.println(
        "removed "
            + gone.name()
            + " public key "
            + HexFormat.of().formatHex(gone.publicKey().encoded())
            // The console forgets the account at its next start; the ledger only by a proposal.
            + " (the ledger's authority still lists the key until a ChangeAuthority executes)");
    return OK;
  }

  /** Writes beside the file and moves it over, so the console never reads half a file. */
  private static void write(List<OfficialAccount> accounts, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".accounts", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the directory's own protection has to do.
      }
      OfficialAccounts.write(accounts, tmp);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private int refuse(Refusal code, String detail) {
    err.println(code.name() + ": " + detail);
    return REFUSED;
  }
}

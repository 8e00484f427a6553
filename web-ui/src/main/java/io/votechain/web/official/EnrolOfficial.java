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
 * </pre>
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
    ENROL_DUPLICATE_KEY
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

  private static List<char[]> readPassword(String[] args, BufferedReader stdin) throws IOException {
    if (Arrays.asList(args).contains("--password-stdin")) {
      String line = stdin.readLine();
      return line == null ? List.of() : List.of(line.toCharArray());
    }
    java.io.Console console = System.console();
    if (console == null) {
      return List.of();
    }
    char[] first = console.readPassword("Password: ");
    char[] second = console.readPassword("Password again: ");
    return first == null || second == null ? List.of() : List.of(first, second);
  }

  /** Enrols as {@code args} say; returns the exit status. */
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
    if (!opts.containsKey("--accounts") || !opts.containsKey("--name")) {
      return refuse(Refusal.ENROL_BAD_ARGUMENTS, "--accounts FILE and --name NAME are required");
    }
    String name = opts.get("--name");
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      return refuse(Refusal.ENROL_BAD_NAME, "names match [A-Za-z0-9._-]{1,64}");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
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
    if (existing.stream().anyMatch(a -> a.name().equals(name))) {
      return refuse(Refusal.ENROL_DUPLICATE_NAME, name);
    }
    Ed25519Signer key;
    if (opts.containsKey("--key")) {
      try {
        key = KeyFile.read(Path.of(opts.get("--key")));
      } catch (IOException | RuntimeException e) {
        return refuse(Refusal.ENROL_KEY_UNREADABLE, opts.get("--key"));
      }
    } else {
      key = Ed25519Signer.generate(random);
    }
    Ed25519Signer k = key;
    Optional<OfficialAccount> sameKey =
        existing.stream().filter(a -> a.publicKey().equals(k.publicKey())).findFirst();
    if (sameKey.isPresent()) {
      // One key, one account: two accounts for one key would make two passwords for one signer.
      return refuse(Refusal.ENROL_DUPLICATE_KEY, "already enrolled as " + sameKey.get().name());
    }
    List<char[]> typed;
    try {
      typed = passwords.read();
    } catch (IOException e) {
      return refuse(Refusal.ENROL_NO_PASSWORD, "could not read the password");
    }
    try {
      if (typed.isEmpty()) {
        return refuse(
            Refusal.ENROL_NO_PASSWORD,
            "no terminal: give the password on stdin (--password-stdin)");
      }
      char[] password = typed.get(0);
      if (typed.size() > 1 && !Arrays.equals(password, typed.get(1))) {
        return refuse(Refusal.ENROL_PASSWORDS_DIFFER, "the two passwords differ");
      }
      Optional<String> weak = PasswordPolicy.weakness(name, password);
      if (weak.isPresent()) {
        return refuse(Refusal.ENROL_WEAK_PASSWORD, weak.get());
      }
      OfficialAccount account =
          OfficialAccount.enroll(name, roles, key, password, memoryKiB, iterations, random);
      List<OfficialAccount> all = new ArrayList<>(existing);
      all.add(account);
      write(all, file);
      out.println(
          "enrolled "
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

package io.votechain.web.official;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.KeyFile;
import io.votechain.tx.Keys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The enrolment command: an account it writes signs in through {@link OfficialAccounts} with the
 * password and roles given, and every refusal leaves the file as it was.
 */
class EnrolOfficialTest {
  private static final String GOOD = "correct horse battery staple";

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int seed = 7;

  private int enrol(List<char[]> passwords, String... args) throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    // A new seed per run: the same seed would generate the same key (refused as a duplicate).
    random.setSeed(seed++);
    List<String> all = new ArrayList<>(List.of(args));
    // The smallest Argon2id the command accepts keeps the test quick.
    all.addAll(List.of("--memory-kib", "" + EnrolOfficial.MIN_MEMORY_KIB, "--iterations", "1"));
    return new EnrolOfficial(
            random,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(all.toArray(String[]::new), () -> passwords);
  }

  private static List<char[]> typed(String... p) {
    return Arrays.stream(p).map(String::toCharArray).toList();
  }

  private Path accounts() {
    return dir.resolve("accounts.json");
  }

  private String error() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anEnrolledOfficialSignsInWithTheRolesAndTheGenesisKey() throws Exception {
    Ed25519Signer key = Ed25519Signer.generate(new SecureRandom());
    Path keyFile = dir.resolve("official-0.json");
    KeyFile.write(key, keyFile);
    int status =
        enrol(
            typed(GOOD, GOOD),
            "--accounts",
            accounts().toString(),
            "--name",
            "ann",
            "--roles",
            "ELECTION_OFFICER,AUTHORITY_ADMIN",
            "--key",
            keyFile.toString());
    assertEquals(EnrolOfficial.OK, status, error());
    assertTrue(
        out.toString(StandardCharsets.UTF_8)
            .contains(java.util.HexFormat.of().formatHex(key.publicKey().encoded())));

    OfficialAccounts read = OfficialAccounts.read(accounts(), Clock.systemUTC());
    var ok = read.signIn("ann", GOOD.toCharArray());
    Official ann = assertInstanceOf(OfficialAccounts.SignIn.Success.class, ok).official();
    assertEquals(Set.of(Role.ELECTION_OFFICER, Role.AUTHORITY_ADMIN), ann.roles());
    assertEquals(Keys.hex(key.publicKey()), ann.publicKeyHex());
    assertInstanceOf(
        OfficialAccounts.SignIn.Failed.class, read.signIn("ann", "wrong password!".toCharArray()));
    assertEquals(
        PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(accounts()));
    assertFalse(Files.readString(accounts()).contains(GOOD), "the password is never stored");
  }

  @Test
  void withoutAKeyFileANewKeyIsGeneratedAndASecondOfficialIsAppended() throws Exception {
    assertEquals(
        EnrolOfficial.OK,
        enrol(
            typed(GOOD),
            "--accounts",
            accounts().toString(),
            "--name",
            "reg",
            "--roles",
            "REGISTRAR"),
        error());
    assertEquals(
        EnrolOfficial.OK,
        enrol(
            typed("another long passphrase"),
            "--accounts",
            accounts().toString(),
            "--name",
            "dev",
            "--roles",
            "DEVICE_MANAGER"),
        error());
    assertEquals(
        List.of("reg", "dev"),
        OfficialAccounts.readList(accounts()).stream().map(OfficialAccount::name).toList());
  }

  private void refusedWith(EnrolOfficial.Refusal code, List<char[]> passwords, String... args)
      throws Exception {
    String before = Files.exists(accounts()) ? Files.readString(accounts()) : null;
    err.reset();
    assertEquals(EnrolOfficial.REFUSED, enrol(passwords, args));
    assertTrue(error().startsWith(code.name() + ":"), error());
    String after = Files.exists(accounts()) ? Files.readString(accounts()) : null;
    assertEquals(before, after, "a refusal leaves the accounts file as it was");
  }

  // The cases below are built before the test's folder exists: their arguments name its files by
  // these placeholders, which resolved() replaces.
  private static final String ACCOUNTS = "<accounts file>";
  private static final String ANN_KEY = "<ann's key file>";
  private static final String OTHER_KEY = "<another key file>";
  private static final String MISSING_KEY = "<a key file that does not exist>";

  private static final String[] ANN_AS_REGISTRAR = {
    "--accounts", ACCOUNTS, "--name", "ann", "--roles", "REGISTRAR"
  };
  private static final String[] REKEY_ANN = {"--accounts", ACCOUNTS, "--rekey", "ann"};
  private static final String[] REMOVE_ANN = {"--accounts", ACCOUNTS, "--remove", "ann"};

  private static String[] plus(String[] args, String... more) {
    return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
  }

  /** A refused run: the case's name, its code, what the official types, the arguments. */
  private static Arguments refusal(
      String name, EnrolOfficial.Refusal code, List<String> typed, String... args) {
    return Arguments.argumentSet(name, code, typed, List.of(args));
  }

  private String[] resolved(List<String> args) throws Exception {
    List<String> all = new ArrayList<>();
    for (String a : args) {
      all.add(
          switch (a) {
            case ACCOUNTS -> accounts().toString();
            case ANN_KEY -> dir.resolve("ann-key.json").toString();
            case OTHER_KEY -> newKeyFile("other").toString();
            case MISSING_KEY -> dir.resolve("missing.json").toString();
            default -> a;
          });
    }
    return all.toArray(String[]::new);
  }

  private void refusedCase(EnrolOfficial.Refusal code, List<String> typed, List<String> args)
      throws Exception {
    refusedWith(code, typed.stream().map(String::toCharArray).toList(), resolved(args));
  }

  static Stream<Arguments> badEnrolments() {
    List<Arguments> cases = new ArrayList<>();
    for (String weak :
        List.of(
            "short", "aaaaaaaaaaaaaaaa", "ababababcabcabc", "my-name-is-ann!", "password1234")) {
      cases.add(
          refusal(
              "a weak password: " + weak,
              EnrolOfficial.Refusal.ENROL_WEAK_PASSWORD,
              List.of(weak),
              ANN_AS_REGISTRAR));
    }
    cases.addAll(
        List.of(
            refusal(
                "two different passwords",
                EnrolOfficial.Refusal.ENROL_PASSWORDS_DIFFER,
                List.of(GOOD, GOOD + "!"),
                ANN_AS_REGISTRAR),
            refusal(
                "no password",
                EnrolOfficial.Refusal.ENROL_NO_PASSWORD,
                List.of(),
                ANN_AS_REGISTRAR),
            refusal(
                "a name that is markup",
                EnrolOfficial.Refusal.ENROL_BAD_NAME,
                List.of(GOOD),
                "--accounts",
                ACCOUNTS,
                "--name",
                "<script>",
                "--roles",
                "REGISTRAR"),
            refusal(
                "no roles",
                EnrolOfficial.Refusal.ENROL_NO_ROLES,
                List.of(GOOD),
                "--accounts",
                ACCOUNTS,
                "--name",
                "ann"),
            refusal(
                "an unknown role",
                EnrolOfficial.Refusal.ENROL_UNKNOWN_ROLE,
                List.of(GOOD),
                "--accounts",
                ACCOUNTS,
                "--name",
                "ann",
                "--roles",
                "ROOT"),
            refusal(
                "no accounts file",
                EnrolOfficial.Refusal.ENROL_BAD_ARGUMENTS,
                List.of(GOOD),
                "--name",
                "ann"),
            refusal(
                "a key file that does not exist",
                EnrolOfficial.Refusal.ENROL_KEY_UNREADABLE,
                List.of(GOOD),
                plus(ANN_AS_REGISTRAR, "--key", MISSING_KEY))));
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("badEnrolments")
  void badPasswordsNamesRolesAndArgumentsAreRefusedWithTheirCodes(
      EnrolOfficial.Refusal code, List<String> typed, List<String> args, TestInfo testCase) {
    // Surefire names a failed case by its index only: the heading puts the case's name in the
    // report.
    assertAll(testCase.getDisplayName(), () -> refusedCase(code, typed, args));
  }

  @Test
  void aWeakArgon2IsRefused() throws Exception {
    String file = accounts().toString();
    err.reset();
    int status =
        new EnrolOfficial(new SecureRandom(), new PrintStream(out), new PrintStream(err))
            .run(
                new String[] {
                  "--accounts", file, "--name", "ann", "--roles", "REGISTRAR", "--memory-kib", "64"
                },
                () -> typed(GOOD));
    assertEquals(EnrolOfficial.REFUSED, status);
    assertTrue(error().startsWith("ENROL_WEAK_ARGON2:"), error());
  }

  static Stream<Arguments> duplicates() {
    return Stream.of(
        refusal(
            "a name already enrolled",
            EnrolOfficial.Refusal.ENROL_DUPLICATE_NAME,
            List.of(GOOD),
            ANN_AS_REGISTRAR),
        refusal(
            "a key already enrolled",
            EnrolOfficial.Refusal.ENROL_DUPLICATE_KEY,
            List.of(GOOD),
            "--accounts",
            ACCOUNTS,
            "--name",
            "bo",
            "--roles",
            "REGISTRAR",
            "--key",
            ANN_KEY));
  }

  @ParameterizedTest
  @MethodSource("duplicates")
  void aDuplicateNameOrKeyIsRefused(
      EnrolOfficial.Refusal code, List<String> typed, List<String> args, TestInfo testCase)
      throws Exception {
    Path keyFile = newKeyFile("ann-key");
    assertEquals(
        EnrolOfficial.OK,
        enrol(
            typed(GOOD),
            "--accounts",
            accounts().toString(),
            "--name",
            "ann",
            "--roles",
            "REGISTRAR",
            "--key",
            keyFile.toString()),
        error());
    assertAll(testCase.getDisplayName(), () -> refusedCase(code, typed, args));
  }

  @Test
  void aCorruptAccountsFileIsRefusedNotOverwritten() throws Exception {
    Files.writeString(accounts(), "{ not json");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_ACCOUNTS_UNREADABLE,
        typed(GOOD),
        "--accounts",
        accounts().toString(),
        "--name",
        "ann",
        "--roles",
        "REGISTRAR");
  }

  /** Enrols ann (ELECTION_OFFICER, REGISTRAR) with {@code key} and bo, and returns ann's seal. */
  private SealedKey twoAccounts(Path keyFile) throws Exception {
    String file = accounts().toString();
    assertEquals(
        EnrolOfficial.OK,
        enrol(
            typed(GOOD, GOOD),
            "--accounts",
            file,
            "--name",
            "ann",
            "--roles",
            "ELECTION_OFFICER,REGISTRAR",
            "--key",
            keyFile.toString()),
        error());
    assertEquals(
        EnrolOfficial.OK,
        enrol(
            typed("another long passphrase"),
            "--accounts",
            file,
            "--name",
            "bo",
            "--roles",
            "DEVICE_MANAGER"),
        error());
    return OfficialAccounts.readList(accounts()).get(0).sealedKey();
  }

  private Path newKeyFile(String name) throws Exception {
    Path keyFile = dir.resolve(name + ".json");
    KeyFile.write(Ed25519Signer.generate(new SecureRandom()), keyFile);
    return keyFile;
  }

  @Test
  void removingAnAccountLeavesTheOthersAndItNoLongerSignsIn() throws Exception {
    twoAccounts(newKeyFile("ann-key"));
    assertEquals(
        EnrolOfficial.OK, enrol(List.of(), "--accounts", accounts().toString(), "--remove", "ann"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("removed ann"));
    assertEquals(
        List.of("bo"),
        OfficialAccounts.readList(accounts()).stream().map(OfficialAccount::name).toList());
    assertInstanceOf(
        OfficialAccounts.SignIn.Failed.class,
        OfficialAccounts.read(accounts(), Clock.systemUTC()).signIn("ann", GOOD.toCharArray()));
    assertEquals(
        PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(accounts()));
  }

  @Test
  void reKeyingWithTheCurrentPasswordSealsTheSameKeyUnderTheNewOne() throws Exception {
    Path keyFile = newKeyFile("ann-key");
    SealedKey before = twoAccounts(keyFile);
    String fresh = "a brand new passphrase";
    assertEquals(
        EnrolOfficial.OK,
        enrol(typed(GOOD, fresh, fresh), "--accounts", accounts().toString(), "--rekey", "ann"),
        error());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("re-keyed ann"));
    List<OfficialAccount> after = OfficialAccounts.readList(accounts());
    assertEquals(List.of("ann", "bo"), after.stream().map(OfficialAccount::name).toList());
    assertFalse(before.equals(after.get(0).sealedKey()), "a new seal");
    OfficialAccounts read = OfficialAccounts.read(accounts(), Clock.systemUTC());
    assertInstanceOf(OfficialAccounts.SignIn.Failed.class, read.signIn("ann", GOOD.toCharArray()));
    Official ann =
        assertInstanceOf(
                OfficialAccounts.SignIn.Success.class, read.signIn("ann", fresh.toCharArray()))
            .official();
    assertEquals(Keys.hex(KeyFile.read(keyFile).publicKey()), ann.publicKeyHex(), "same key");
    assertEquals(Set.of(Role.ELECTION_OFFICER, Role.REGISTRAR), ann.roles(), "same roles");
  }

  @Test
  void reKeyingWithTheKeyFileNeedsNoCurrentPassword() throws Exception {
    Path keyFile = newKeyFile("ann-key");
    twoAccounts(keyFile);
    String fresh = "a brand new passphrase";
    assertEquals(
        EnrolOfficial.OK,
        enrol(
            typed(fresh, fresh),
            "--accounts",
            accounts().toString(),
            "--rekey",
            "ann",
            "--key",
            keyFile.toString()),
        error());
    assertInstanceOf(
        OfficialAccounts.SignIn.Success.class,
        OfficialAccounts.read(accounts(), Clock.systemUTC()).signIn("ann", fresh.toCharArray()));
  }

  static Stream<Arguments> badRemovalsAndReKeyings() {
    String fresh = "a brand new passphrase";
    return Stream.of(
        refusal(
            "removing an unknown name",
            EnrolOfficial.Refusal.ENROL_UNKNOWN_NAME,
            List.of(),
            "--accounts",
            ACCOUNTS,
            "--remove",
            "cy"),
        refusal(
            "re-keying an unknown name",
            EnrolOfficial.Refusal.ENROL_UNKNOWN_NAME,
            List.of(GOOD, fresh, fresh),
            "--accounts",
            ACCOUNTS,
            "--rekey",
            "cy"),
        refusal(
            "re-keying with a wrong current password",
            EnrolOfficial.Refusal.ENROL_WRONG_PASSWORD,
            List.of("not the password at all", fresh, fresh),
            REKEY_ANN),
        refusal(
            "re-keying with another key file",
            EnrolOfficial.Refusal.ENROL_KEY_MISMATCH,
            List.of(fresh, fresh),
            plus(REKEY_ANN, "--key", OTHER_KEY)),
        refusal(
            "re-keying without a new password",
            EnrolOfficial.Refusal.ENROL_NO_PASSWORD,
            List.of(GOOD),
            REKEY_ANN),
        refusal(
            "re-keying with two different new passwords",
            EnrolOfficial.Refusal.ENROL_PASSWORDS_DIFFER,
            List.of(GOOD, fresh, fresh + "!"),
            REKEY_ANN),
        refusal(
            "re-keying to a weak password",
            EnrolOfficial.Refusal.ENROL_WEAK_PASSWORD,
            List.of(GOOD, "password", "password"),
            REKEY_ANN),
        refusal(
            "removing with roles",
            EnrolOfficial.Refusal.ENROL_BAD_ARGUMENTS,
            List.of(),
            plus(REMOVE_ANN, "--roles", "REGISTRAR")),
        refusal(
            "removing and re-keying at once",
            EnrolOfficial.Refusal.ENROL_BAD_ARGUMENTS,
            List.of(),
            plus(REMOVE_ANN, "--rekey", "ann")));
  }

  @ParameterizedTest
  @MethodSource("badRemovalsAndReKeyings")
  void removingOrReKeyingIsRefusedForAnUnknownNameAWrongPasswordOrAnotherKey(
      EnrolOfficial.Refusal code, List<String> typed, List<String> args, TestInfo testCase)
      throws Exception {
    twoAccounts(newKeyFile("ann-key"));
    assertAll(testCase.getDisplayName(), () -> refusedCase(code, typed, args));
  }
}

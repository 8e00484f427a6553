package io.votechain.web.official;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void weakPasswordsAreRefused() throws Exception {
    String file = accounts().toString();
    for (String weak :
        List.of(
            "short", "aaaaaaaaaaaaaaaa", "ababababcabcabc", "my-name-is-ann!", "password1234")) {
      refusedWith(
          EnrolOfficial.Refusal.ENROL_WEAK_PASSWORD,
          typed(weak),
          "--accounts",
          file,
          "--name",
          "ann",
          "--roles",
          "REGISTRAR");
    }
  }

  @Test
  void twoDifferentPasswordsOrNoneAreRefused() throws Exception {
    String file = accounts().toString();
    refusedWith(
        EnrolOfficial.Refusal.ENROL_PASSWORDS_DIFFER,
        typed(GOOD, GOOD + "!"),
        "--accounts",
        file,
        "--name",
        "ann",
        "--roles",
        "REGISTRAR");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_NO_PASSWORD,
        List.of(),
        "--accounts",
        file,
        "--name",
        "ann",
        "--roles",
        "REGISTRAR");
  }

  @Test
  void aDuplicateNameOrKeyIsRefused() throws Exception {
    Ed25519Signer key = Ed25519Signer.generate(new SecureRandom());
    Path keyFile = dir.resolve("k.json");
    KeyFile.write(key, keyFile);
    String file = accounts().toString();
    assertEquals(
        EnrolOfficial.OK,
        enrol(
            typed(GOOD),
            "--accounts",
            file,
            "--name",
            "ann",
            "--roles",
            "REGISTRAR",
            "--key",
            keyFile.toString()),
        error());
    refusedWith(
        EnrolOfficial.Refusal.ENROL_DUPLICATE_NAME,
        typed(GOOD),
        "--accounts",
        file,
        "--name",
        "ann",
        "--roles",
        "REGISTRAR");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_DUPLICATE_KEY,
        typed(GOOD),
        "--accounts",
        file,
        "--name",
        "bo",
        "--roles",
        "REGISTRAR",
        "--key",
        keyFile.toString());
  }

  @Test
  void badNamesRolesArgumentsAndWeakArgon2AreRefused() throws Exception {
    String file = accounts().toString();
    refusedWith(
        EnrolOfficial.Refusal.ENROL_BAD_NAME,
        typed(GOOD),
        "--accounts",
        file,
        "--name",
        "<script>",
        "--roles",
        "REGISTRAR");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_NO_ROLES, typed(GOOD), "--accounts", file, "--name", "ann");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_UNKNOWN_ROLE,
        typed(GOOD),
        "--accounts",
        file,
        "--name",
        "ann",
        "--roles",
        "ROOT");
    refusedWith(EnrolOfficial.Refusal.ENROL_BAD_ARGUMENTS, typed(GOOD), "--name", "ann");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_KEY_UNREADABLE,
        typed(GOOD),
        "--accounts",
        file,
        "--name",
        "ann",
        "--roles",
        "REGISTRAR",
        "--key",
        dir.resolve("missing.json").toString());
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

  @Test
  void removingOrReKeyingIsRefusedForAnUnknownNameAWrongPasswordOrAnotherKey() throws Exception {
    twoAccounts(newKeyFile("ann-key"));
    String file = accounts().toString();
    String fresh = "a brand new passphrase";
    refusedWith(
        EnrolOfficial.Refusal.ENROL_UNKNOWN_NAME, List.of(), "--accounts", file, "--remove", "cy");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_UNKNOWN_NAME,
        typed(GOOD, fresh, fresh),
        "--accounts",
        file,
        "--rekey",
        "cy");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_WRONG_PASSWORD,
        typed("not the password at all", fresh, fresh),
        "--accounts",
        file,
        "--rekey",
        "ann");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_KEY_MISMATCH,
        typed(fresh, fresh),
        "--accounts",
        file,
        "--rekey",
        "ann",
        "--key",
        newKeyFile("other").toString());
    refusedWith(
        EnrolOfficial.Refusal.ENROL_NO_PASSWORD, typed(GOOD), "--accounts", file, "--rekey", "ann");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_PASSWORDS_DIFFER,
        typed(GOOD, fresh, fresh + "!"),
        "--accounts",
        file,
        "--rekey",
        "ann");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_WEAK_PASSWORD,
        typed(GOOD, "password", "password"),
        "--accounts",
        file,
        "--rekey",
        "ann");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_BAD_ARGUMENTS,
        List.of(),
        "--accounts",
        file,
        "--remove",
        "ann",
        "--roles",
        "REGISTRAR");
    refusedWith(
        EnrolOfficial.Refusal.ENROL_BAD_ARGUMENTS,
        List.of(),
        "--accounts",
        file,
        "--remove",
        "ann",
        "--rekey",
        "ann");
  }
}

package io.votechain.web.official;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an official's password must be before enrolment (docs/web-ui.md §2.1). Argon2id makes each
 * guess expensive, and the lockout bounds guesses online, but a stolen accounts file can still be
 * attacked offline with a dictionary, so the password has to be long and not an obvious one: at
 * least {@value #MIN_LENGTH} characters (NIST SP 800-63B's advice is length over composition
 * rules), more than three different characters, not the account name, not a well-known password.
 */
final class PasswordPolicy {
  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 1024;

  /** The most common long passwords of public breach lists; the real defence is length. */
  private static final Set<String> COMMON =
      Set.of(
          "123456789012",
          "1234567890123",
          "password1234",
          "passwordpassword",
          "qwertyuiopas",
          "qwerty123456",
          "iloveyou1234",
          "administrator",
          "letmein12345",
          "welcome12345",
          "changeme1234",
          "votechain123",
          "votechain1234");

  private PasswordPolicy() {}

  /** Why {@code password} is too weak for account {@code name}, or empty if it is acceptable. */
  static Optional<String> weakness(String name, char[] password) {
    if (password.length < MIN_LENGTH) {
      return Optional.of("shorter than " + MIN_LENGTH + " characters");
    }
    if (password.length > MAX_LENGTH) {
      return Optional.of("longer than " + MAX_LENGTH + " characters");
    }
    String p = new String(password).toLowerCase(Locale.ROOT);
    if (p.chars().distinct().count() <= 3) {
      return Optional.of("too few different characters");
    }
    if (!name.isEmpty() && p.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.of("contains the account name");
    }
    if (COMMON.contains(p)) {
      return Optional.of("a well-known password");
    }
    return Optional.empty();
  }
}

package io.votechain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.consensus.message.VoteType;
import io.votechain.contract.DeviceStatus;
import io.votechain.contract.ElectionStatus;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.election.ContestKind;
import io.votechain.web.official.Role;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private static Set<String> keys(String file) throws Exception {
    Properties p = new Properties();
    try (var in = MessagesTest.class.getClassLoader().getResourceAsStream("i18n/" + file)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return new TreeSet<>(p.stringPropertyNames());
  }

  @Test
  void theEnglishAndChineseBundlesHaveTheSameKeys() throws Exception {
    assertEquals(keys("messages_en.properties"), keys("messages_zh.properties"));
  }

  @Test
  void everyErrorCodeHasPlainWordsInEveryLanguage() throws Exception {
    for (String file : Set.of("messages_en.properties", "messages_zh.properties")) {
      Set<String> keys = keys(file);
      for (ErrorCode c : ErrorCode.values()) {
        assertTrue(keys.contains("error." + c.name()), file + " lacks error." + c.name());
      }
    }
  }

  @Test
  void everyGovernedActionHasANameInEveryLanguage() throws Exception {
    for (String file : Set.of("messages_en.properties", "messages_zh.properties")) {
      Set<String> keys = keys(file);
      for (io.votechain.tx.GovernedAction.Kind k : io.votechain.tx.GovernedAction.Kind.values()) {
        assertTrue(keys.contains("proposal.kind." + k.name()), file + " lacks " + k.name());
      }
    }
  }

  /** The key of a message expression: from "#{" to its arguments or its end. */
  private static final Pattern MESSAGE = Pattern.compile("#\\{([^}(]*)");

  /** Marks of a key built at render time: only the values that reach it can tell if it exists. */
  private static final List<String> DYNAMIC = List.of("${", "*{", "#{", "@{", "__", "+", "|", "'");

  /**
   * Each match of {@code pattern}'s first group in the templates → the templates (relative paths)
   * where it occurs; {@code keep} filters the matches.
   */
  private static Map<String, Set<String>> templateMatches(
      Pattern pattern, java.util.function.Predicate<String> keep) throws Exception {
    Path root = Path.of(MessagesTest.class.getClassLoader().getResource("templates").toURI());
    Map<String, Set<String>> found = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
        Matcher m = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          String match = m.group(1).trim();
          if (keep.test(match)) {
            found
                .computeIfAbsent(match, k -> new TreeSet<>())
                .add(root.relativize(file).toString());
          }
        }
      }
    }
    return found;
  }

  /** Literal message key → the templates that name it. */
  private static Map<String, Set<String>> keysNamedByTemplates() throws Exception {
    return templateMatches(MESSAGE, key -> DYNAMIC.stream().noneMatch(key::contains));
  }

  /** "#{|prefix.${" — a key a template builds from a value at render time. */
  private static final Pattern BUILT = Pattern.compile("#\\{\\|([a-z][a-zA-Z.]*\\.)\\$\\{");

  private static List<String> names(Enum<?>[] values) {
    return Stream.of(values).map(Enum::name).toList();
  }

  /**
   * Every value that can reach a built key, by the key's prefix. The web UI's own outcome codes
   * (Submissions.Outcome, ImportJob) join the ledger's error codes; an evidence row's step is a
   * vote type or a proposal.
   */
  private static Map<String, List<String>> builtKeyValues() {
    List<String> errors = new ArrayList<>(names(ErrorCode.values()));
    errors.addAll(List.of("PENDING", "UNKNOWN", "MALFORMED_RECEIPT", "INTERNAL"));
    List<String> steps = new ArrayList<>(names(VoteType.values()));
    steps.add("PROPOSAL");
    return Map.of(
        "status.", names(ElectionStatus.values()),
        "device.status.", names(DeviceStatus.values()),
        "role.", names(Role.values()),
        "kind.", names(ContestKind.values()),
        "evidence.kind.", steps,
        "proposal.kind.", names(GovernedAction.Kind.values()),
        "error.", errors,
        "layout.language.", Messages.SUPPORTED.stream().map(Locale::getLanguage).toList());
  }

  @Test
  void everyKeyATemplateBuildsAtRenderTimeIsInEveryLanguageForEveryValue() throws Exception {
    Map<String, Set<String>> prefixes = templateMatches(BUILT, prefix -> true);
    assertTrue(prefixes.containsKey("error."), "the scan reads the templates: " + prefixes);
    Map<String, List<String>> values = builtKeyValues();
    List<String> unknown = new ArrayList<>();
    prefixes.forEach(
        (prefix, templates) -> {
          if (!values.containsKey(prefix)) {
            unknown.add(prefix + " (" + templates + ")");
          }
        });
    assertEquals(List.of(), unknown, "built keys whose values this test does not know");
    Messages m = Messages.load(MessagesTest.class.getClassLoader());
    List<String> missing = new ArrayList<>();
    for (Locale language : Messages.SUPPORTED) {
      Set<String> defined = m.keys(language.getLanguage());
      for (String prefix : prefixes.keySet()) {
        for (String value : values.get(prefix)) {
          if (!defined.contains(prefix + value)) {
            missing.add(language.getLanguage() + ": " + prefix + value);
          }
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void everyKeyATemplateNamesIsInEveryLanguage() throws Exception {
    Messages m = Messages.load(MessagesTest.class.getClassLoader());
    Map<String, Set<String>> named = keysNamedByTemplates();
    assertTrue(named.containsKey("refused.title"), "the scan reads the templates: " + named);
    List<String> missing = new ArrayList<>();
    for (Locale language : Messages.SUPPORTED) {
      // Per language, not through find(): its English fallback would hide a missing translation.
      Set<String> defined = m.keys(language.getLanguage());
      named.forEach(
          (key, templates) -> {
            if (!defined.contains(key)) {
              missing.add(language.getLanguage() + ": " + key + " (" + templates + ")");
            }
          });
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void bundlesAreReadAsUtf8AndMerged() {
    Messages m = Messages.load(MessagesTest.class.getClassLoader());
    assertEquals("中文", m.get(Locale.CHINESE, "layout.language.zh"));
    assertTrue(m.languages().containsAll(Set.of("en", "zh")));
    assertTrue(
        Messages.bundleFiles(MessagesTest.class.getClassLoader())
            .contains("messages_en.properties"));
  }

  @Test
  void argumentsAreFormattedAndApostrophesKept() {
    Messages m = Messages.load(MessagesTest.class.getClassLoader());
    assertEquals("Signed in as ann", m.get(Locale.ENGLISH, "layout.signedInAs", "ann"));
    assertEquals("Officials' console", m.get(Locale.ENGLISH, "official.home.title"));
  }

  @Test
  void aMissingKeyIsMarkedNotHidden() {
    Messages m = Messages.load(MessagesTest.class.getClassLoader());
    assertEquals("??no.such.key_zh??", m.get(Locale.CHINESE, "no.such.key"));
  }

  @Test
  void anUnsupportedLanguageFallsBackToEnglish() {
    assertEquals(Locale.ENGLISH, Messages.supported(Locale.FRENCH));
    assertEquals(Locale.CHINESE, Messages.supported(Locale.SIMPLIFIED_CHINESE));
  }
}

package io.votechain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.tx.ErrorCode;
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

  /** Literal message key → the templates that name it. */
  private static Map<String, Set<String>> keysNamedByTemplates() throws Exception {
    Path root = Path.of(MessagesTest.class.getClassLoader().getResource("templates").toURI());
    Map<String, Set<String>> named = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
        Matcher m = MESSAGE.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          String key = m.group(1).trim();
          if (DYNAMIC.stream().noneMatch(key::contains)) {
            named.computeIfAbsent(key, k -> new TreeSet<>()).add(root.relativize(file).toString());
          }
        }
      }
    }
    return named;
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

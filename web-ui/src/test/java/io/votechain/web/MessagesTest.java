package io.votechain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.tx.ErrorCode;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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

package io.votechain.record.nist;

import io.votechain.record.nist.InvalidResultException.Reason;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A label in one or more languages, keyed by BCP 47 language tag ("en", "zh-Hans"). Kept sorted by
 * tag so that the report lists languages in one order whatever order they were given in. Instances
 * are immutable.
 */
public record LocalizedText(SortedMap<String, String> texts) {
  private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

  public LocalizedText {
    Checks.present(texts, "texts");
    if (texts.isEmpty()) {
      throw new InvalidResultException(Reason.INVALID_TEXT, "a label needs at least one language");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : texts.entrySet()) {
      String tag = Checks.present(e.getKey(), "language tag");
      if (!LANGUAGE_TAG.matcher(tag).matches()) {
        throw new InvalidResultException(Reason.INVALID_LANGUAGE_TAG, "not a language tag: " + tag);
      }
      copy.put(tag, Checks.text(e.getValue(), "text in " + tag));
    }
    texts = Collections.unmodifiableSortedMap(copy);
  }

  /** Builds a label from any map; the map's own order does not matter. */
  public static LocalizedText of(Map<String, String> texts) {
    Checks.present(texts, "texts");
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : texts.entrySet()) {
      sorted.put(Checks.present(e.getKey(), "language tag"), e.getValue());
    }
    return new LocalizedText(sorted);
  }

  public static LocalizedText of(String language, String text) {
    TreeMap<String, String> texts = new TreeMap<>();
    texts.put(Checks.present(language, "language tag"), text);
    return new LocalizedText(texts);
  }

  public static LocalizedText of(String language1, String text1, String language2, String text2) {
    TreeMap<String, String> texts = new TreeMap<>();
    texts.put(Checks.present(language1, "language tag"), text1);
    if (texts.put(Checks.present(language2, "language tag"), text2) != null) {
      throw new InvalidResultException(
          Reason.INVALID_LANGUAGE_TAG, "language " + language2 + " given twice");
    }
    return new LocalizedText(texts);
  }

  public Optional<String> in(String language) {
    return Optional.ofNullable(texts.get(language));
  }
}

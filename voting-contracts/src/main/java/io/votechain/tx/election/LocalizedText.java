package io.votechain.tx.election;

import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A label in several languages: language tag (BCP 47 shape, e.g. {@code en}, {@code zh-Hans}) to
 * text, kept in a sorted map so that it encodes and hashes in one order. Immutable.
 */
public record LocalizedText(SortedMap<String, String> labels) {
  public static final int MAX_LANGUAGES = 16;
  public static final int MAX_TAG_BYTES = 35;
  public static final int MAX_LABEL_BYTES = 512;
  private static final Pattern TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");

  public LocalizedText {
    if (labels == null || labels.isEmpty() || labels.size() > MAX_LANGUAGES) {
      throw new IllegalArgumentException("1.." + MAX_LANGUAGES + " languages required");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!TAG.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("bad language tag " + e.getKey());
      }
      String label = e.getValue();
      if (label == null || label.isBlank() || label.length() > MAX_LABEL_BYTES / 4) {
        throw new IllegalArgumentException("label must be non-blank and short");
      }
      copy.put(e.getKey(), label);
    }
    labels = Collections.unmodifiableSortedMap(copy);
  }

  public static LocalizedText of(String... tagLabelPairs) {
    if (tagLabelPairs.length % 2 != 0) {
      throw new IllegalArgumentException("pairs of language tag and label expected");
    }
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < tagLabelPairs.length; i += 2) {
      map.put(tagLabelPairs[i], tagLabelPairs[i + 1]);
    }
    return new LocalizedText(map);
  }

  public void writeTo(CanonicalWriter w) {
    w.varint(labels.size());
    labels.forEach((tag, label) -> w.text(tag).text(label));
  }

  /** Reads a map whose tags are strictly ascending, so that each text has one encoding. */
  public static LocalizedText readFrom(CanonicalReader r) {
    int count = (int) r.varint(MAX_LANGUAGES);
    TreeMap<String, String> map = new TreeMap<>();
    String previous = null;
    for (int i = 0; i < count; i++) {
      String tag = r.text(MAX_TAG_BYTES);
      if (previous != null && previous.compareTo(tag) >= 0) {
        throw new EncodingException(
            EncodingException.Reason.NON_CANONICAL, "language tags not strictly ascending");
      }
      previous = tag;
      map.put(tag, r.text(MAX_LABEL_BYTES));
    }
    return new LocalizedText(map);
  }
}

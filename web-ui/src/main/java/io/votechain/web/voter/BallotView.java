package io.votechain.web.voter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.ContestDescription;
import io.votechain.contract.ElectionCrypto;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An election's ballot in one language, as the voter pages render it: the manifest's texts in the
 * reader's language (or the manifest's first language when it has no translation), each with its
 * BCP 47 tag so that the page marks it for screen readers. Texts are plain strings: templates print
 * them with {@code th:text}, so markup in a manifest label is shown, never run. Immutable.
 */
public record BallotView(String electionId, Text name, List<ContestView> contests, String style) {
  /** A text and the language tag it is written in. */
  public record Text(String text, String lang) {}

  public record ChoiceView(String choiceId, Text label) {}

  /**
   * One contest; {@code index} is its 0-based position (the ballot's contest index), {@code kind}
   * the message-key suffix of its instructions.
   */
  public record ContestView(
      int index,
      String contestId,
      Text title,
      int selectionLimit,
      String kind,
      List<ChoiceView> choices) {
    public ContestView {
      choices = List.copyOf(choices);
    }
  }

  public BallotView {
    contests = List.copyOf(contests);
  }

  public static BallotView of(ElectionManifest manifest, Locale locale) {
    List<ContestView> contests = new ArrayList<>();
    for (int i = 0; i < manifest.contests().size(); i++) {
      Contest c = manifest.contests().get(i);
      List<ChoiceView> choices =
          c.choices().stream()
              .map(ch -> new ChoiceView(ch.choiceId(), pick(ch.label(), locale)))
              .toList();
      contests.add(
          new ContestView(
              i, c.contestId(), pick(c.title(), locale), c.selectionLimit(), kind(c), choices));
    }
    return new BallotView(
        manifest.electionId(),
        pick(manifest.name(), locale),
        contests,
        styleJson(ElectionCrypto.style(manifest)));
  }

  private static String kind(Contest c) {
    return c.kind() == ContestKind.K_OF_N ? "upTo" : "one";
  }

  /** The label whose tag's primary language is the reader's, else the first (tags sort). */
  static Text pick(LocalizedText text, Locale locale) {
    for (Map.Entry<String, String> e : text.labels().entrySet()) {
      if (Locale.forLanguageTag(e.getKey()).getLanguage().equals(locale.getLanguage())) {
        return new Text(e.getValue(), e.getKey());
      }
    }
    Map.Entry<String, String> first = text.labels().entrySet().iterator().next();
    return new Text(first.getValue(), first.getKey());
  }

  /** The ballot style as the browser's encryptor takes it (docs/web-voting.md §3). */
  static String styleJson(BallotStyle style) {
    JsonArray contests = new JsonArray();
    for (ContestDescription c : style.contests()) {
      contests.add(
          new JsonObject()
              .put("contestId", c.contestId())
              .put("selectionCount", c.selectionCount())
              .put("selectionLimit", c.selectionLimit())
              .put("weight", c.weight()));
    }
    return new JsonObject().put("styleId", style.styleId()).put("contests", contests).encode();
  }
}

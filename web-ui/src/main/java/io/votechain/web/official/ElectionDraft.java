package io.votechain.web.official;

import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An election being defined step by step in the console (kept in the official's session until it is
 * proposed): the basics, then contests one at a time. Immutable; each step returns a new draft.
 * Times are UTC ({@code datetime-local} values), as block timestamps are. The name is kept per
 * language tag: the basics form edits English and Chinese, a NIST import (docs/nist-import.md)
 * brings whatever languages its file has.
 */
public record ElectionDraft(
    String electionId,
    SortedMap<String, String> names,
    String start,
    String end,
    RevotePolicy policy,
    List<Contest> contests) {
  public ElectionDraft {
    names = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(names));
    contests = List.copyOf(contests);
  }

  static ElectionDraft empty() {
    return new ElectionDraft("", new TreeMap<>(), "", "", RevotePolicy.LAST_VOTE_COUNTS, List.of());
  }

  public String nameEn() {
    return names.getOrDefault("en", "");
  }

  public String nameZh() {
    return names.getOrDefault("zh", "");
  }

  /** The languages of the name, which every contest title and choice label must have too. */
  public String languages() {
    return String.join(", ", names.keySet());
  }

  /**
   * The basics form: English and Chinese names (a blank one removes that language, so that a draft
   * imported in other languages stays consistent), window and policy. Other languages are kept.
   */
  ElectionDraft withBasics(
      String id, String en, String zh, String start, String end, RevotePolicy policy) {
    TreeMap<String, String> n = new TreeMap<>(names);
    putOrRemove(n, "en", en);
    putOrRemove(n, "zh", zh);
    return new ElectionDraft(id, n, start, end, policy, contests);
  }

  private static void putOrRemove(TreeMap<String, String> n, String lang, String label) {
    if (label == null || label.isBlank()) {
      n.remove(lang);
    } else {
      n.put(lang, label);
    }
  }

  ElectionDraft withContest(Contest c) {
    List<Contest> more = new ArrayList<>(contests);
    more.add(c);
    return new ElectionDraft(electionId, names, start, end, policy, more);
  }

  /** Milliseconds since the epoch of a {@code datetime-local} value read as UTC, or empty. */
  static Optional<Long> epochMillis(String value) {
    try {
      return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The manifest, or the message key of what is missing or wrong ({@code draft.problem.*}); the
   * manifest's own rules are checked by {@link ElectionManifest#problem()} after.
   */
  Result manifest() {
    Optional<Long> s = epochMillis(start);
    Optional<Long> e = epochMillis(end);
    if (s.isEmpty() || e.isEmpty()) {
      return new Result(null, "draft.problem.window");
    }
    if (contests.isEmpty()) {
      return new Result(null, "draft.problem.contests");
    }
    try {
      ElectionManifest m =
          new ElectionManifest(
              electionId, new LocalizedText(names), contests, s.get(), e.get(), policy);
      return m.problem()
          .map(p -> new Result(null, "draft.problem.manifest", p))
          .orElse(new Result(m, null));
    } catch (IllegalArgumentException ex) {
      return new Result(null, "draft.problem.manifest", ex.getMessage());
    }
  }

  /** A manifest or a problem (message key and detail). */
  record Result(ElectionManifest manifest, String problemKey, String detail) {
    Result(ElectionManifest manifest, String problemKey) {
      this(manifest, problemKey, "");
    }
  }
}

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

/**
 * An election being defined step by step in the console (kept in the official's session until it is
 * proposed): the basics, then contests one at a time. Immutable; each step returns a new draft.
 * Times are UTC ({@code datetime-local} values), as block timestamps are.
 */
public record ElectionDraft(
    String electionId,
    String nameEn,
    String nameZh,
    String start,
    String end,
    RevotePolicy policy,
    List<Contest> contests) {
  public ElectionDraft {
    contests = List.copyOf(contests);
  }

  static ElectionDraft empty() {
    return new ElectionDraft("", "", "", "", "", RevotePolicy.LAST_VOTE_COUNTS, List.of());
  }

  ElectionDraft withBasics(
      String id, String en, String zh, String start, String end, RevotePolicy policy) {
    return new ElectionDraft(id, en, zh, start, end, policy, contests);
  }

  ElectionDraft withContest(Contest c) {
    List<Contest> more = new ArrayList<>(contests);
    more.add(c);
    return new ElectionDraft(electionId, nameEn, nameZh, start, end, policy, more);
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
              electionId,
              LocalizedText.of("en", nameEn, "zh", nameZh),
              contests,
              s.get(),
              e.get(),
              policy);
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

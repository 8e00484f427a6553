package io.votechain.record.nist;

import io.votechain.record.nist.InvalidResultException.Reason;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The result of one election or shareholder meeting, as the tally contract produces it: identity,
 * contests with decrypted totals, ballots cast and spoiled (Benaloh-challenged), and status.
 *
 * <p>Instances are immutable and consistent: contest ids are unique; every label has a text in
 * {@code primaryLanguage} (NIST's plain-string Name fields take that text); a shareholder meeting
 * holds only resolutions and nothing else does; and in an unweighted election no contest has more
 * votes than {@code ballotsCast × votesAllowed}. Totals of a shareholder meeting are shares, which
 * the ballot count cannot bound.
 */
public record ElectionResult(
    String id,
    LocalizedText name,
    ElectionKind kind,
    LocalDate startDate,
    LocalDate endDate,
    Authority authority,
    Jurisdiction jurisdiction,
    String primaryLanguage,
    List<ContestResult> contests,
    long ballotsCast,
    long ballotsSpoiled,
    ResultStatus status) {

  public ElectionResult {
    Checks.id(id, "election id");
    Checks.present(name, "election name");
    Checks.present(kind, "election kind");
    Checks.present(startDate, "start date");
    Checks.present(endDate, "end date");
    Checks.present(authority, "authority");
    Checks.present(jurisdiction, "jurisdiction");
    Checks.present(primaryLanguage, "primary language");
    Checks.present(contests, "contests");
    Checks.present(status, "status");
    contests = List.copyOf(contests);
    Checks.count(ballotsCast, "ballots cast");
    Checks.count(ballotsSpoiled, "ballots spoiled");
    checkDate(startDate, "start date");
    checkDate(endDate, "end date");
    if (endDate.isBefore(startDate)) {
      throw new InvalidResultException(
          Reason.INVALID_DATE, "end date " + endDate + " is before start date " + startDate);
    }
    if (contests.isEmpty()) {
      throw new InvalidResultException(Reason.NO_CHOICES, "election " + id + " has no contests");
    }
    requireLanguage(name, primaryLanguage, "election name");
    requireLanguage(jurisdiction.name(), primaryLanguage, "jurisdiction name");
    boolean meeting = kind == ElectionKind.SHAREHOLDER_MEETING;
    Set<String> seen = new HashSet<>();
    for (ContestResult contest : contests) {
      if (!seen.add(contest.id())) {
        throw new InvalidResultException(
            Reason.DUPLICATE_ID, "election " + id + " has contest " + contest.id() + " twice");
      }
      if (meeting != (contest.kind() == ContestKind.RESOLUTION)) {
        throw new InvalidResultException(
            Reason.KIND_MISMATCH,
            "contest "
                + contest.id()
                + " is "
                + contest.kind()
                + " but the election is "
                + kind
                + "; resolutions belong to, and only to, shareholder meetings");
      }
      requireLanguage(contest.name(), primaryLanguage, "name of contest " + contest.id());
      for (ChoiceResult choice : contest.choices()) {
        requireLanguage(
            choice.label(),
            primaryLanguage,
            "label of choice " + choice.id() + " in contest " + contest.id());
      }
      if (!meeting && exceedsBallots(contest, ballotsCast)) {
        throw new InvalidResultException(
            Reason.INCONSISTENT_TOTALS,
            "contest "
                + contest.id()
                + " has "
                + contest.totalVotes()
                + " votes, more than "
                + ballotsCast
                + " ballots with "
                + contest.votesAllowed()
                + " selections each can carry");
      }
    }
  }

  /** True if this result's totals are shares rather than votes. */
  public boolean weightedByShares() {
    return kind == ElectionKind.SHAREHOLDER_MEETING;
  }

  private static boolean exceedsBallots(ContestResult contest, long ballotsCast) {
    long capacity;
    try {
      capacity = Math.multiplyExact(ballotsCast, (long) contest.votesAllowed());
    } catch (ArithmeticException overflow) {
      return false;
    }
    return contest.totalVotes() > capacity;
  }

  private static void requireLanguage(LocalizedText text, String language, String what) {
    if (text.in(language).isEmpty()) {
      throw new InvalidResultException(
          Reason.MISSING_LANGUAGE, what + " has no text in the primary language " + language);
    }
  }

  private static void checkDate(LocalDate date, String what) {
    // NIST's xs:date pattern wants exactly four year digits.
    if (date.getYear() < 1 || date.getYear() > 9999) {
      throw new InvalidResultException(Reason.INVALID_DATE, what + " out of range: " + date);
    }
  }
}

package io.votechain.record;

import io.votechain.contract.ElectionStatus;
import io.votechain.record.nist.Authority;
import io.votechain.record.nist.ChoiceResult;
import io.votechain.record.nist.ContestResult;
import io.votechain.record.nist.ElectionKind;
import io.votechain.record.nist.ElectionResult;
import io.votechain.record.nist.InvalidResultException;
import io.votechain.record.nist.Jurisdiction;
import io.votechain.record.nist.LocalizedText;
import io.votechain.record.nist.NistResultsExporter;
import io.votechain.record.nist.ResultStatus;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ElectionManifest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a tallied election — its manifest and the decrypted count per selection ({@code
 * election/<id>/result}, manifest order) — into the {@link ElectionResult} that {@link
 * NistResultsExporter} writes as NIST SP 1500-100 JSON (docs/results-nist.md §1). What the ledger
 * does not know (the issuing authority, the jurisdiction, the kind of election, the primary
 * language) is given as {@link Reporting}. Stateless.
 */
public final class NistResults {
  private NistResults() {}

  /** The reporting facts the ledger does not hold. */
  public record Reporting(
      Authority authority, Jurisdiction jurisdiction, ElectionKind kind, String primaryLanguage) {
    public Reporting {
      Objects.requireNonNull(authority, "authority");
      Objects.requireNonNull(jurisdiction, "jurisdiction");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(primaryLanguage, "primaryLanguage");
    }
  }

  /**
   * The result of a tallied election.
   *
   * @param counts the decrypted total per selection, manifest order
   * @throws InvalidResultException if the counts do not fit the manifest or the result cannot be
   *     reported faithfully (reason as documented in docs/results-nist.md §4)
   */
  public static ElectionResult of(
      ElectionManifest manifest,
      ElectionStatus status,
      List<Long> counts,
      long ballotsCast,
      long ballotsSpoiled,
      Reporting reporting) {
    if (status != ElectionStatus.TALLIED && status != ElectionStatus.CERTIFIED) {
      throw new InvalidResultException(
          InvalidResultException.Reason.MISSING_VALUE,
          "the election is " + status + ", not tallied");
    }
    List<ContestResult> contests = new ArrayList<>();
    int at = 0;
    for (Contest contest : manifest.contests()) {
      List<ChoiceResult> choices = new ArrayList<>();
      for (Choice choice : contest.choices()) {
        if (at >= counts.size()) {
          throw new InvalidResultException(
              InvalidResultException.Reason.NO_CHOICES, "fewer counts than selections");
        }
        choices.add(new ChoiceResult(choice.choiceId(), text(choice.label()), counts.get(at++)));
      }
      LocalizedText title = text(contest.title());
      contests.add(
          switch (contest.kind()) {
            case YES_NO -> ContestResult.yesNo(contest.contestId(), title, choices);
            case ONE_OF_N -> ContestResult.oneOfN(contest.contestId(), title, choices);
            case K_OF_N ->
                ContestResult.kOfN(
                    contest.contestId(),
                    title,
                    contest.selectionLimit(),
                    contest.selectionLimit(),
                    choices);
          });
    }
    if (at != counts.size()) {
      throw new InvalidResultException(
          InvalidResultException.Reason.NO_CHOICES, "more counts than selections");
    }
    return new ElectionResult(
        manifest.electionId(),
        text(manifest.name()),
        reporting.kind(),
        date(manifest.votingStart()),
        // votingEnd is exclusive: the last instant of the vote is one millisecond before it.
        date(manifest.votingEnd() - 1),
        reporting.authority(),
        reporting.jurisdiction(),
        reporting.primaryLanguage(),
        contests,
        ballotsCast,
        ballotsSpoiled,
        status == ElectionStatus.CERTIFIED ? ResultStatus.CERTIFIED : ResultStatus.UNOFFICIAL);
  }

  /**
   * The NIST JSON of a tallied election. {@code generatedAtMillis} is a block timestamp; NIST's
   * GeneratedDate has whole seconds, so it is truncated to the second.
   */
  public static String json(
      ElectionResult result, String votechainVersion, long generatedAtMillis) {
    return new NistResultsExporter(votechainVersion)
        .export(result, Instant.ofEpochMilli(generatedAtMillis).truncatedTo(ChronoUnit.SECONDS));
  }

  private static LocalizedText text(io.votechain.tx.election.LocalizedText labels) {
    return LocalizedText.of(labels.labels());
  }

  private static LocalDate date(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
  }
}

package io.votechain.record.nist;

import io.votechain.record.nist.InvalidResultException.Reason;
import io.votechain.record.nist.json.JsonArray;
import io.votechain.record.nist.json.JsonObject;
import io.votechain.record.nist.json.JsonString;
import io.votechain.record.nist.json.JsonValue;
import io.votechain.record.nist.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Implements the export of an {@link ElectionResult} as a NIST SP 1500-100 v2 Election Results
 * Reporting {@code ElectionResults.ElectionReport} in JSON (docs/results-nist.md).
 *
 * <p>The output is a pure function of the result, the generation time and the vendor version: no
 * clock is read and object members are written in sorted key order, so equal inputs give
 * byte-identical documents and observers can compare the UTF-8 bytes' hashes. Instances are
 * immutable and thread-safe.
 */
public final class NistResultsExporter {
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,64}");
  private static final String TOTAL = "total";

  private final String vendorApplicationId;

  /**
   * @param votechainVersion the software version reported as {@code VendorApplicationId} "votechain
   *     <version>"; 1–64 characters of {@code [0-9A-Za-z.+-]}
   * @throws InvalidResultException with {@link Reason#INVALID_VERSION} for a malformed version
   */
  public NistResultsExporter(String votechainVersion) {
    if (votechainVersion == null || !VERSION.matcher(votechainVersion).matches()) {
      throw new InvalidResultException(
          Reason.INVALID_VERSION, "version must be 1-64 characters of [0-9A-Za-z.+-]");
    }
    this.vendorApplicationId = "votechain " + votechainVersion;
  }

  /**
   * Returns the report as JSON text.
   *
   * @param generatedDate when the report was produced (NIST GeneratedDate), in whole seconds; the
   *     caller supplies it (for example the timestamp of the block that tallied or certified)
   * @throws InvalidResultException with {@link Reason#INVALID_DATE} for a time with sub-second
   *     digits or outside years 1–9999, {@link Reason#MISSING_VALUE} for a null argument
   */
  public String export(ElectionResult result, Instant generatedDate) {
    return JsonWriter.write(toJson(result, generatedDate));
  }

  /** The UTF-8 bytes of {@link #export}: what observers hash. */
  public byte[] exportUtf8(ElectionResult result, Instant generatedDate) {
    return export(result, generatedDate).getBytes(StandardCharsets.UTF_8);
  }

  /** The report as a JSON tree, before writing. */
  public JsonObject toJson(ElectionResult result, Instant generatedDate) {
    Checks.present(result, "result");
    String generated = dateTime(Checks.present(generatedDate, "generated date"));
    String gpUnitId = NistIds.reportingUnit(result.jurisdiction());
    return JsonObject.builder()
        .put("@type", "ElectionResults.ElectionReport")
        .put("Election", JsonArray.of(election(result, gpUnitId)))
        .put("Format", "summary-contest")
        .put("GeneratedDate", generated)
        .put("GpUnit", JsonArray.of(reportingUnit(result, gpUnitId)))
        .put("Issuer", result.authority().name())
        .put("IssuerAbbreviation", result.authority().abbreviation())
        .put("SequenceEnd", 1)
        .put("SequenceStart", 1)
        .put("Status", result.status().nistStatus())
        .put("VendorApplicationId", vendorApplicationId)
        .build();
  }

  private static JsonObject election(ElectionResult result, String gpUnitId) {
    List<JsonValue> candidates = new ArrayList<>();
    List<JsonValue> contests = new ArrayList<>();
    for (int i = 0; i < result.contests().size(); i++) {
      ContestResult contest = result.contests().get(i);
      String primaryName = contest.name().in(result.primaryLanguage()).orElseThrow();
      switch (contest.kind()) {
        case ONE_OF_N, K_OF_N -> {
          for (ChoiceResult choice : contest.choices()) {
            candidates.add(candidate(contest, choice));
          }
          contests.add(candidateContest(contest, i + 1, primaryName, gpUnitId));
        }
        case YES_NO, RESOLUTION ->
            contests.add(ballotMeasureContest(contest, i + 1, primaryName, gpUnitId));
      }
    }
    JsonObject.Builder election =
        JsonObject.builder()
            .put("@type", "ElectionResults.Election")
            .put("BallotCounts", ballotCounts(result, gpUnitId))
            .put("Contest", new JsonArray(contests))
            .put("ElectionScopeId", gpUnitId)
            .put("EndDate", result.endDate().toString())
            .put(
                "ExternalIdentifier",
                JsonArray.of(
                    JsonObject.builder()
                        .put("@type", "ElectionResults.ExternalIdentifier")
                        .put("OtherType", "votechain-election-id")
                        .put("Type", "other")
                        .put("Value", result.id())
                        .build()))
            .put("Name", internationalized(result.name()))
            .put("StartDate", result.startDate().toString())
            .put("Type", result.kind().nistType());
    if (result.kind().nistOtherType() != null) {
      election.put("OtherType", result.kind().nistOtherType());
    }
    if (!candidates.isEmpty()) {
      election.put("Candidate", new JsonArray(candidates));
    }
    return election.build();
  }

  /**
   * Cast ballots are a "total" BallotCounts; spoiled (challenged) ballots, which were never cast,
   * are a second BallotCounts of type "other"/"spoiled" reporting them as BallotsRejected, so that
   * a reader summing BallotsCast never counts them.
   */
  private static JsonArray ballotCounts(ElectionResult result, String gpUnitId) {
    return JsonArray.of(
        JsonObject.builder()
            .put("@type", "ElectionResults.BallotCounts")
            .put("BallotsCast", result.ballotsCast())
            .put("GpUnitId", gpUnitId)
            .put("Type", TOTAL)
            .build(),
        JsonObject.builder()
            .put("@type", "ElectionResults.BallotCounts")
            .put("BallotsRejected", result.ballotsSpoiled())
            .put("GpUnitId", gpUnitId)
            .put("OtherType", "spoiled")
            .put("Type", "other")
            .build());
  }

  private static JsonObject candidate(ContestResult contest, ChoiceResult choice) {
    return JsonObject.builder()
        .put("@id", NistIds.candidate(contest, choice))
        .put("@type", "ElectionResults.Candidate")
        .put("BallotName", internationalized(choice.label()))
        .build();
  }

  private static JsonObject candidateContest(
      ContestResult contest, int sequenceOrder, String primaryName, String gpUnitId) {
    List<JsonValue> selections = new ArrayList<>();
    for (int i = 0; i < contest.choices().size(); i++) {
      ChoiceResult choice = contest.choices().get(i);
      selections.add(
          JsonObject.builder()
              .put("@id", NistIds.selection(contest, choice))
              .put("@type", "ElectionResults.CandidateSelection")
              .put("CandidateIds", JsonArray.of(new JsonString(NistIds.candidate(contest, choice))))
              .put("SequenceOrder", i + 1)
              .put("VoteCounts", voteCounts(choice, gpUnitId))
              .build());
    }
    return JsonObject.builder()
        .put("@id", NistIds.contest(contest))
        .put("@type", "ElectionResults.CandidateContest")
        .put("BallotTitle", internationalized(contest.name()))
        .put("ContestSelection", new JsonArray(selections))
        .put("ElectionDistrictId", gpUnitId)
        .put("Name", primaryName)
        .put("NumberElected", contest.numberElected())
        .put("SequenceOrder", sequenceOrder)
        .put("VoteVariation", contest.kind() == ContestKind.ONE_OF_N ? "plurality" : "n-of-m")
        .put("VotesAllowed", contest.votesAllowed())
        .build();
  }

  private static JsonObject ballotMeasureContest(
      ContestResult contest, int sequenceOrder, String primaryName, String gpUnitId) {
    List<JsonValue> selections = new ArrayList<>();
    for (int i = 0; i < contest.choices().size(); i++) {
      ChoiceResult choice = contest.choices().get(i);
      selections.add(
          JsonObject.builder()
              .put("@id", NistIds.selection(contest, choice))
              .put("@type", "ElectionResults.BallotMeasureSelection")
              .put("Selection", internationalized(choice.label()))
              .put("SequenceOrder", i + 1)
              .put("VoteCounts", voteCounts(choice, gpUnitId))
              .build());
    }
    JsonObject.Builder measure =
        JsonObject.builder()
            .put("@id", NistIds.contest(contest))
            .put("@type", "ElectionResults.BallotMeasureContest")
            .put("BallotTitle", internationalized(contest.name()))
            .put("ContestSelection", new JsonArray(selections))
            .put("ElectionDistrictId", gpUnitId)
            .put("Name", primaryName)
            .put("SequenceOrder", sequenceOrder);
    if (contest.kind() == ContestKind.RESOLUTION) {
      // NIST has neither shareholder resolutions nor weighted votes: both are "other", named.
      measure
          .put("OtherType", "shareholder-resolution")
          .put("Type", "other")
          .put("OtherVoteVariation", "share-weighted")
          .put("VoteVariation", "other");
    } else {
      measure.put("Type", "ballot-measure");
    }
    return measure.build();
  }

  private static JsonArray voteCounts(ChoiceResult choice, String gpUnitId) {
    return JsonArray.of(
        JsonObject.builder()
            .put("@type", "ElectionResults.VoteCounts")
            .put("Count", choice.total())
            .put("GpUnitId", gpUnitId)
            .put("Type", TOTAL)
            .build());
  }

  private static JsonObject reportingUnit(ElectionResult result, String gpUnitId) {
    Jurisdiction jurisdiction = result.jurisdiction();
    JsonObject.Builder unit =
        JsonObject.builder()
            .put("@id", gpUnitId)
            .put("@type", "ElectionResults.ReportingUnit")
            .put(
                "ElectionAdministration",
                JsonObject.builder()
                    .put("@type", "ElectionResults.ElectionAdministration")
                    .put("Name", result.authority().name())
                    .build())
            .put("Name", internationalized(jurisdiction.name()))
            .put("Type", jurisdiction.type().nistType());
    if (jurisdiction.type().nistOtherType() != null) {
      unit.put("OtherType", jurisdiction.type().nistOtherType());
    }
    return unit.build();
  }

  private static JsonObject internationalized(LocalizedText text) {
    List<JsonValue> strings = new ArrayList<>();
    for (Map.Entry<String, String> e : text.texts().entrySet()) {
      strings.add(
          JsonObject.builder()
              .put("@type", "ElectionResults.LanguageString")
              .put("Content", e.getValue())
              .put("Language", e.getKey())
              .build());
    }
    return JsonObject.builder()
        .put("@type", "ElectionResults.InternationalizedText")
        .put("Text", new JsonArray(strings))
        .build();
  }

  /** NIST DateTimeWithZone: seconds precision, four-digit year, always in UTC ("Z"). */
  private static String dateTime(Instant instant) {
    if (instant.getNano() != 0) {
      throw new InvalidResultException(
          Reason.INVALID_DATE, "generated date must be in whole seconds: " + instant);
    }
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    if (t.getYear() < 1 || t.getYear() > 9999) {
      throw new InvalidResultException(
          Reason.INVALID_DATE, "generated date out of range: " + instant);
    }
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02dZ",
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond());
  }
}

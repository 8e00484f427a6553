package io.votechain.record.nist;

import static io.votechain.record.nist.NistFixtures.GENERATED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import io.votechain.record.nist.InvalidResultException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NistResultsExporterTest {
  private static final NistResultsExporter EXPORTER = new NistResultsExporter("0.1.0");

  private static JsonNode report(ElectionResult result) {
    return NistSchema.parse(EXPORTER.export(result, GENERATED));
  }

  private static JsonNode contestById(JsonNode report, String id) {
    for (JsonNode contest : report.path("Election").get(0).path("Contest")) {
      if (contest.path("@id").asText().equals(id)) {
        return contest;
      }
    }
    throw new AssertionError("no contest " + id);
  }

  private static JsonNode selectionById(JsonNode contest, String id) {
    for (JsonNode selection : contest.path("ContestSelection")) {
      if (selection.path("@id").asText().equals(id)) {
        return selection;
      }
    }
    throw new AssertionError("no selection " + id);
  }

  @Nested
  class SchemaConformance {
    @Test
    void municipalElectionValidatesAgainstTheNistSchema() {
      assertEquals(Set.of(), NistSchema.validate(report(NistFixtures.municipal())));
    }

    @Test
    void certifiedMunicipalElectionValidatesAgainstTheNistSchema() {
      assertEquals(
          Set.of(), NistSchema.validate(report(NistFixtures.municipal(ResultStatus.CERTIFIED))));
    }

    @Test
    void shareholderMeetingValidatesAgainstTheNistSchema() {
      assertEquals(Set.of(), NistSchema.validate(report(NistFixtures.agm())));
    }

    @Test
    void validationFailsForADocumentWithoutIssuer() {
      ObjectNode broken = (ObjectNode) report(NistFixtures.municipal());
      broken.remove("Issuer");
      Set<ValidationMessage> messages = NistSchema.validate(broken);
      assertFalse(messages.isEmpty());
      assertTrue(messages.toString().contains("Issuer"), messages.toString());
    }

    @Test
    void validationFailsForAnUnknownStatusAndAnUnknownProperty() {
      ObjectNode broken = (ObjectNode) report(NistFixtures.municipal());
      broken.put("Status", "final");
      ((ObjectNode) broken.path("Election").get(0)).put("Winner", "alice-chen");
      Set<ValidationMessage> messages = NistSchema.validate(broken);
      assertTrue(messages.size() >= 2, messages.toString());
    }

    @Test
    void validationFailsForACountThatIsNotANumber() {
      ObjectNode broken = (ObjectNode) report(NistFixtures.municipal());
      JsonNode contest = broken.path("Election").get(0).path("Contest").get(0);
      ObjectNode counts =
          (ObjectNode) contest.path("ContestSelection").get(0).path("VoteCounts").get(0);
      counts.put("Count", "4812");
      assertFalse(NistSchema.validate(broken).isEmpty());
    }
  }

  @Nested
  class References {
    @Test
    void everyReferenceInTheMunicipalReportResolvesToAnIdOfTheAllowedType() {
      ElectionResult result = NistFixtures.municipal();
      int[] checked = {0};
      assertEquals(List.of(), NistSchema.unresolvedReferences(report(result), checked));
      int selections = 0;
      int candidates = 0;
      for (ContestResult contest : result.contests()) {
        selections += contest.choices().size();
        if (contest.kind() == ContestKind.ONE_OF_N || contest.kind() == ContestKind.K_OF_N) {
          candidates += contest.choices().size();
        }
      }
      // ElectionScopeId, two BallotCounts, one ElectionDistrictId per contest, one VoteCounts per
      // selection and one CandidateIds entry per candidate selection.
      assertEquals(1 + 2 + result.contests().size() + selections + candidates, checked[0]);
    }

    @Test
    void everyReferenceInTheShareholderReportResolves() {
      int[] checked = {0};
      assertEquals(List.of(), NistSchema.unresolvedReferences(report(NistFixtures.agm()), checked));
      assertEquals(1 + 2 + 3 + 9, checked[0]);
    }

    @Test
    void referenceCheckFindsADanglingCandidateId() {
      ObjectNode broken = (ObjectNode) report(NistFixtures.municipal());
      JsonNode mayor = contestById(broken, "contest.mayor");
      ArrayNode ids =
          (ArrayNode) selectionById(mayor, "selection.mayor.alice-chen").path("CandidateIds");
      ids.set(0, "candidate.mayor.nobody");
      List<String> problems = NistSchema.unresolvedReferences(broken, new int[1]);
      assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void referenceCheckFindsAReferenceToAnObjectOfTheWrongType() {
      ObjectNode broken = (ObjectNode) report(NistFixtures.municipal());
      ((ObjectNode) broken.path("Election").get(0)).put("ElectionScopeId", "contest.mayor");
      assertEquals(1, NistSchema.unresolvedReferences(broken, new int[1]).size());
    }

    @Test
    void idsAreDerivedFromVotechainIds() {
      JsonNode doc = report(NistFixtures.municipal());
      assertEquals("gpunit.springfield", doc.path("GpUnit").get(0).path("@id").asText());
      JsonNode council = contestById(doc, "contest.council");
      JsonNode eve = selectionById(council, "selection.council.eve-novak");
      assertEquals("candidate.council.eve-novak", eve.path("CandidateIds").get(0).asText());
    }
  }

  @Nested
  class Counts {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everySelectionCarriesItsInputTotalAsATotalCount(boolean shareholders) {
      ElectionResult result = shareholders ? NistFixtures.agm() : NistFixtures.municipal();
      JsonNode doc = report(result);
      String gpUnit = doc.path("GpUnit").get(0).path("@id").asText();
      int seen = 0;
      for (ContestResult contest : result.contests()) {
        JsonNode node = contestById(doc, "contest." + contest.id());
        assertEquals(contest.choices().size(), node.path("ContestSelection").size());
        for (ChoiceResult choice : contest.choices()) {
          JsonNode counts =
              selectionById(node, "selection." + contest.id() + "." + choice.id())
                  .path("VoteCounts");
          assertEquals(1, counts.size());
          assertTrue(counts.get(0).path("Count").isIntegralNumber());
          assertEquals(choice.total(), counts.get(0).path("Count").longValue());
          assertEquals("total", counts.get(0).path("Type").asText());
          assertEquals(gpUnit, counts.get(0).path("GpUnitId").asText());
          seen++;
        }
      }
      assertEquals(shareholders ? 9 : 10, seen);
    }

    @Test
    void weightedTotalsOfATrillionSharesAreWrittenExactly() {
      String json = EXPORTER.export(NistFixtures.agm(), GENERATED);
      assertTrue(json.contains("\"Count\":1000000000000,"), json);
      assertTrue(json.contains("\"Count\":812345678901,"), json);
    }

    @Test
    void castBallotsAreATotalAndSpoiledBallotsAreRejectedNotCast() {
      JsonNode counts =
          report(NistFixtures.municipal()).path("Election").get(0).path("BallotCounts");
      assertEquals(2, counts.size());
      assertEquals("total", counts.get(0).path("Type").asText());
      assertEquals(9_900, counts.get(0).path("BallotsCast").longValue());
      assertEquals("other", counts.get(1).path("Type").asText());
      assertEquals("spoiled", counts.get(1).path("OtherType").asText());
      assertEquals(214, counts.get(1).path("BallotsRejected").longValue());
      assertTrue(counts.get(1).path("BallotsCast").isMissingNode());
    }
  }

  @Nested
  class Mapping {
    @Test
    void candidateContestsCarryLimitsSeatsAndVariation() {
      JsonNode doc = report(NistFixtures.municipal());
      JsonNode mayor = contestById(doc, "contest.mayor");
      assertEquals("ElectionResults.CandidateContest", mayor.path("@type").asText());
      assertEquals(1, mayor.path("VotesAllowed").intValue());
      assertEquals(1, mayor.path("NumberElected").intValue());
      assertEquals("plurality", mayor.path("VoteVariation").asText());
      assertEquals("Mayor", mayor.path("Name").asText());
      JsonNode council = contestById(doc, "contest.council");
      assertEquals(2, council.path("VotesAllowed").intValue());
      assertEquals(2, council.path("NumberElected").intValue());
      assertEquals("n-of-m", council.path("VoteVariation").asText());
      assertEquals(8, doc.path("Election").get(0).path("Candidate").size());
    }

    @Test
    void yesNoMeasureIsABallotMeasureContest() {
      JsonNode measure = contestById(report(NistFixtures.municipal()), "contest.measure-a");
      assertEquals("ElectionResults.BallotMeasureContest", measure.path("@type").asText());
      assertEquals("ballot-measure", measure.path("Type").asText());
      assertTrue(measure.path("VoteVariation").isMissingNode());
    }

    @Test
    void resolutionsAreShareWeightedBallotMeasuresOfAnOtherElection() {
      JsonNode doc = report(NistFixtures.agm());
      JsonNode election = doc.path("Election").get(0);
      assertEquals("other", election.path("Type").asText());
      assertEquals("shareholder-meeting", election.path("OtherType").asText());
      assertTrue(election.path("Candidate").isMissingNode());
      JsonNode r1 = contestById(doc, "contest.r1-accounts");
      assertEquals("ElectionResults.BallotMeasureContest", r1.path("@type").asText());
      assertEquals("shareholder-resolution", r1.path("OtherType").asText());
      assertEquals("other", r1.path("VoteVariation").asText());
      assertEquals("share-weighted", r1.path("OtherVoteVariation").asText());
      assertEquals("organization", doc.path("GpUnit").get(0).path("OtherType").asText());
    }

    @Test
    void statusMapsToNistResultsStatus() {
      assertEquals("unofficial-complete", report(NistFixtures.municipal()).path("Status").asText());
      assertEquals(
          "certified",
          report(NistFixtures.municipal(ResultStatus.CERTIFIED)).path("Status").asText());
    }

    @Test
    void headerCarriesTheInputsAndTheVendor() {
      JsonNode doc = report(NistFixtures.municipal());
      assertEquals("2026-11-04T21:30:00Z", doc.path("GeneratedDate").asText());
      assertEquals("votechain 0.1.0", doc.path("VendorApplicationId").asText());
      assertEquals("summary-contest", doc.path("Format").asText());
      assertEquals(1, doc.path("SequenceStart").intValue());
      assertEquals(1, doc.path("SequenceEnd").intValue());
      assertEquals("Springfield City Clerk", doc.path("Issuer").asText());
      assertEquals("SPFLD-CLERK", doc.path("IssuerAbbreviation").asText());
      JsonNode election = doc.path("Election").get(0);
      assertEquals("2026-10-20", election.path("StartDate").asText());
      assertEquals("2026-11-03", election.path("EndDate").asText());
      assertEquals(
          "springfield-2026", election.path("ExternalIdentifier").get(0).path("Value").asText());
    }

    @Test
    void labelsAreInternationalizedTextInLanguageOrder() {
      JsonNode name = report(NistFixtures.municipal()).path("Election").get(0).path("Name");
      assertEquals("ElectionResults.InternationalizedText", name.path("@type").asText());
      assertEquals(2, name.path("Text").size());
      assertEquals("en", name.path("Text").get(0).path("Language").asText());
      assertEquals("zh-Hans", name.path("Text").get(1).path("Language").asText());
      assertEquals("斯普林菲尔德2026年市政选举", name.path("Text").get(1).path("Content").asText());
    }
  }

  @Nested
  class Determinism {
    @Test
    void equalInputsGiveByteIdenticalOutput() {
      assertArrayEquals(
          EXPORTER.exportUtf8(NistFixtures.municipal(), GENERATED),
          new NistResultsExporter("0.1.0").exportUtf8(NistFixtures.municipal(), GENERATED));
    }

    @Test
    void languageInsertionOrderDoesNotChangeTheOutput() {
      Map<String, String> zhFirst = new LinkedHashMap<>();
      zhFirst.put("zh-Hans", "市长");
      zhFirst.put("en", "Mayor");
      ContestResult mayor = NistFixtures.mayor();
      ContestResult reordered =
          ContestResult.oneOfN(mayor.id(), LocalizedText.of(zhFirst), mayor.choices());
      ElectionResult base = NistFixtures.municipal();
      ElectionResult other =
          withContests(
              base, List.of(reordered, NistFixtures.council(), NistFixtures.libraryBond()));
      assertEquals(EXPORTER.export(base, GENERATED), EXPORTER.export(other, GENERATED));
    }

    @Test
    void aChangedCountChangesTheOutput() {
      ElectionResult base = NistFixtures.municipal();
      ContestResult bond =
          ContestResult.yesNo(
              "measure-a",
              NistFixtures.libraryBond().name(),
              List.of(
                  NistFixtures.choice("yes", "Yes", "赞成", 6_205),
                  NistFixtures.choice("no", "No", "反对", 3_388)));
      ElectionResult changed =
          withContests(base, List.of(NistFixtures.mayor(), NistFixtures.council(), bond));
      assertNotEquals(EXPORTER.export(base, GENERATED), EXPORTER.export(changed, GENERATED));
    }

    @Test
    void municipalReportMatchesTheGoldenFile() throws IOException {
      try (InputStream in = getClass().getResourceAsStream("/nist/municipal-report.json")) {
        String golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(golden, EXPORTER.export(NistFixtures.municipal(), GENERATED));
      }
    }

    @Test
    void objectMembersAreWrittenInSortedKeyOrder() {
      JsonNode doc = report(NistFixtures.agm());
      assertSorted(doc);
    }

    private void assertSorted(JsonNode node) {
      if (node.isObject()) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(List.copyOf(new TreeSet<>(names)), names);
      }
      node.elements().forEachRemaining(this::assertSorted);
    }
  }

  @Nested
  class Escaping {
    @Test
    void awkwardStringsRoundTripThroughAJsonParser() {
      String awkward =
          "He said \"no\" \\ C:\\path\nline2\r\t\u0000\u0001\u001f\u007f \u2028\u2029 😀 𝄞 中文";
      ElectionResult base = NistFixtures.municipal();
      ContestResult mayor =
          ContestResult.oneOfN(
              "mayor",
              LocalizedText.of("en", awkward, "zh-Hans", "市长"),
              List.of(new ChoiceResult("x", LocalizedText.of("en", awkward), 1)));
      ElectionResult result =
          new ElectionResult(
              base.id(),
              base.name(),
              base.kind(),
              base.startDate(),
              base.endDate(),
              new Authority(awkward, "A\"B"),
              base.jurisdiction(),
              base.primaryLanguage(),
              List.of(mayor),
              base.ballotsCast(),
              base.ballotsSpoiled(),
              base.status());
      String json = EXPORTER.export(result, GENERATED);
      JsonNode doc = NistSchema.parse(json);
      assertEquals(Set.of(), NistSchema.validate(doc));
      assertEquals(awkward, doc.path("Issuer").asText());
      assertEquals("A\"B", doc.path("IssuerAbbreviation").asText());
      JsonNode contest = contestById(doc, "contest.mayor");
      assertEquals(awkward, contest.path("Name").asText());
      assertEquals(
          awkward, contest.path("BallotTitle").path("Text").get(0).path("Content").asText());
      assertEquals(
          awkward,
          doc.path("Election")
              .get(0)
              .path("Candidate")
              .get(0)
              .path("BallotName")
              .path("Text")
              .get(0)
              .path("Content")
              .asText());
      assertFalse(json.contains("\u2028"));
      assertTrue(json.contains("\\u2028\\u2029"));
    }
  }

  @Nested
  class Arguments {
    @Test
    void generatedDateWithFractionalSecondsIsRejected() {
      InvalidResultException e =
          assertThrows(
              InvalidResultException.class,
              () ->
                  EXPORTER.export(
                      NistFixtures.municipal(), Instant.parse("2026-11-04T21:30:00.5Z")));
      assertEquals(Reason.INVALID_DATE, e.reason());
    }

    @Test
    void generatedDateBeyondYear9999IsRejected() {
      InvalidResultException e =
          assertThrows(
              InvalidResultException.class,
              () ->
                  EXPORTER.export(
                      NistFixtures.municipal(), Instant.parse("+10000-01-01T00:00:00Z")));
      assertEquals(Reason.INVALID_DATE, e.reason());
    }

    @Test
    void missingGeneratedDateIsRejected() {
      InvalidResultException e =
          assertThrows(
              InvalidResultException.class, () -> EXPORTER.export(NistFixtures.municipal(), null));
      assertEquals(Reason.MISSING_VALUE, e.reason());
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "1.0 beta",
          "1.0\n",
          "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        })
    void malformedVersionIsRejected(String version) {
      InvalidResultException e =
          assertThrows(InvalidResultException.class, () -> new NistResultsExporter(version));
      assertEquals(Reason.INVALID_VERSION, e.reason());
    }
  }

  static ElectionResult withContests(ElectionResult base, List<ContestResult> contests) {
    return new ElectionResult(
        base.id(),
        base.name(),
        base.kind(),
        base.startDate(),
        base.endDate(),
        base.authority(),
        base.jurisdiction(),
        base.primaryLanguage(),
        contests,
        base.ballotsCast(),
        base.ballotsSpoiled(),
        base.status());
  }
}

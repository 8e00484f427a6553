package io.votechain.web.official;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.RevotePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The NIST SP 1500-20 import (docs/nist-import.md): a real bilingual ballot definition that
 * validates against NIST's schema maps to the expected manifest; NIST's own example imports; every
 * unsupported or malformed element is refused with its code and JSON path.
 */
class NistBallotImportTest {
  private static final String FIXTURE = "/nist/riverton-2027.json";

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = NistBallotImportTest.class.getResourceAsStream(name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }

  private static JsonObject fixture() throws IOException {
    return new JsonObject(new String(resource(FIXTURE), StandardCharsets.UTF_8));
  }

  private static NistBallotImport.Outcome read(byte[] file) {
    return NistBallotImport.read(file, "riverton-2027", RevotePolicy.LAST_VOTE_COUNTS);
  }

  private static NistBallotImport.Outcome read(JsonObject file) {
    return read(file.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static ElectionDraft imported(NistBallotImport.Outcome o) {
    return assertInstanceOf(NistBallotImport.Outcome.Imported.class, o, o.toString()).draft();
  }

  private static NistBallotImport.Problem refused(NistBallotImport.Outcome o) {
    return assertInstanceOf(NistBallotImport.Outcome.Refused.class, o, o.toString()).problem();
  }

  /** The fixture changed by {@code edit}, then imported: the problem it must cause. */
  private static NistBallotImport.Problem refusedAfter(Consumer<JsonObject> edit)
      throws IOException {
    JsonObject f = fixture();
    edit.accept(f);
    return refused(read(f));
  }

  private static JsonObject election(JsonObject f) {
    return f.getJsonArray("Election").getJsonObject(0);
  }

  /** Contest {@code i} in file order (council, mayor, measure-a). */
  private static JsonObject contest(JsonObject f, int i) {
    return election(f).getJsonArray("Contest").getJsonObject(i);
  }

  @Nested
  @DisplayName("a valid ballot definition")
  class Valid {
    @Test
    void theFixtureValidatesAgainstNistsSchema() throws IOException {
      ObjectMapper json = new ObjectMapper();
      JsonNode schemaNode = json.readTree(resource("/nist/NIST_V1_ballot_definition.json"));
      JsonSchema schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
      Set<ValidationMessage> problems = schema.validate(json.readTree(resource(FIXTURE)));
      assertEquals(Set.of(), problems);
      // And the schema does reject something, so the empty set above means something.
      Set<ValidationMessage> broken =
          schema.validate(json.readTree("{\"@type\":\"BallotDefinition.BallotDefinition\"}"));
      assertTrue(!broken.isEmpty());
    }

    @Test
    void mapsContestsChoicesLanguagesAndTheWindowToTheManifest() throws IOException {
      ElectionDraft d = imported(read(resource(FIXTURE)));
      ElectionManifest m = d.manifest().manifest();
      assertNotNull(m, d.manifest().detail());
      assertEquals("riverton-2027", m.electionId());
      assertEquals(
          Map.of("en", "Riverton municipal election 2027", "zh", "2027 年里弗顿市选举"),
          m.name().labels());
      // 2027-05-03 00:00 UTC to the end of 2027-05-04 (exclusive end: 2027-05-05 00:00 UTC).
      assertEquals(1_809_302_400_000L, m.votingStart());
      assertEquals(1_809_475_200_000L, m.votingEnd());
      // SequenceOrder decides the ballot order, not the file's order.
      assertEquals(
          List.of("mayor", "measure-a", "council"),
          m.contests().stream().map(Contest::contestId).toList());

      Contest mayor = m.contests().get(0);
      assertEquals(ContestKind.ONE_OF_N, mayor.kind());
      assertEquals(1, mayor.selectionLimit());
      assertEquals("Mayor and deputy mayor", mayor.title().labels().get("en"));
      assertEquals("ticket-ken", mayor.choices().get(0).choiceId());
      assertEquals(
          Map.of("en", "Ada Lovelace / Grace Hopper", "zh", "阿达·洛夫莱斯 / 格蕾丝·霍珀"),
          mayor.choices().get(1).label().labels());

      Contest measure = m.contests().get(1);
      assertEquals(ContestKind.YES_NO, measure.kind());
      assertEquals(Map.of("en", "Yes", "zh", "是"), measure.choices().get(0).label().labels());

      Contest council = m.contests().get(2);
      assertEquals(ContestKind.K_OF_N, council.kind());
      assertEquals(2, council.selectionLimit());
      // Markup in a name is kept as text; the pages escape it (th:text), so it stays inert.
      assertEquals("Edsger <b>Dijkstra</b>", council.choices().get(1).label().labels().get("en"));
    }

    @Test
    void nistsOwnExampleImportsInEnglish() throws IOException {
      ElectionDraft d = imported(read(resource("/nist/example_ballot_definition_1.json")));
      ElectionManifest m = d.manifest().manifest();
      assertNotNull(m);
      assertEquals(Set.of("en"), m.name().labels().keySet());
      assertEquals(1, m.contests().size());
      Contest president = m.contests().get(0);
      assertEquals("cc-president", president.contestId());
      assertEquals(4, president.choices().size());
      // No BallotTitle: the contest's plain Name serves in every language.
      assertEquals("PRESIDENT OF THE UNITED STATES", president.title().labels().get("en"));
      assertEquals(
          "Joseph R. Biden / Kamala D. Harris",
          president.choices().get(0).label().labels().get("en"));
    }

    @Test
    void keepsTheOfficialsElectionIdAndRevotePolicy() throws IOException {
      ElectionDraft d =
          imported(NistBallotImport.read(resource(FIXTURE), "other-id", RevotePolicy.SINGLE_VOTE));
      assertEquals("other-id", d.electionId());
      assertEquals(RevotePolicy.SINGLE_VOTE, d.policy());
    }
  }

  @Nested
  @DisplayName("a hostile or malformed file")
  class Hostile {
    @Test
    void aFileAboveTheSizeBoundIsRefusedBeforeParsing() {
      byte[] huge = new byte[NistBallotImport.MAX_BYTES + 1];
      java.util.Arrays.fill(huge, (byte) ' ');
      NistBallotImport.Problem p = refused(read(huge));
      assertEquals(NistImportError.NIST_TOO_LARGE, p.code());
      assertEquals("$", p.path());
    }

    @Test
    void deepNestingIsRefusedWithoutRecursion() {
      String deep = "[".repeat(100_000) + "]".repeat(100_000);
      assertEquals(
          NistImportError.NIST_TOO_DEEP,
          refused(read(deep.getBytes(StandardCharsets.US_ASCII))).code());
    }

    @Test
    void bracketsInsideStringsDoNotCountAsNesting() throws IOException {
      JsonObject f = fixture();
      f.put("Notes", "[".repeat(1000) + "\\\"{{{");
      imported(read(f));
    }

    @Test
    void notJsonNotUtf8AndNotAnObjectAreRefused() {
      assertEquals(
          NistImportError.NIST_MALFORMED_JSON,
          refused(read("{\"Election\": [".getBytes(StandardCharsets.UTF_8))).code());
      assertEquals(
          NistImportError.NIST_MALFORMED_JSON,
          refused(read(new byte[] {'{', (byte) 0xC3, '}'})).code());
      NistBallotImport.Problem p = refused(read("[1,2]".getBytes(StandardCharsets.UTF_8)));
      assertEquals(NistImportError.NIST_WRONG_TYPE, p.code());
      assertEquals("$", p.path());
    }

    @Test
    void anotherNistDocumentIsNotABallotDefinition() throws IOException {
      NistBallotImport.Problem p =
          refusedAfter(f -> f.put("@type", "ElectionResults.ElectionReport"));
      assertEquals(NistImportError.NIST_NOT_A_BALLOT_DEFINITION, p.code());
      assertEquals("$.@type", p.path());
    }

    @Test
    void zeroOrTwoElectionsAreRefused() throws IOException {
      assertEquals(
          NistImportError.NIST_ELECTION_COUNT,
          refusedAfter(f -> f.put("Election", new JsonArray())).code());
      assertEquals(
          NistImportError.NIST_ELECTION_COUNT,
          refusedAfter(f -> f.getJsonArray("Election").add(election(f).copy())).code());
    }

    @Test
    void aStringWhereAnObjectBelongsIsTheWrongTypeAtItsPath() throws IOException {
      NistBallotImport.Problem p = refusedAfter(f -> election(f).put("Name", "just a string"));
      assertEquals(NistImportError.NIST_WRONG_TYPE, p.code());
      assertEquals("$.Election[0].Name", p.path());
    }

    @Test
    void aFractionalOrTextualVoteCountIsTheWrongType() throws IOException {
      NistBallotImport.Problem p = refusedAfter(f -> contest(f, 0).put("VotesAllowed", 1.5));
      assertEquals(NistImportError.NIST_WRONG_TYPE, p.code());
      assertEquals("$.Election[0].Contest[0].VotesAllowed", p.path());
      assertEquals(
          NistImportError.NIST_WRONG_TYPE,
          refusedAfter(f -> contest(f, 0).put("VotesAllowed", "2")).code());
    }

    @Test
    void aMissingDateOrAReversedWindowIsRefused() throws IOException {
      NistBallotImport.Problem missing = refusedAfter(f -> election(f).remove("StartDate"));
      assertEquals(NistImportError.NIST_MISSING_FIELD, missing.code());
      assertEquals("$.Election[0].StartDate", missing.path());
      assertEquals(
          NistImportError.NIST_BAD_DATE,
          refusedAfter(f -> election(f).put("EndDate", "2027-05-02")).code());
      assertEquals(
          NistImportError.NIST_BAD_DATE,
          refusedAfter(f -> election(f).put("StartDate", "2027-02-30")).code());
    }

    @Test
    void anIdThatIsNoVotechainIdentifierIsRefused() throws IOException {
      NistBallotImport.Problem p = refusedAfter(f -> contest(f, 1).put("@id", "mayor/../<script>"));
      assertEquals(NistImportError.NIST_BAD_IDENTIFIER, p.code());
      assertEquals("$.Election[0].Contest[1].@id", p.path());
      assertEquals(
          NistImportError.NIST_BAD_IDENTIFIER,
          refused(NistBallotImport.read(resource(FIXTURE), "bad id", RevotePolicy.SINGLE_VOTE))
              .code());
    }

    @Test
    void duplicateContestOrOptionIdsAreRefused() throws IOException {
      assertEquals(
          NistImportError.NIST_DUPLICATE_ID,
          refusedAfter(f -> contest(f, 0).put("@id", "mayor")).code());
      NistBallotImport.Problem p =
          refusedAfter(
              f ->
                  contest(f, 0)
                      .getJsonArray("ContestOption")
                      .getJsonObject(1)
                      .put("@id", "council-alan"));
      assertEquals(NistImportError.NIST_DUPLICATE_ID, p.code());
      assertEquals("$.Election[0].Contest[0].ContestOption[1].@id", p.path());
    }

    @Test
    void aTextMissingOneOfTheElectionsLanguagesIsRefused() throws IOException {
      NistBallotImport.Problem p =
          refusedAfter(
              f -> contest(f, 2).getJsonObject("BallotTitle").getJsonArray("Text").remove(1));
      assertEquals(NistImportError.NIST_LANGUAGES_DIFFER, p.code());
      assertEquals("$.Election[0].Contest[2].BallotTitle", p.path());
    }

    @Test
    void aCandidateNamedOnlyInEnglishIsRefusedAtTheCandidate() throws IOException {
      NistBallotImport.Problem p =
          refusedAfter(
              f ->
                  election(f)
                      .getJsonArray("Candidate")
                      .getJsonObject(0)
                      .getJsonObject("BallotName")
                      .getJsonArray("Text")
                      .remove(1));
      assertEquals(NistImportError.NIST_LANGUAGES_DIFFER, p.code());
      assertEquals("$.Election[0].Candidate[0].BallotName", p.path());
    }

    @Test
    void aLanguageTwiceABadTagABlankOrAnOverlongTextIsRefused() throws IOException {
      assertEquals(
          NistImportError.NIST_DUPLICATE_LANGUAGE,
          refusedAfter(f -> languageString(f).put("Language", "zh")).code());
      assertEquals(
          NistImportError.NIST_BAD_LANGUAGE,
          refusedAfter(f -> languageString(f).put("Language", "EN_us")).code());
      assertEquals(
          NistImportError.NIST_EMPTY_TEXT,
          refusedAfter(f -> languageString(f).put("Content", "   ")).code());
      NistBallotImport.Problem p =
          refusedAfter(f -> languageString(f).put("Content", "x".repeat(129)));
      assertEquals(NistImportError.NIST_TEXT_TOO_LONG, p.code());
      assertEquals("$.Election[0].Name.Text[0].Content", p.path());
    }

    private JsonObject languageString(JsonObject f) {
      return election(f).getJsonObject("Name").getJsonArray("Text").getJsonObject(0);
    }

    @Test
    void aTicketWhoseJoinedNamesAreTooLongIsRefused() throws IOException {
      NistBallotImport.Problem p =
          refusedAfter(
              f -> {
                JsonArray names =
                    election(f)
                        .getJsonArray("Candidate")
                        .getJsonObject(0)
                        .getJsonObject("BallotName")
                        .getJsonArray("Text");
                names.getJsonObject(0).put("Content", "A".repeat(120));
              });
      assertEquals(NistImportError.NIST_TEXT_TOO_LONG, p.code());
      assertEquals("$.Election[0].Contest[1].ContestOption[0].CandidateIds", p.path());
    }

    @Test
    void partyAndRetentionContestsAreUnsupported() throws IOException {
      NistBallotImport.Problem p =
          refusedAfter(f -> contest(f, 1).put("@type", "BallotDefinition.RetentionContest"));
      assertEquals(NistImportError.NIST_UNSUPPORTED_CONTEST, p.code());
      assertEquals("$.Election[0].Contest[1].@type", p.path());
      assertEquals(
          NistImportError.NIST_UNSUPPORTED_CONTEST,
          refusedAfter(f -> contest(f, 1).put("@type", "BallotDefinition.PartyContest")).code());
    }

    @Test
    void aPartyOptionInACandidateContestIsUnsupported() throws IOException {
      assertEquals(
          NistImportError.NIST_UNSUPPORTED_OPTION,
          refusedAfter(
                  f ->
                      contest(f, 1)
                          .getJsonArray("ContestOption")
                          .getJsonObject(0)
                          .put("@type", "BallotDefinition.PartyOption"))
              .code());
    }

    @Test
    void rankedAndCumulativeVotingAreUnsupported() throws IOException {
      assertEquals(
          NistImportError.NIST_UNSUPPORTED_VOTE_VARIATION,
          refusedAfter(f -> contest(f, 0).put("VoteVariation", "rcv")).code());
      NistBallotImport.Problem p = refusedAfter(f -> contest(f, 0).put("RanksAllowed", 3));
      assertEquals(NistImportError.NIST_UNSUPPORTED_VOTE_VARIATION, p.code());
      assertEquals("$.Election[0].Contest[0].RanksAllowed", p.path());
    }

    @Test
    void aWriteInOptionIsRefused() throws IOException {
      NistBallotImport.Problem p =
          refusedAfter(
              f ->
                  contest(f, 0)
                      .getJsonArray("ContestOption")
                      .add(
                          new JsonObject()
                              .put("@type", "BallotDefinition.CandidateOption")
                              .put("@id", "council-write-in")
                              .put("IsWriteIn", true)));
      assertEquals(NistImportError.NIST_WRITE_IN_UNSUPPORTED, p.code());
      assertEquals("$.Election[0].Contest[0].ContestOption[3]", p.path());
    }

    @Test
    void moreVotesThanOptionsOrNoneAreRefused() throws IOException {
      assertEquals(
          NistImportError.NIST_BAD_VOTES_ALLOWED,
          refusedAfter(f -> contest(f, 0).put("VotesAllowed", 4)).code());
      assertEquals(
          NistImportError.NIST_BAD_VOTES_ALLOWED,
          refusedAfter(f -> contest(f, 0).put("VotesAllowed", 0)).code());
    }

    @Test
    void anOptionNamingAnUnknownCandidateIsRefused() throws IOException {
      NistBallotImport.Problem p =
          refusedAfter(
              f ->
                  contest(f, 1)
                      .getJsonArray("ContestOption")
                      .getJsonObject(1)
                      .put("CandidateIds", new JsonArray().add("can-nobody")));
      assertEquals(NistImportError.NIST_UNKNOWN_CANDIDATE, p.code());
      assertEquals("$.Election[0].Contest[1].ContestOption[1].CandidateIds[0]", p.path());
    }

    @Test
    void moreThanSixtyFourContestsAreRefused() throws IOException {
      NistBallotImport.Problem p =
          refusedAfter(
              f -> {
                JsonArray contests = election(f).getJsonArray("Contest");
                for (int i = 0; i < 62; i++) {
                  contests.add(contest(f, 2).copy().put("@id", "m" + i));
                }
              });
      assertEquals(NistImportError.NIST_TOO_MANY_CONTESTS, p.code());
    }

    @Test
    void aContestWithOneOptionBreaksTheManifestRules() throws IOException {
      NistBallotImport.Problem p =
          refusedAfter(
              f -> {
                contest(f, 1).getJsonArray("ContestOption").remove(1);
              });
      assertEquals(NistImportError.NIST_INVALID_MANIFEST, p.code());
      assertEquals("$.Election[0].Contest[1]", p.path());
    }
  }
}

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
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
    /** A case: its name, the file's bytes, the code, and the JSON path where the case checks it. */
    static Arguments file(String name, byte[] file, NistImportError code, String path) {
      return Arguments.argumentSet(name, file, code, Optional.of(path));
    }

    static Arguments file(String name, byte[] file, NistImportError code) {
      return Arguments.argumentSet(name, file, code, Optional.empty());
    }

    static Stream<Arguments> unreadableFiles() {
      byte[] huge = new byte[NistBallotImport.MAX_BYTES + 1];
      java.util.Arrays.fill(huge, (byte) ' ');
      return Stream.of(
          // Refused before parsing.
          file("a file above the size bound", huge, NistImportError.NIST_TOO_LARGE, "$"),
          // Refused without recursion (a recursive reader would overflow its stack).
          file(
              "deep nesting",
              ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.US_ASCII),
              NistImportError.NIST_TOO_DEEP),
          file(
              "not JSON",
              "{\"Election\": [".getBytes(StandardCharsets.UTF_8),
              NistImportError.NIST_MALFORMED_JSON),
          file(
              "not UTF-8", new byte[] {'{', (byte) 0xC3, '}'}, NistImportError.NIST_MALFORMED_JSON),
          file(
              "not an object",
              "[1,2]".getBytes(StandardCharsets.UTF_8),
              NistImportError.NIST_WRONG_TYPE,
              "$"));
    }

    @ParameterizedTest
    @MethodSource("unreadableFiles")
    void aHugeDeepOrMalformedFileIsRefusedWithItsCode(
        byte[] file, NistImportError code, Optional<String> path, TestInfo testCase) {
      NistBallotImport.Problem p = refused(read(file));
      // Surefire names a failed case by its index only: the message names the case.
      assertEquals(code, p.code(), testCase.getDisplayName());
      path.ifPresent(expected -> assertEquals(expected, p.path(), testCase.getDisplayName()));
    }

    @Test
    void bracketsInsideStringsDoNotCountAsNesting() throws IOException {
      JsonObject f = fixture();
      f.put("Notes", "[".repeat(1000) + "\\\"{{{");
      imported(read(f));
    }

    /**
     * A case: its name, an edit of the fixture, the code, and the path where the case checks it.
     */
    static Arguments edit(
        String name, Consumer<JsonObject> edit, NistImportError code, String path) {
      return Arguments.argumentSet(name, edit, code, Optional.of(path));
    }

    static Arguments edit(String name, Consumer<JsonObject> edit, NistImportError code) {
      return Arguments.argumentSet(name, edit, code, Optional.empty());
    }

    static Stream<Arguments> refusedEdits() {
      return Stream.of(
          edit(
              "another NIST document",
              f -> f.put("@type", "ElectionResults.ElectionReport"),
              NistImportError.NIST_NOT_A_BALLOT_DEFINITION,
              "$.@type"),
          edit(
              "zero elections",
              f -> f.put("Election", new JsonArray()),
              NistImportError.NIST_ELECTION_COUNT),
          edit(
              "two elections",
              f -> f.getJsonArray("Election").add(election(f).copy()),
              NistImportError.NIST_ELECTION_COUNT),
          edit(
              "a string where an object belongs",
              f -> election(f).put("Name", "just a string"),
              NistImportError.NIST_WRONG_TYPE,
              "$.Election[0].Name"),
          edit(
              "a fractional vote count",
              f -> contest(f, 0).put("VotesAllowed", 1.5),
              NistImportError.NIST_WRONG_TYPE,
              "$.Election[0].Contest[0].VotesAllowed"),
          edit(
              "a textual vote count",
              f -> contest(f, 0).put("VotesAllowed", "2"),
              NistImportError.NIST_WRONG_TYPE),
          edit(
              "a missing date",
              f -> election(f).remove("StartDate"),
              NistImportError.NIST_MISSING_FIELD,
              "$.Election[0].StartDate"),
          edit(
              "a reversed window",
              f -> election(f).put("EndDate", "2027-05-02"),
              NistImportError.NIST_BAD_DATE),
          edit(
              "a day that does not exist",
              f -> election(f).put("StartDate", "2027-02-30"),
              NistImportError.NIST_BAD_DATE),
          edit(
              "an id that is no votechain identifier",
              f -> contest(f, 1).put("@id", "mayor/../<script>"),
              NistImportError.NIST_BAD_IDENTIFIER,
              "$.Election[0].Contest[1].@id"),
          edit(
              "a duplicate contest id",
              f -> contest(f, 0).put("@id", "mayor"),
              NistImportError.NIST_DUPLICATE_ID),
          edit(
              "a duplicate option id",
              f ->
                  contest(f, 0)
                      .getJsonArray("ContestOption")
                      .getJsonObject(1)
                      .put("@id", "council-alan"),
              NistImportError.NIST_DUPLICATE_ID,
              "$.Election[0].Contest[0].ContestOption[1].@id"),
          edit(
              "a text missing one of the election's languages",
              f -> contest(f, 2).getJsonObject("BallotTitle").getJsonArray("Text").remove(1),
              NistImportError.NIST_LANGUAGES_DIFFER,
              "$.Election[0].Contest[2].BallotTitle"),
          edit(
              "a candidate named only in English (refused at the candidate)",
              f -> firstCandidatesNames(f).remove(1),
              NistImportError.NIST_LANGUAGES_DIFFER,
              "$.Election[0].Candidate[0].BallotName"),
          edit(
              "a language twice",
              f -> languageString(f).put("Language", "zh"),
              NistImportError.NIST_DUPLICATE_LANGUAGE),
          edit(
              "a bad language tag",
              f -> languageString(f).put("Language", "EN_us"),
              NistImportError.NIST_BAD_LANGUAGE),
          edit(
              "a blank text",
              f -> languageString(f).put("Content", "   "),
              NistImportError.NIST_EMPTY_TEXT),
          edit(
              "an overlong text",
              f -> languageString(f).put("Content", "x".repeat(129)),
              NistImportError.NIST_TEXT_TOO_LONG,
              "$.Election[0].Name.Text[0].Content"),
          edit(
              "a ticket whose joined names are too long",
              f -> firstCandidatesNames(f).getJsonObject(0).put("Content", "A".repeat(120)),
              NistImportError.NIST_TEXT_TOO_LONG,
              "$.Election[0].Contest[1].ContestOption[0].CandidateIds"),
          edit(
              "a retention contest",
              f -> contest(f, 1).put("@type", "BallotDefinition.RetentionContest"),
              NistImportError.NIST_UNSUPPORTED_CONTEST,
              "$.Election[0].Contest[1].@type"),
          edit(
              "a party contest",
              f -> contest(f, 1).put("@type", "BallotDefinition.PartyContest"),
              NistImportError.NIST_UNSUPPORTED_CONTEST),
          edit(
              "a party option in a candidate contest",
              f ->
                  contest(f, 1)
                      .getJsonArray("ContestOption")
                      .getJsonObject(0)
                      .put("@type", "BallotDefinition.PartyOption"),
              NistImportError.NIST_UNSUPPORTED_OPTION),
          edit(
              "ranked-choice voting",
              f -> contest(f, 0).put("VoteVariation", "rcv"),
              NistImportError.NIST_UNSUPPORTED_VOTE_VARIATION),
          edit(
              "ranks allowed (cumulative voting)",
              f -> contest(f, 0).put("RanksAllowed", 3),
              NistImportError.NIST_UNSUPPORTED_VOTE_VARIATION,
              "$.Election[0].Contest[0].RanksAllowed"),
          edit(
              "a write-in option",
              f ->
                  contest(f, 0)
                      .getJsonArray("ContestOption")
                      .add(
                          new JsonObject()
                              .put("@type", "BallotDefinition.CandidateOption")
                              .put("@id", "council-write-in")
                              .put("IsWriteIn", true)),
              NistImportError.NIST_WRITE_IN_UNSUPPORTED,
              "$.Election[0].Contest[0].ContestOption[3]"),
          edit(
              "more votes than options",
              f -> contest(f, 0).put("VotesAllowed", 4),
              NistImportError.NIST_BAD_VOTES_ALLOWED),
          edit(
              "no votes allowed",
              f -> contest(f, 0).put("VotesAllowed", 0),
              NistImportError.NIST_BAD_VOTES_ALLOWED),
          edit(
              "an option naming an unknown candidate",
              f ->
                  contest(f, 1)
                      .getJsonArray("ContestOption")
                      .getJsonObject(1)
                      .put("CandidateIds", new JsonArray().add("can-nobody")),
              NistImportError.NIST_UNKNOWN_CANDIDATE,
              "$.Election[0].Contest[1].ContestOption[1].CandidateIds[0]"),
          edit(
              "more than sixty-four contests",
              f -> {
                JsonArray contests = election(f).getJsonArray("Contest");
                for (int i = 0; i < 62; i++) {
                  contests.add(contest(f, 2).copy().put("@id", "m" + i));
                }
              },
              NistImportError.NIST_TOO_MANY_CONTESTS),
          edit(
              "a contest with one option (against the manifest's rules)",
              f -> contest(f, 1).getJsonArray("ContestOption").remove(1),
              NistImportError.NIST_INVALID_MANIFEST,
              "$.Election[0].Contest[1]"));
    }

    @ParameterizedTest
    @MethodSource("refusedEdits")
    void anUnsupportedOrMalformedElementIsRefusedWithItsCodeAndPath(
        Consumer<JsonObject> edit, NistImportError code, Optional<String> path, TestInfo testCase)
        throws IOException {
      NistBallotImport.Problem p = refusedAfter(edit);
      assertEquals(code, p.code(), testCase.getDisplayName());
      path.ifPresent(expected -> assertEquals(expected, p.path(), testCase.getDisplayName()));
    }

    /** The texts (one a language) of the first candidate's name; it runs on the mayor's ticket. */
    private static JsonArray firstCandidatesNames(JsonObject f) {
      return election(f)
          .getJsonArray("Candidate")
          .getJsonObject(0)
          .getJsonObject("BallotName")
          .getJsonArray("Text");
    }

    private static JsonObject languageString(JsonObject f) {
      return election(f).getJsonObject("Name").getJsonArray("Text").getJsonObject(0);
    }

    @Test
    void anElectionIdThatIsNoVotechainIdentifierIsRefused() throws IOException {
      assertEquals(
          NistImportError.NIST_BAD_IDENTIFIER,
          refused(NistBallotImport.read(resource(FIXTURE), "bad id", RevotePolicy.SINGLE_VOTE))
              .code());
    }
  }
}

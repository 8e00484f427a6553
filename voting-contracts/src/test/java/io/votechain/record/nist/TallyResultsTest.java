package io.votechain.record.nist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.votechain.contract.ElectionStatus;
import io.votechain.record.NistResults;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.RevotePolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A tallied election's manifest and {@code election/<id>/result} counts, turned into NIST SP
 * 1500-100 JSON by {@link NistResults}, validate against NIST's schema and carry the counts in
 * manifest order (docs/results-nist.md).
 */
class TallyResultsTest {
  private static final long START = 1_795_000_000_000L; // 2026-11-18

  private static io.votechain.tx.election.LocalizedText text(String en, String zh) {
    return io.votechain.tx.election.LocalizedText.of("en", en, "zh-Hans", zh);
  }

  private static ElectionManifest manifest() {
    return new ElectionManifest(
        "springfield-2026",
        text("Springfield general election", "斯普林菲尔德大选"),
        List.of(
            new Contest(
                "mayor",
                ContestKind.ONE_OF_N,
                1,
                text("Mayor", "市长"),
                List.of(
                    new Choice("alice", text("Alice", "爱丽丝")),
                    new Choice("bob", text("Bob", "鲍勃")))),
            new Contest(
                "council",
                ContestKind.K_OF_N,
                2,
                text("Council", "市议会"),
                List.of(
                    new Choice("carol", text("Carol", "卡罗尔")),
                    new Choice("dave", text("Dave", "戴夫")),
                    new Choice("erin", text("Erin", "艾琳")))),
            new Contest(
                "measure-a",
                ContestKind.YES_NO,
                1,
                text("Measure A", "A号提案"),
                List.of(new Choice("yes", text("Yes", "赞成")), new Choice("no", text("No", "反对"))))),
        START,
        START + 12 * 3_600_000L,
        RevotePolicy.LAST_VOTE_COUNTS);
  }

  private static final NistResults.Reporting REPORTING =
      new NistResults.Reporting(
          new Authority("Springfield City Clerk", "SCC"),
          new Jurisdiction(
              "springfield",
              LocalizedText.of("en", "Springfield", "zh-Hans", "斯普林菲尔德"),
              JurisdictionType.CITY),
          ElectionKind.GENERAL,
          "en");

  private static final List<Long> COUNTS = List.of(6L, 4L, 7L, 5L, 8L, 3L, 7L);

  @Test
  void tallyValidatesAgainstTheNistSchemaWithTheCountsInManifestOrder() {
    ElectionResult result =
        NistResults.of(manifest(), ElectionStatus.CERTIFIED, COUNTS, 10, 1, REPORTING);
    JsonNode doc =
        NistSchema.parse(NistResults.json(result, "0.1.0", START + 13 * 3_600_000L + 123));

    assertEquals(Set.of(), NistSchema.validate(doc));
    assertEquals(List.of(), NistSchema.unresolvedReferences(doc, new int[1]));
    JsonNode contests = doc.get("Election").get(0).get("Contest");
    assertEquals(
        4,
        contests
            .get(0)
            .get("ContestSelection")
            .get(1)
            .get("VoteCounts")
            .get(0)
            .get("Count")
            .asLong());
    assertEquals(
        8,
        contests
            .get(1)
            .get("ContestSelection")
            .get(2)
            .get("VoteCounts")
            .get(0)
            .get("Count")
            .asLong());
    assertEquals("n-of-m", contests.get(1).get("VoteVariation").asText());
    assertEquals("certified", doc.get("Status").asText());
    assertEquals("2026-11-19T00:06:40Z", doc.get("GeneratedDate").asText());
  }

  @Test
  void countsThatDoNotFitTheManifestAreRefused() {
    InvalidResultException e =
        assertThrows(
            InvalidResultException.class,
            () ->
                NistResults.of(
                    manifest(), ElectionStatus.TALLIED, COUNTS.subList(0, 6), 10, 0, REPORTING));
    assertEquals(InvalidResultException.Reason.NO_CHOICES, e.reason());
  }

  @Test
  void anElectionNotYetTalliedHasNoResults() {
    InvalidResultException e =
        assertThrows(
            InvalidResultException.class,
            () -> NistResults.of(manifest(), ElectionStatus.CLOSED, COUNTS, 10, 0, REPORTING));
    assertEquals(InvalidResultException.Reason.MISSING_VALUE, e.reason());
  }
}

package io.votechain.tx.election;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.contract.TestChain;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ElectionManifestTest {
  private static final ElectionManifest M = TestChain.manifest("e1");

  private static Contest contest(ContestKind kind, int limit, int choices) {
    List<Choice> list =
        java.util.stream.IntStream.range(0, choices)
            .mapToObj(i -> new Choice("c" + i, LocalizedText.of("en", "C" + i, "zh", "选" + i)))
            .toList();
    return new Contest("x", kind, limit, LocalizedText.of("en", "X", "zh", "X"), list);
  }

  private static ElectionManifest with(List<Contest> contests, long start, long end) {
    return new ElectionManifest(
        "e1", M.name(), contests, start, end, RevotePolicy.LAST_VOTE_COUNTS);
  }

  @Test
  void sampleManifestHasNoProblemAndRoundTrips() {
    assertEquals(Optional.empty(), M.problem());
    assertEquals(M, ElectionManifest.decode(M.encode()));
    assertArrayEquals(M.encode(), ElectionManifest.decode(M.encode()).encode());
  }

  @Test
  void manifestHashIsTaggedSha256OfTheEncoding() {
    assertEquals(Sha256.tagged(0x4D, M.encode()), M.hash());
    assertNotEquals(M.hash(), TestChain.manifest("e2").hash());
  }

  @Test
  void contestKindsEnforceTheirChoiceCountsAndLimits() {
    assertTrue(contest(ContestKind.YES_NO, 1, 2).problem().isEmpty());
    assertTrue(contest(ContestKind.YES_NO, 1, 3).problem().isPresent());
    assertTrue(contest(ContestKind.YES_NO, 2, 2).problem().isPresent());
    assertTrue(contest(ContestKind.ONE_OF_N, 1, 5).problem().isEmpty());
    assertTrue(contest(ContestKind.ONE_OF_N, 2, 5).problem().isPresent());
    assertTrue(contest(ContestKind.ONE_OF_N, 1, 1).problem().isPresent());
    assertTrue(contest(ContestKind.K_OF_N, 3, 5).problem().isEmpty());
    assertTrue(contest(ContestKind.K_OF_N, 5, 5).problem().isEmpty());
    assertTrue(contest(ContestKind.K_OF_N, 6, 5).problem().isPresent());
    assertTrue(contest(ContestKind.K_OF_N, 0, 5).problem().isPresent());
  }

  @Test
  void manifestRulesAreReported() {
    assertTrue(with(List.of(), 0, 1).problem().isPresent());
    assertTrue(with(List.of(contest(ContestKind.YES_NO, 1, 2)), 5, 5).problem().isPresent());
    assertTrue(
        with(List.of(contest(ContestKind.YES_NO, 1, 2), contest(ContestKind.YES_NO, 1, 2)), 0, 1)
            .problem()
            .orElseThrow()
            .contains("duplicate contest"));
    Contest englishOnly =
        new Contest(
            "x",
            ContestKind.YES_NO,
            1,
            LocalizedText.of("en", "X"),
            List.of(
                new Choice("y", LocalizedText.of("en", "Y")),
                new Choice("n", LocalizedText.of("en", "N"))));
    assertTrue(with(List.of(englishOnly), 0, 1).problem().orElseThrow().contains("languages"));
  }

  @Test
  void languageTagsOutOfOrderAreNonCanonical() {
    CanonicalWriter w = new CanonicalWriter().varint(2).text("zh").text("Z").text("en").text("E");
    EncodingException e =
        assertThrows(
            EncodingException.class,
            () ->
                LocalizedText.readFrom(new io.votechain.encoding.CanonicalReader(w.toByteArray())));
    assertEquals(EncodingException.Reason.NON_CANONICAL, e.reason());
  }

  @Test
  void malformedLanguageTagIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> LocalizedText.of("EN_us", "x"));
  }
}

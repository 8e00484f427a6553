package io.votechain.record.nist;

import static io.votechain.record.nist.NistFixtures.choice;
import static io.votechain.record.nist.NistFixtures.enZh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.record.nist.InvalidResultException.Reason;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElectionResultTest {

  private static Reason rejection(Supplier<?> build) {
    return assertThrows(InvalidResultException.class, build::get).reason();
  }

  private static ElectionResult municipalWith(List<ContestResult> contests, long cast) {
    ElectionResult base = NistFixtures.municipal();
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
        cast,
        base.ballotsSpoiled(),
        base.status());
  }

  @Nested
  class Choices {
    @Test
    void negativeTotalIsRejected() {
      assertEquals(Reason.NEGATIVE_COUNT, rejection(() -> choice("a", "A", "甲", -1)));
    }

    @Test
    void totalAbove2To53Minus1IsRejected() {
      assertEquals(Reason.COUNT_TOO_LARGE, rejection(() -> choice("a", "A", "甲", 1L << 53)));
    }

    @Test
    void totalOf2To53Minus1IsAccepted() {
      assertEquals((1L << 53) - 1, choice("a", "A", "甲", (1L << 53) - 1).total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "a b", "ä", "x/y"})
    void malformedIdIsRejected(String id) {
      assertEquals(Reason.INVALID_ID, rejection(() -> new ChoiceResult(id, enZh("A", "甲"), 1)));
    }

    @Test
    void missingLabelIsRejected() {
      assertEquals(Reason.MISSING_VALUE, rejection(() -> new ChoiceResult("a", null, 1)));
    }
  }

  @Nested
  class Labels {
    @Test
    void unpairedSurrogateIsRejected() {
      assertEquals(Reason.INVALID_TEXT, rejection(() -> LocalizedText.of("en", "bad \uD800 text")));
    }

    @Test
    void emptyTextIsRejected() {
      assertEquals(Reason.INVALID_TEXT, rejection(() -> LocalizedText.of("en", "")));
    }

    @Test
    void labelWithoutLanguagesIsRejected() {
      assertEquals(Reason.INVALID_TEXT, rejection(() -> LocalizedText.of(Map.of())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e", "en_US", "en-", "-en", "1a"})
    void malformedLanguageTagIsRejected(String tag) {
      assertEquals(Reason.INVALID_LANGUAGE_TAG, rejection(() -> LocalizedText.of(tag, "x")));
    }

    @Test
    void languageGivenTwiceIsRejected() {
      assertEquals(
          Reason.INVALID_LANGUAGE_TAG, rejection(() -> LocalizedText.of("en", "a", "en", "b")));
    }

    @Test
    void missingTextIsRejected() {
      assertEquals(Reason.MISSING_VALUE, rejection(() -> LocalizedText.of("en", null)));
    }

    @Test
    void languagesAreKeptSorted() {
      LocalizedText text = LocalizedText.of("zh-Hans", "市长", "en", "Mayor");
      assertEquals(List.of("en", "zh-Hans"), List.copyOf(text.texts().keySet()));
    }
  }

  @Nested
  class Contests {
    @Test
    void contestWithNoChoicesIsRejected() {
      assertEquals(
          Reason.NO_CHOICES, rejection(() -> ContestResult.oneOfN("c", enZh("C", "丙"), List.of())));
    }

    @Test
    void duplicateChoiceIdsAreRejected() {
      assertEquals(
          Reason.DUPLICATE_ID,
          rejection(
              () ->
                  ContestResult.oneOfN(
                      "c",
                      enZh("C", "丙"),
                      List.of(choice("a", "A", "甲", 1), choice("a", "B", "乙", 2)))));
    }

    @Test
    void yesNoWithThreeChoicesIsRejected() {
      assertEquals(
          Reason.WRONG_CHOICE_COUNT,
          rejection(
              () ->
                  ContestResult.yesNo(
                      "m",
                      enZh("M", "丁"),
                      List.of(
                          choice("y", "Y", "是", 1),
                          choice("n", "N", "否", 1),
                          choice("z", "Z", "无", 1)))));
    }

    @Test
    void resolutionWithOneChoiceIsRejected() {
      assertEquals(
          Reason.WRONG_CHOICE_COUNT,
          rejection(
              () ->
                  ContestResult.resolution(
                      "r", enZh("R", "决"), List.of(choice("for", "F", "赞", 1)))));
    }

    @Test
    void kOfNAllowingMoreSelectionsThanChoicesIsRejected() {
      assertEquals(
          Reason.INVALID_SELECTION_LIMIT,
          rejection(
              () ->
                  ContestResult.kOfN(
                      "c",
                      enZh("C", "丙"),
                      1,
                      3,
                      List.of(choice("a", "A", "甲", 1), choice("b", "B", "乙", 1)))));
    }

    @Test
    void kOfNWithoutSeatsIsRejected() {
      assertEquals(
          Reason.INVALID_SELECTION_LIMIT,
          rejection(
              () ->
                  ContestResult.kOfN(
                      "c", enZh("C", "丙"), 0, 1, List.of(choice("a", "A", "甲", 1)))));
    }

    @Test
    void oneOfNWithTwoSelectionsIsRejected() {
      assertEquals(
          Reason.INVALID_SELECTION_LIMIT,
          rejection(
              () ->
                  new ContestResult(
                      "c",
                      enZh("C", "丙"),
                      ContestKind.ONE_OF_N,
                      1,
                      2,
                      List.of(choice("a", "A", "甲", 1), choice("b", "B", "乙", 1)))));
    }

    @Test
    void contestWithMoreThanAThousandChoicesIsRejected() {
      List<ChoiceResult> choices = new java.util.ArrayList<>();
      for (int i = 0; i <= ContestResult.MAX_CHOICES; i++) {
        choices.add(choice("c" + i, "C", "丙", 1));
      }
      assertEquals(
          Reason.WRONG_CHOICE_COUNT,
          rejection(() -> ContestResult.kOfN("c", enZh("C", "丙"), 1, 1, choices)));
    }

    @Test
    void choicesListIsCopied() {
      List<ChoiceResult> choices = new java.util.ArrayList<>(List.of(choice("a", "A", "甲", 1)));
      ContestResult contest = ContestResult.oneOfN("c", enZh("C", "丙"), choices);
      choices.clear();
      assertEquals(1, contest.choices().size());
    }
  }

  @Nested
  class Elections {
    @Test
    void fixturesAreValid() {
      assertTrue(NistFixtures.agm().weightedByShares());
      assertEquals(3, NistFixtures.municipal().contests().size());
    }

    @Test
    void duplicateContestIdsAreRejected() {
      assertEquals(
          Reason.DUPLICATE_ID,
          rejection(
              () -> municipalWith(List.of(NistFixtures.mayor(), NistFixtures.mayor()), 9_900)));
    }

    @Test
    void electionWithoutContestsIsRejected() {
      assertEquals(Reason.NO_CHOICES, rejection(() -> municipalWith(List.of(), 9_900)));
    }

    @Test
    void negativeBallotsCastIsRejected() {
      assertEquals(
          Reason.NEGATIVE_COUNT, rejection(() -> municipalWith(List.of(NistFixtures.mayor()), -1)));
    }

    @Test
    void moreVotesThanBallotsCanCarryIsRejected() {
      // the mayor race has 9 810 votes and one selection per ballot
      assertEquals(
          Reason.INCONSISTENT_TOTALS,
          rejection(() -> municipalWith(List.of(NistFixtures.mayor()), 9_809)));
      assertEquals(9_810, municipalWith(List.of(NistFixtures.mayor()), 9_810).ballotsCast());
    }

    @Test
    void kOfNMayCarryUpToKVotesPerBallot() {
      // the council race has 18 640 votes, two selections per ballot
      assertEquals(9_320, municipalWith(List.of(NistFixtures.council()), 9_320).ballotsCast());
      assertEquals(
          Reason.INCONSISTENT_TOTALS,
          rejection(() -> municipalWith(List.of(NistFixtures.council()), 9_319)));
    }

    @Test
    void resolutionInAPublicElectionIsRejected() {
      ContestResult r = NistFixtures.resolution("r", "R", 1, 1, 1);
      assertEquals(Reason.KIND_MISMATCH, rejection(() -> municipalWith(List.of(r), 9_900)));
    }

    @Test
    void candidateRaceInAShareholderMeetingIsRejected() {
      ElectionResult agm = NistFixtures.agm();
      assertEquals(
          Reason.KIND_MISMATCH,
          rejection(
              () ->
                  new ElectionResult(
                      agm.id(),
                      agm.name(),
                      agm.kind(),
                      agm.startDate(),
                      agm.endDate(),
                      agm.authority(),
                      agm.jurisdiction(),
                      agm.primaryLanguage(),
                      List.of(NistFixtures.mayor()),
                      agm.ballotsCast(),
                      agm.ballotsSpoiled(),
                      agm.status())));
    }

    @Test
    void labelMissingThePrimaryLanguageIsRejected() {
      ContestResult zhOnly =
          ContestResult.oneOfN(
              "c", LocalizedText.of("zh-Hans", "丙"), List.of(choice("a", "A", "甲", 1)));
      assertEquals(Reason.MISSING_LANGUAGE, rejection(() -> municipalWith(List.of(zhOnly), 9_900)));
    }

    @Test
    void endBeforeStartIsRejected() {
      ElectionResult base = NistFixtures.municipal();
      assertEquals(
          Reason.INVALID_DATE,
          rejection(
              () ->
                  new ElectionResult(
                      base.id(),
                      base.name(),
                      base.kind(),
                      LocalDate.of(2026, 11, 3),
                      LocalDate.of(2026, 11, 2),
                      base.authority(),
                      base.jurisdiction(),
                      base.primaryLanguage(),
                      base.contests(),
                      base.ballotsCast(),
                      base.ballotsSpoiled(),
                      base.status())));
    }
  }
}

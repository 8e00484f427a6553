package io.votechain.web.observer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.contract.ElectionStatus;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.web.LedgerQueries;
import io.votechain.web.Messages;
import io.votechain.web.Templates;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The results page rendered from a model, without a network: chart, table and steps. */
class ObserverTemplatesTest {
  private static final ElectionManifest MANIFEST =
      new ElectionManifest(
          "e1",
          LocalizedText.of("en", "Council <i>vote</i>", "zh", "议会"),
          List.of(
              new Contest(
                  "mayor",
                  ContestKind.ONE_OF_N,
                  1,
                  LocalizedText.of("en", "Mayor", "zh", "市长"),
                  List.of(
                      new Choice("a", LocalizedText.of("en", "Alice", "zh", "爱丽丝")),
                      new Choice("b", LocalizedText.of("en", "<script>x</script>", "zh", "鲍勃"))))),
          0,
          1000,
          RevotePolicy.LAST_VOTE_COUNTS);

  private static final TurnoutTimeline NO_TIMELINE = TurnoutTimeline.of(List.of(), 0, 1000, 0);

  private static String render(Locale locale, ElectionStatus status, List<Long> result) {
    return render(locale, status, result, NO_TIMELINE, "observer/election");
  }

  private static String render(
      Locale locale,
      ElectionStatus status,
      List<Long> result,
      TurnoutTimeline timeline,
      String template) {
    return render(locale, status, result, timeline, template, "", null);
  }

  private static String render(
      Locale locale,
      ElectionStatus status,
      List<Long> result,
      TurnoutTimeline timeline,
      String template,
      String turnoutAfter,
      String turnoutNext) {
    Messages messages = Messages.load(ObserverTemplatesTest.class.getClassLoader());
    Templates templates = new Templates(messages, ObserverTemplatesTest.class.getClassLoader());
    LedgerQueries.Election e = new LedgerQueries.Election(MANIFEST, status);
    Map<String, Object> m = new HashMap<>();
    m.put("election", e);
    m.put("turnout", List.of(new LedgerQueries.StationTurnout("north", 4, 3, 2, 1)));
    m.put("turnoutAfter", turnoutAfter);
    m.put("turnoutNext", turnoutNext);
    m.put("counted", 3L);
    m.put("height", 9L);
    m.put("timeline", timeline);
    m.put(
        "charts",
        result == null ? List.of() : ObserverPages.charts(MANIFEST, result, locale.getLanguage()));
    m.put("steps", ObserverPages.steps(e, result != null));
    m.put("lang", locale.getLanguage());
    m.put("otherLangs", List.of());
    m.put("largeText", false);
    m.put("path", "/observer/elections/e1");
    m.put("nav", List.of());
    m.put("notices", List.of());
    m.put("user", null);
    return templates.render(template, locale, m);
  }

  @Test
  void aLongStationListLinksToItsNextPageAndBackToTheFirst() {
    String one = render(Locale.ENGLISH, ElectionStatus.OPEN, null);
    assertFalse(one.contains("class=\"pager\""), "a single page has no pager");
    String first =
        render(
            Locale.ENGLISH,
            ElectionStatus.OPEN,
            null,
            NO_TIMELINE,
            "observer/election",
            "",
            "north");
    assertTrue(
        first.contains("href=\"/observer/elections/e1?after=north\" rel=\"next\">Next page</a>"),
        first);
    assertFalse(first.contains("First page"), first);
    assertTrue(first.contains("data-turnout-url=\"/observer/elections/e1/turnout\""), first);
    String second =
        render(
            Locale.ENGLISH,
            ElectionStatus.OPEN,
            null,
            NO_TIMELINE,
            "observer/election",
            "north",
            null);
    assertTrue(second.contains("href=\"/observer/elections/e1\">First page</a>"), second);
    assertFalse(second.contains("Next page"), second);
    // The live refresh redraws the page being read, not the first one.
    assertTrue(
        second.contains("data-turnout-url=\"/observer/elections/e1/turnout?after=north\""), second);
  }

  @Test
  void theTalliedResultIsDrawnAsAnSvgChartWithNumbersAndATable() {
    String html = render(Locale.ENGLISH, ElectionStatus.TALLIED, List.of(2L, 1L));
    assertTrue(html.contains("<svg"), html);
    assertTrue(html.contains("2 (66 %)") && html.contains("1 (33 %)"), html);
    assertTrue(html.contains("Tallied"), html);
    assertTrue(html.contains("75 %"), "turnout at north is 3 of 4");
    assertFalse(html.contains("<script>x"), "labels are text");
    assertTrue(html.contains("&lt;script&gt;x"), html);
    assertFalse(html.contains("??"), "no missing message");
  }

  @Test
  void beforeTheTallyThePageSaysSoInChinese() {
    String html = render(Locale.CHINESE, ElectionStatus.OPEN, null);
    assertTrue(html.contains("结果尚未得出"), html);
    assertFalse(html.contains("<svg"));
    assertFalse(html.contains("??"));
  }

  /** Ballots at minutes 0, 0, 4 and 59 of a one-hour window whose latest block is at minute 60. */
  private static TurnoutTimeline hourWithFourBallots() {
    long start = 1_800_000_000_000L;
    return TurnoutTimeline.of(
        List.of(
            new BallotArrivals.Arrival(2, start, 2),
            new BallotArrivals.Arrival(3, start + 4 * 60_000, 1),
            new BallotArrivals.Arrival(4, start + 59 * 60_000, 1)),
        start,
        start + 3_600_000,
        start + 3_600_000);
  }

  @Test
  void turnoutOverTimeIsAnSvgColumnChartWithItsNumbersAsTextAndAsATable() {
    String html =
        render(
            Locale.ENGLISH, ElectionStatus.OPEN, null, hourWithFourBallots(), "observer/election");
    assertTrue(html.contains("class=\"chart timeline\""), html);
    assertTrue(
        html.contains(
            "Ballots accepted per interval of the voting window, 4 in all (times in UTC)"),
        html);
    // Interval 0 (minutes 0-5) has 3 ballots: its column is the full plot height.
    assertTrue(html.contains("<th scope=\"row\">2027-01-15 08:00 – 2027-01-15 08:05</th>"), html);
    assertTrue(html.contains("<td>3</td>"), html);
    assertTrue(html.contains("height=\"" + TurnoutTimeline.PLOT + "\""), html);
    assertTrue(html.contains("id=\"turnout-live\""), "the live part is on the page");
    assertTrue(html.contains("/static/js/observer.entry.js"), html);
    assertFalse(html.contains("??"), "no missing message");
  }

  @Test
  void theTurnoutPartRendersAloneForTheLiveRefreshInChinese() {
    String html =
        render(
            Locale.CHINESE, ElectionStatus.OPEN, null, hourWithFourBallots(), "observer/turnout");
    assertTrue(html.contains("id=\"live-turnout\""), html);
    assertTrue(html.contains("投票时段内每个时间段被接受的选票，共 4 张（时间为 UTC）"), html);
    assertTrue(html.contains("3 ballots counted") || html.contains("75 %"), html);
    assertFalse(html.contains("<header"), "no page layout around the fragment");
    assertFalse(html.contains("??"));
  }

  @Test
  void beforeAnyBlockInTheWindowTheTimelineSaysSo() {
    String html = render(Locale.ENGLISH, ElectionStatus.OPEN, null);
    assertTrue(html.contains("No block has been committed in the voting window yet."), html);
    assertFalse(html.contains("class=\"chart timeline\""));
  }
}

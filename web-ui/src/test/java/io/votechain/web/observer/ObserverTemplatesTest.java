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

  private static String render(Locale locale, ElectionStatus status, List<Long> result) {
    Messages messages = Messages.load(ObserverTemplatesTest.class.getClassLoader());
    Templates templates = new Templates(messages, ObserverTemplatesTest.class.getClassLoader());
    LedgerQueries.Election e = new LedgerQueries.Election(MANIFEST, status);
    Map<String, Object> m = new HashMap<>();
    m.put("election", e);
    m.put("turnout", List.of(new LedgerQueries.StationTurnout("north", 4, 3, 2, 1)));
    m.put("counted", 3L);
    m.put("height", 9L);
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
    return templates.render("observer/election", locale, m);
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
}

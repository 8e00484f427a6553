package io.votechain.web.voter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.StateKeys;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.ContractsStateMachine;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.NodeConfig;
import io.votechain.node.ValidatorNode;
import io.votechain.node.client.ClientStateView;
import io.votechain.node.client.HttpChainClient;
import io.votechain.node.demo.ElectionScenario;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.web.browser.BrowserSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A voter votes with the keyboard alone in headless Chromium against four in-process validators
 * running the voting contracts, with the web UI mounted in them: the election is set up with real
 * signed transactions (create, trustees, key ceremony, credentials, open), the voter signs in with
 * a credential code, marks, reviews, challenges once, votes again and casts; the ballot commits,
 * and the check page verifies its inclusion in the browser. axe-core finds no serious or critical
 * violation on any voter page; screenshots go to docs/screenshots/. A manifest label carrying HTML
 * and script is shown as text.
 */
class VoterFlowIT {
  @RegisterExtension static final BrowserSession browser = new BrowserSession();

  private static final String ELECTION = "web-it-2026";
  private static final String HOSTILE =
      "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>Zed";
  private static final List<ValidatorNode> nodes = new ArrayList<>();
  private static Path dir;
  private static String site;
  private static HttpChainClient chain;
  private static Ed25519Signer voter;

  @BeforeAll
  static void network() throws Exception {
    dir = Files.createTempDirectory("votechain-web-it");
    int base = io.votechain.node.LoopbackPorts.freeBlock(40);
    long now = System.currentTimeMillis();
    List<Path> configs = LocalNetwork.initWithContracts(dir, 4, base, "rocksdb", now);
    GenesisConfig contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    Genesis genesis = GenesisFile.read(dir.resolve("genesis.json"));
    JsonArray keys = new JsonArray();
    for (ValidatorInfo v : genesis.validators()) {
      keys.add(HexFormat.of().formatHex(v.key().encoded()));
    }
    JsonObject web =
        new JsonObject().put("validators", keys).put("consensusChainId", genesis.hash().hex());
    List<URI> uris = new ArrayList<>();
    for (Path c : configs) {
      NodeConfig config = NodeConfig.load(c, Map.of()).withSection("web", web);
      ValidatorNode node = new ValidatorNode(config, new ContractsStateMachine(contracts));
      node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      nodes.add(node);
      uris.add(URI.create("http://127.0.0.1:" + config.httpPort()));
    }
    site = uris.get(0).toString();
    chain = new HttpChainClient(contracts.chainId(), uris);
    List<Ed25519Signer> officials = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      officials.add(KeyFile.read(dir.resolve("officials/official-" + i + ".json")));
    }
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(2026);
    ElectionScenario scenario = new ElectionScenario(chain, officials, 2, random);
    scenario.createWithCeremony(manifest(now - 60_000, now + 3_600_000), 1, 1);
    voter = scenario.issueCredentials(ELECTION, "station-1", 1).get(0);
    scenario.open(ELECTION);
  }

  @AfterAll
  static void stop() throws Exception {
    for (ValidatorNode n : nodes) {
      n.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static ElectionManifest manifest(long start, long end) {
    return new ElectionManifest(
        ELECTION,
        LocalizedText.of("en", "City of Lakeside general election", "zh", "湖滨市大选"),
        List.of(
            new Contest(
                "mayor",
                ContestKind.ONE_OF_N,
                1,
                LocalizedText.of("en", "Mayor", "zh", "市长"),
                List.of(
                    new Choice(
                        "alvarez", LocalizedText.of("en", "Maria Alvarez", "zh", "玛丽亚·阿尔瓦雷斯")),
                    new Choice("chen", LocalizedText.of("en", "Wei Chen", "zh", "陈伟")),
                    new Choice("zed", LocalizedText.of("en", HOSTILE, "zh", HOSTILE)))),
            new Contest(
                "library",
                ContestKind.YES_NO,
                1,
                LocalizedText.of("en", "Measure A: expand the library?", "zh", "A 号提案：扩建图书馆？"),
                List.of(
                    new Choice("yes", LocalizedText.of("en", "Yes", "zh", "赞成")),
                    new Choice("no", LocalizedText.of("en", "No", "zh", "反对"))))),
        start,
        end,
        RevotePolicy.LAST_VOTE_COUNTS);
  }

  @Test
  void voterVotesWithTheKeyboardAloneAndChecksTheBallot() throws Exception {
    browser.open(site + "/vote/?lang=en");
    assertNoSeriousViolations("elections");
    browser.screenshot("voter-elections");
    browser.tabTo("a[href='/vote/election/" + ELECTION + "']", 40);
    browser.press(Keys.ENTER);

    browser.waitFor("#credential");
    assertInert();
    assertNoSeriousViolations("ballot sign-in");
    browser.screenshot("voter-sign-in");
    browser.tabTo("#credential", 40);
    browser.press(CredentialCode.of(voter), Keys.ENTER);

    browser.waitFor("#ballot-form");
    assertEquals("", browser.driver().findElement(By.id("credential")).getAttribute("value"));
    chooseWithKeyboard("c-0-1"); // Wei Chen
    chooseWithKeyboard("c-1-0"); // Yes
    assertNoSeriousViolations("ballot");
    browser.screenshot("voter-ballot");
    browser.tabTo("#to-review", 20);
    browser.press(Keys.ENTER);

    browser.waitFor("#review");
    assertEquals(
        List.of("Mayor", "Wei Chen", "Measure A: expand the library?", "Yes"),
        texts("#review-list dt, #review-list dd"));
    browser.screenshot("voter-review");
    browser.tabTo("#encrypt", 20);
    browser.press(Keys.ENTER);

    // First a Benaloh challenge: the browser discloses the nonce and the voter votes again.
    browser.waitFor("#decide");
    String challengedCode = browser.text("#tracking-code");
    assertTrue(TrackingCode.parse(challengedCode).isPresent(), challengedCode);
    assertNoSeriousViolations("cast or challenge");
    browser.screenshot("voter-cast-or-challenge");
    browser.tabTo("#challenge", 20);
    browser.press(Keys.ENTER);
    browser.waitFor("#challenged");
    assertTrue(browser.text("#challenge-nonce").matches("[0-9a-f]{64}"));
    assertEquals(challengedCode, browser.text("#challenge-code"));
    assertEquals(
        List.of("Mayor", "Wei Chen", "Measure A: expand the library?", "Yes"),
        texts("#challenge-list dt, #challenge-list dd"));
    waitForStatusNot("");
    browser.screenshot("voter-challenged");
    browser.tabTo("#vote-again", 20);
    browser.press(Keys.ENTER);

    browser.waitFor("#ballot-form");
    browser.tabTo("#to-review", 20);
    browser.press(Keys.ENTER);
    browser.waitFor("#review");
    browser.tabTo("#encrypt", 20);
    browser.press(Keys.ENTER);
    browser.waitFor("#decide");
    String code = browser.text("#tracking-code");
    assertTrue(!code.equals(challengedCode), "a new encryption after a challenge");
    browser.tabTo("#cast", 20);
    browser.press(Keys.ENTER);

    new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(90))
        .until(d -> d.getCurrentUrl().contains("/receipt/"));
    assertEquals(code, browser.text("#receipt-code"));
    Hash32 hash = TrackingCode.parse(code).orElseThrow();
    assertTrue(
        new ClientStateView(chain).get(StateKeys.ballotTx(ELECTION, hash)).isPresent(),
        "the ballot is in the committed state");
    assertNoSeriousViolations("receipt");
    browser.screenshot("voter-receipt");
    browser.tabTo("#check-link", 40);
    browser.press(Keys.ENTER);

    browser.waitFor("#check-result");
    assertEquals("Verified: your ballot is in the ledger.", browser.text("#check-summary"));
    List<String> steps = texts("#check-steps li");
    assertEquals(5, steps.size(), steps.toString());
    assertTrue(steps.stream().allMatch(s -> s.startsWith("Checked:")), steps.toString());
    assertNoSeriousViolations("check");
    browser.screenshot("voter-check");
  }

  @Test
  void ballotReadsInChineseWithLargeText() throws Exception {
    browser.open(site + "/vote/election/" + ELECTION + "?lang=zh&text=large");
    browser.waitFor("#credential");
    assertEquals("湖滨市大选", browser.text("h1"));
    assertEquals("zh", browser.script("return document.documentElement.lang;"));
    assertTrue((Boolean) browser.script("return document.body.classList.contains('large-text');"));
    assertInert();
    assertNoSeriousViolations("ballot in Chinese");
    browser.screenshot("voter-sign-in-zh-large");
  }

  @Test
  void checkPageSaysSoWhenNoBallotHasTheCode() {
    String unknown = TrackingCode.of(Hash32.of(new byte[32]));
    browser.open(site + "/vote/check?lang=en&election=" + ELECTION + "&code=" + unknown);
    new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
        .until(d -> d.findElement(By.id("check-status")).getText().startsWith("No ballot"));
    assertTrue(browser.driver().findElement(By.id("check-result")).getAttribute("hidden") != null);
  }

  /** Tabs to a checkbox and ticks it with the space bar. */
  private static void chooseWithKeyboard(String id) {
    WebElement box = browser.tabTo("#" + id, 40);
    browser.press(Keys.SPACE);
    assertTrue(box.isSelected(), id + " ticked");
  }

  private static List<String> texts(String css) {
    return browser.driver().findElements(By.cssSelector(css)).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static void waitForStatusNot(String text) {
    new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(60))
        .until(
            d ->
                !d.findElement(By.id("status")).getText().equals(text)
                    && !d.findElement(By.id("status")).getText().endsWith("…"));
  }

  /** The hostile label is on the page as text, and none of its markup ran or exists. */
  private static void assertInert() {
    assertEquals(null, browser.script("return window.pwned === undefined ? null : window.pwned;"));
    assertEquals(
        0L,
        browser.script("return document.querySelectorAll('main img, main label script').length;"));
    assertEquals(
        HOSTILE,
        browser.script("return document.querySelector(\"label[for='c-0-2']\").textContent;"));
  }

  private static void assertNoSeriousViolations(String page) {
    List<Map<String, Object>> violations = browser.seriousViolations();
    assertEquals(List.of(), violations, "axe-core on the " + page + " page");
  }
}

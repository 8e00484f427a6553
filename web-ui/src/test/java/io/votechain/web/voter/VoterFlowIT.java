package io.votechain.web.voter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.votechain.tx.CastBallot;
import io.votechain.tx.SignedTransaction;
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
import org.openqa.selenium.chrome.ChromeDriver;
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
  private static String javaBallotCode;
  private static ElectionScenario scenario;
  private static Ed25519Signer lateVoter;

  @BeforeAll
  static void network() throws Exception {
    dir = Files.createTempDirectory("votechain-web-it");
    int base = io.votechain.node.LoopbackPorts.freeBlock(40);
    long now = System.currentTimeMillis();
    List<Path> configs = LocalNetwork.initWithContracts(dir, 4, base, "rocksdb", now);
    GenesisConfig contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    List<URI> uris = new ArrayList<>();
    for (Path c : configs) {
      // No validator keys pinned in the web section: the check page takes them from the node's
      // genesis (/api/v1/validators), the default a deployment gets.
      NodeConfig config = NodeConfig.load(c, Map.of());
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
    scenario = new ElectionScenario(chain, officials, 2, random);
    scenario.createWithCeremony(manifest(now - 60_000, now + 3_600_000), 1, 1);
    List<Ed25519Signer> credentials = scenario.issueCredentials(ELECTION, "station-1", 3);
    voter = credentials.get(0);
    lateVoter = credentials.get(2);
    scenario.open(ELECTION);
    // A second voter's ballot, cast from Java, for the check page's refusal paths: the tests do
    // not depend on the order in which JUnit runs them.
    SignedTransaction cast =
        scenario.webBallot(
            ELECTION,
            credentials.get(1),
            "java-ballot-1",
            List.of(List.of(1, 0, 0), List.of(0, 1)));
    assertEquals("OK", chain.submit(cast, java.time.Duration.ofSeconds(60)).code().name());
    Hash32 extendedBaseHash =
        Hash32.of(
            new ClientStateView(chain).get(StateKeys.extendedBaseHash(ELECTION)).orElseThrow());
    javaBallotCode = TrackingCode.of(((CastBallot) cast.body()).ballot().hash(extendedBaseHash));
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
    List<String> steps = texts("#check-steps li");
    assertEquals(
        "Verified: your ballot is in the ledger.",
        browser.text("#check-summary"),
        steps.toString());
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
    assertEquals(
        "The server has no ballot with this tracking code in this election.",
        browser.text("#server-outcome"));
  }

  @Test
  void checkPageVerifiesABallotAndSaysWhichCheckFailsWhenOneByteOfTheEvidenceChanges() {
    Map<String, Object> intact = checkWith(null);
    assertEquals(
        "Verified: your ballot is in the ledger.", intact.get("summary"), intact.toString());
    assertEquals(List.of(), intact.get("failed"));
    assertEquals(
        "The server says a ballot with this tracking code is recorded in the ledger.",
        browser.text("#server-outcome"));

    // The transaction's last byte (a byte of its signature): the ballot inside still hashes to the
    // code, but the transaction is no longer the leaf the Merkle path was built for.
    Map<String, Object> leaf =
        checkWith("j.transaction && (j.transaction.encoding = flip(j.transaction.encoding));");
    assertEquals(NOT_VERIFIED, leaf.get("summary"));
    assertEquals(List.of("merkle"), leaf.get("failed"), leaf.toString());

    // The header's last byte (its proposer): the block's hash is no longer the one signed.
    Map<String, Object> header =
        checkWith("j.block && (j.block.header.encoding = flip(j.block.header.encoding));");
    assertEquals(NOT_VERIFIED, header.get("summary"));
    assertEquals(List.of("header"), header.get("failed"), header.toString());

    // One byte of the certificate's round: every precommit signature now covers other bytes.
    Map<String, Object> certificate =
        checkWith("j.certificate && (j.certificate.encoding = flipRound(j.certificate.encoding));");
    assertEquals(NOT_VERIFIED, certificate.get("summary"));
    assertEquals(List.of("quorum"), certificate.get("failed"), certificate.toString());
    assertTrue(
        ((List<?>) certificate.get("steps")).get(4).toString().contains("(0 of the required 3)"),
        certificate.toString());

    // The validators' keys in another order (a genesis that is not this chain's).
    Map<String, Object> keys = checkWith("j.validators && j.validators.reverse();");
    assertEquals(NOT_VERIFIED, keys.get("summary"));
    assertEquals(List.of("quorum"), keys.get("failed"), keys.toString());
  }

  @Test
  void observerSeesTheTurnoutRiseLiveWithoutReloadingThePage() throws Exception {
    browser.open(site + "/observer/elections/" + ELECTION + "?lang=en");
    new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
        .until(
            d ->
                "connected"
                    .equals(
                        browser.script(
                            "return document.getElementById('turnout-live').dataset.live;")));
    assertEquals(
        "Live: the turnout above updates itself as blocks commit.",
        browser.text("#turnout-live-status"));
    assertNoSeriousViolations("observer's election");
    browser.screenshot("observer-turnout-live");
    browser.script("window.notReloaded = true;");
    long counted = leadingNumber(liveText("#turnout-counted"));
    long accepted = timelineTotal();

    SignedTransaction cast =
        scenario.webBallot(
            ELECTION, lateVoter, "java-ballot-late", List.of(List.of(0, 0, 1), List.of(1, 0)));
    assertEquals("OK", chain.submit(cast, java.time.Duration.ofSeconds(60)).code().name());

    new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(60))
        .until(d -> leadingNumber(liveText("#turnout-counted")) == counted + 1);
    assertEquals(Boolean.TRUE, browser.script("return window.notReloaded === true;"), "no reload");
    new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
        .until(d -> timelineTotal() == accepted + 1);
    assertEquals(
        String.valueOf(counted + 1),
        liveText("#turnout tbody td:nth-of-type(2)"),
        "the station's row counts the new vote");
  }

  /**
   * Text read in one script call: the live part is swapped out as a whole, so an element found in
   * one WebDriver call may be gone by the next.
   */
  private static String liveText(String css) {
    return String.valueOf(
        browser.script(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';",
            css));
  }

  @Test
  void explorerListsTheGenesisValidatorsAndWhoSignedTheLatestBlock() throws Exception {
    browser.open(site + "/observer/blocks?lang=en");
    browser.tabTo("a[href='/observer/validators']", 60);
    browser.press(Keys.ENTER);
    browser.waitFor("#validators");
    List<String> keys = texts("#validators tbody td.mono");
    List<String> genesisKeys = new ArrayList<>();
    for (var v : GenesisFile.read(dir.resolve("genesis.json")).validators()) {
      genesisKeys.add(java.util.HexFormat.of().formatHex(v.key().encoded()));
    }
    assertEquals(genesisKeys, keys);
    long signed = texts("#validators tbody strong").stream().filter("Signed"::equals).count();
    assertTrue(signed >= 3, "a quorum of 3 of 4 signed the latest block: " + signed);
    assertTrue(
        browser
            .text("#validators-latest")
            .matches(
                "The latest block, [0-9,]+, was committed in round [0-9]+ with [34] signatures \\(3 needed\\)\\."),
        browser.text("#validators-latest"));
    assertNoSeriousViolations("validators");
    browser.screenshot("observer-validators");
  }

  private static long leadingNumber(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([0-9,]+)").matcher(text);
    return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
  }

  /** The ballots the SVG's title says the timeline holds ("…, N in all (times in UTC)"). */
  private static long timelineTotal() {
    Object title =
        browser.script(
            "const t = document.getElementById('timeline-title'); return t ? t.textContent : '';");
    String text = String.valueOf(title);
    return text.isEmpty()
        ? 0
        : Long.parseLong(text.replaceAll("^.*, ([0-9,]+) in all.*$", "$1").replace(",", ""));
  }

  private static final String NOT_VERIFIED =
      "Not verified: at least one check failed. Do not trust this answer; ask an observer.";

  /**
   * Opens the check page for the Java-cast ballot with the API answers changed in the page by
   * {@code mutation} (JavaScript over the parsed answer {@code j}) before the page's own script
   * reads them — a stand-in for a lying server, installed through the DevTools protocol so the page
   * and its script are exactly what the node serves. Returns the summary, the steps' words and
   * which steps failed (by their order: ballot, merkle, chain, header, quorum).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> checkWith(String mutation) {
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    String scriptId = null;
    if (mutation != null) {
      String source =
          "(() => {"
              + " const flip = (h) => h.slice(0, -2)"
              + "   + (parseInt(h.slice(-2), 16) ^ 1).toString(16).padStart(2, '0');"
              // certificate = varint height || varint round || ...; the height varint ends at
              // the first byte below 0x80, the round's byte follows it.
              + " const flipRound = (h) => { let i = 0;"
              + "   while (parseInt(h.substr(i, 2), 16) >= 0x80) i += 2; i += 2;"
              + "   const b = parseInt(h.substr(i, 2), 16) ^ 1;"
              + "   return h.slice(0, i) + b.toString(16).padStart(2, '0') + h.slice(i + 2); };"
              + " const original = window.fetch.bind(window);"
              + " window.fetch = async (url, options) => {"
              + "   const response = await original(url, options);"
              + "   if (!response.ok || !String(url).startsWith('/api/v1/')) return response;"
              + "   const j = await response.json();"
              + mutation
              + "   return new Response(JSON.stringify(j),"
              + "     { status: 200, headers: { 'content-type': 'application/json' } });"
              + " };"
              + "})();";
      scriptId =
          (String)
              chrome
                  .executeCdpCommand(
                      "Page.addScriptToEvaluateOnNewDocument", Map.of("source", source))
                  .get("identifier");
    }
    try {
      browser.open(site + "/vote/check?lang=en&election=" + ELECTION + "&code=" + javaBallotCode);
      new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(60))
          .until(d -> d.findElement(By.id("check-result")).getAttribute("hidden") == null);
      List<String> steps = texts("#check-steps li");
      List<String> names = List.of("ballot", "merkle", "chain", "header", "quorum", "height");
      List<String> failed = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        if (!steps.get(i).startsWith("Checked:")) {
          failed.add(names.get(i));
        }
      }
      return Map.of("summary", browser.text("#check-summary"), "steps", steps, "failed", failed);
    } finally {
      if (scriptId != null) {
        chrome.executeCdpCommand(
            "Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", scriptId));
      }
    }
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

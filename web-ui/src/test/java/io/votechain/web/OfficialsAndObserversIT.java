package io.votechain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.contract.ElectionCrypto;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.ContractsStateMachine;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.NodeConfig;
import io.votechain.node.ValidatorNode;
import io.votechain.testing.Await;
import io.votechain.tx.CastBallot;
import io.votechain.tx.SignedTransaction;
import io.votechain.web.browser.BrowserSession;
import io.votechain.web.official.OfficialAccount;
import io.votechain.web.official.OfficialAccounts;
import io.votechain.web.official.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * In headless Chromium against a one-validator contracts network with the web UI mounted: an
 * election officer defines an election step by step and a second officer approves it; the demo
 * trustees are registered and run the key ceremony; the registrar uploads the voter roll; the vote
 * opens (M-of-N); three ballots are cast; an observer sees the turnout; the vote closes, the demo
 * trustees decrypt, and the observer sees the correct result in the SVG chart and its table.
 * axe-core finds no serious or critical violation on any officials' or observers' page; screenshots
 * of the main pages go to docs/screenshots/.
 */
class OfficialsAndObserversIT {
  @RegisterExtension static final BrowserSession browser = new BrowserSession();
  private static final String ELECTION = "council-2026";
  private static Path dir;
  private static ValidatorNode node;
  private static String site;
  private static final List<Ed25519Signer> voters = new ArrayList<>();
  private static SecureRandom random;

  @BeforeAll
  static void network() throws Exception {
    dir = TestDirs.create("votechain-officials-it");
    int port = io.votechain.node.LoopbackPorts.freeBlock(10);
    List<Path> configs =
        LocalNetwork.initWithContracts(dir, 1, port, "rocksdb", System.currentTimeMillis());
    var contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(2026);
    Path accounts = dir.resolve("accounts.json");
    OfficialAccounts.write(
        List.of(
            enroll("ann", Set.of(Role.ELECTION_OFFICER), "official-0"),
            enroll(
                "bo",
                Set.of(Role.ELECTION_OFFICER, Role.DEVICE_MANAGER, Role.AUTHORITY_ADMIN),
                "official-1"),
            enroll("reg", Set.of(Role.REGISTRAR), "official-2")),
        accounts);
    NodeConfig config =
        NodeConfig.load(configs.get(0), Map.of())
            .withSection(
                "web",
                new JsonObject().put("officials", accounts.toString()).put("demoTrustees", true));
    node = new ValidatorNode(config, new ContractsStateMachine(contracts));
    node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    site = "http://127.0.0.1:" + node.httpPort();
    for (int i = 0; i < 3; i++) {
      voters.add(Ed25519Signer.generate(random));
    }
  }

  private static OfficialAccount enroll(String name, Set<Role> roles, String keyFile)
      throws Exception {
    Ed25519Signer key = KeyFile.read(dir.resolve("officials/" + keyFile + ".json"));
    return OfficialAccount.enroll(name, roles, key, ("pw-" + name).toCharArray(), 1024, 1, random);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      try {
        node.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        System.err.println("validator did not stop within 60 s");
      }
    }
    TestDirs.delete(dir);
  }

  /** Like Await.until, and on timeout shows the election's console page (the demo status). */
  private static void waitOrShow(BooleanSupplier condition, int seconds, String what)
      throws InterruptedException {
    try {
      Await.until(condition, seconds, what);
    } catch (AssertionError e) {
      browser.open(site + "/official/elections/" + ELECTION);
      throw new AssertionError(e.getMessage() + "\n" + page(), e);
    }
  }

  private static void noSeriousViolations(String page) {
    assertEquals(List.of(), browser.seriousViolations(), "axe on " + page);
  }

  private static void signIn(String name) {
    browser.open(site + "/official/sign-in");
    browser.waitFor("#name").sendKeys(name);
    browser.driver().findElement(By.id("password")).sendKeys("pw-" + name, Keys.ENTER);
    browser.waitFor(".signed-in");
  }

  private static void signOut() {
    browser.driver().findElement(By.cssSelector(".signed-in button")).click();
    browser.waitFor("#name");
  }

  private static void click(String css) {
    browser.driver().findElement(By.cssSelector(css)).click();
  }

  private static String page() {
    return browser.driver().getPageSource();
  }

  /** Every pending proposal on bo's console approved, one at a time. */
  private static void boApprovesAll() {
    signOut();
    signIn("bo");
    browser.open(site + "/official/");
    while (!browser
        .driver()
        .findElements(By.cssSelector("form[action$='/approve'] button"))
        .isEmpty()) {
      click("form[action$='/approve'] button");
      browser.waitFor(".notice");
      assertTrue(
          page().contains("Approval: recorded") || page().contains("Approval: submitted"), page());
      browser.open(site + "/official/");
    }
    signOut();
  }

  @Test
  void anElectionIsDefinedOpenedVotedTalliedAndObserved() throws Exception {
    signIn("ann");
    browser.screenshot("official-console");
    noSeriousViolations("official console");
    // The authority page with its proposal form (bo administers the authority).
    signOut();
    signIn("bo");
    browser.open(site + "/official/authority");
    browser.waitFor("#threshold");
    noSeriousViolations("authority");
    signOut();
    signIn("ann");

    // Step by step: the basics, then one contest.
    browser.open(site + "/official/elections/new");
    browser.waitFor("#electionId").sendKeys(ELECTION);
    browser.driver().findElement(By.id("nameEn")).sendKeys("City council <b>2026</b>");
    browser.driver().findElement(By.id("nameZh")).sendKeys("市议会 2026");
    long now = System.currentTimeMillis();
    DateTimeFormatter f =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
    // The window opens a minute ago and closes on the minute after 4 minutes from now: room for
    // the ceremony, the roll and the M-of-N opening on a loaded machine.
    String start = f.format(Instant.ofEpochMilli(now - 60_000));
    long endMillis = (now + 240_000) / 60_000 * 60_000 + 60_000;
    String end = f.format(Instant.ofEpochMilli(endMillis));
    browser.script("document.getElementById('start').value = arguments[0];", start);
    browser.script("document.getElementById('end').value = arguments[0];", end);
    click("form[action$='/basics'] button");
    browser.waitFor("#contestId").sendKeys("mayor");
    browser.driver().findElement(By.id("titleEn")).sendKeys("Mayor");
    browser.driver().findElement(By.id("titleZh")).sendKeys("市长");
    browser
        .driver()
        .findElement(By.id("choices"))
        .sendKeys("alice | Alice | 爱丽丝\nbob | Bob | 鲍勃\ncarol | Carol | 卡罗尔");
    click("form[action$='/contest'] button");
    browser.waitFor(".notice");
    assertTrue(page().contains("Contest mayor added"), page());
    browser.screenshot("official-new-election");
    noSeriousViolations("new election");
    click("form[action$='/propose'] button");
    browser.waitFor(".notice");
    assertTrue(page().contains("recorded on the ledger"), page());
    boApprovesAll();

    // Demo trustees: registered (M-of-N), then their ceremony.
    signIn("ann");
    browser.open(site + "/official/elections/" + ELECTION);
    assertTrue(page().contains("Draft"), page());
    click("form[action$='/demo-trustees'] button");
    browser.waitFor(".notice");
    boApprovesAll();
    signIn("ann");
    browser.open(site + "/official/elections/" + ELECTION);
    click("form[action$='/demo-ceremony'] button");
    waitOrShow(
        () -> {
          browser.open(site + "/official/elections/" + ELECTION);
          return page().contains("Key ceremony of the demo trustees: finished");
        },
        240,
        "the key ceremony completes");
    signOut();

    // The registrar uploads the roll.
    signIn("reg");
    browser.open(site + "/official/elections/" + ELECTION);
    StringBuilder csv = new StringBuilder("station,credential\n");
    for (Ed25519Signer v : voters) {
      csv.append("north,").append(HexFormat.of().formatHex(v.publicKey().encoded())).append('\n');
    }
    Path rollFile = dir.resolve("roll.csv");
    Files.writeString(rollFile, csv);
    browser.driver().findElement(By.id("rollFile")).sendKeys(rollFile.toString());
    click("form[action$='/roll'] button");
    Await.until(
        () -> {
          browser.open(site + "/official/elections/" + ELECTION);
          return page().contains("Credentials recorded: 3 of 3");
        },
        60,
        "the roll is imported");
    browser.screenshot("official-election");
    noSeriousViolations("election page");
    signOut();

    // Open (M-of-N).
    signIn("ann");
    browser.open(site + "/official/elections/" + ELECTION);
    click("form[action$='/lifecycle'] input[value=open] ~ button");
    browser.waitFor(".notice");
    boApprovesAll();
    Await.until(
        () -> {
          browser.open(site + "/observer/elections/" + ELECTION);
          return page().contains("Open for voting");
        },
        30,
        "the election is open");

    // Three web ballots, made and signed as the voters' browsers would: alice, bob, alice.
    var view = new LedgerStateView(new NodeLedger(node));
    var context = ElectionCrypto.context(view, ELECTION);
    var manifest = io.votechain.contract.ElectionContract.manifest(view, ELECTION).orElseThrow();
    int[] choice = {0, 1, 0};
    for (int i = 0; i < 3; i++) {
      List<Integer> marks = new ArrayList<>(List.of(0, 0, 0));
      marks.set(choice[i], 1);
      var ballot =
          new BallotEncryptor(context)
              .encrypt(
                  ElectionCrypto.style(manifest),
                  new PlaintextBallot("b-" + i, ELECTION, List.of(marks)),
                  random)
              .ballot();
      Ed25519Signer v = voters.get(i);
      SignedTransaction tx =
          SignedTransaction.sign(
              v, 0, new CastBallot(ELECTION, v.publicKey(), ballot), node.contractsChainId());
      node.submit(tx.encode()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    Await.until(
        () -> {
          browser.open(site + "/observer/elections/" + ELECTION);
          return page().contains("3 ballots counted");
        },
        30,
        "the ballots are counted");
    assertTrue(page().contains("100 %"), "turnout at north is 3 of 3");
    browser.screenshot("observer-turnout");
    noSeriousViolations("observer election (open)");

    // After the window: close (M-of-N), then the demo trustees decrypt.
    Await.until(() -> System.currentTimeMillis() > endMillis + 2_000, 400, "the window ends");
    signIn("ann");
    browser.open(site + "/official/elections/" + ELECTION);
    click("form[action$='/lifecycle'] input[value=close] ~ button");
    browser.waitFor(".notice");
    boApprovesAll();
    signIn("ann");
    Await.until(
        () -> {
          browser.open(site + "/official/elections/" + ELECTION);
          return page().contains("Closed, waiting for the tally");
        },
        30,
        "the election is closed");
    click("form[action$='/demo-decrypt'] button");
    try {
      Await.until(
          () -> {
            browser.open(site + "/observer/elections/" + ELECTION);
            return page().contains("Tallied");
          },
          240,
          "the tally completes");
    } catch (AssertionError e) {
      browser.open(site + "/official/elections/" + ELECTION);
      throw new AssertionError(e.getMessage() + "\n" + page(), e);
    }
    String result = page();
    assertTrue(result.contains("2 (66 %)"), "alice: 2 votes in the chart");
    assertTrue(result.contains("1 (33 %)"), "bob: 1 vote in the chart");
    assertTrue(result.contains("0 (0 %)"), "carol: none");
    assertTrue(result.contains("City council &lt;b&gt;2026&lt;/b&gt;"), "hostile name is text");
    browser.screenshot("observer-results");
    noSeriousViolations("observer results");

    for (String path :
        List.of(
            "/observer/",
            "/observer/blocks",
            "/observer/blocks/2",
            "/observer/devices",
            "/observer/evidence",
            "/observer/verify",
            "/official/devices",
            "/welcome/")) {
      browser.open(site + path);
      noSeriousViolations(path);
    }
    browser.open(site + "/observer/blocks");
    browser.screenshot("observer-blocks");
    browser.open(site + "/observer/elections/" + ELECTION + "?lang=zh");
    assertTrue(page().contains("已计票"), "Chinese page");
    browser.screenshot("observer-results-zh");
  }
}

package io.votechain.web.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test class, driven by Selenium against Debian's {@code
 * /usr/bin/chromium} and {@code /usr/bin/chromedriver} (never a downloaded browser: the paths are
 * given, so Selenium Manager has nothing to do). Register it with {@code @RegisterExtension static
 * final BrowserSession browser = new BrowserSession();}.
 *
 * <p>Without a browser the tests of the class are skipped with a message, except under {@code
 * CI=true}, where a missing browser fails them: CI must never pass by testing nothing.
 *
 * <p>Offers what the page tests need and no more: open a page, run a script, press keys, wait for
 * an element, save a screenshot to {@code docs/screenshots/}, and run axe-core on the page. Not
 * thread safe: one test at a time uses the browser.
 */
public final class BrowserSession implements BeforeAllCallback, AfterAllCallback {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private ChromeDriver driver;
  private Path profile;
  // JUnit calls beforeAll/afterAll again for every @Nested class: one browser serves them all.
  private int depth;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (depth++ > 0) {
      return;
    }
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String why = "no browser: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed";
      if ("true".equals(System.getenv("CI"))) {
        depth = 0;
        throw new IllegalStateException(why + " (CI=true: failing instead of skipping)");
      }
      depth = 0;
      Assumptions.abort(why + "; install the Debian packages chromium and chromium-driver");
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    profile = Files.createTempDirectory("votechain-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(WAIT);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (--depth > 0) {
      return;
    }
    if (driver != null) {
      driver.quit();
      driver = null;
    }
    if (profile != null && Files.exists(profile)) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The Selenium driver, for anything this class does not wrap. */
  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Runs {@code script} (a function body: use {@code arguments[i]}, {@code return}). */
  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * Runs an asynchronous script: the body gets a callback as its last argument, here named {@code
   * done}, and must call it with the result (strings, numbers, lists and maps cross back).
   */
  public Object asyncScript(String body, Object... args) {
    String wrapped = "const done = arguments[arguments.length - 1];\n" + body;
    return ((JavascriptExecutor) driver).executeAsyncScript(wrapped, args);
  }

  /** Presses {@code keys} on whatever has the focus (keyboard-only tests). */
  public void press(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  /** Presses Tab until the focused element matches {@code css}; fails after {@code max} presses. */
  public WebElement tabTo(String css, int max) {
    for (int i = 0; i < max; i++) {
      press(Keys.TAB);
      WebElement active = driver.switchTo().activeElement();
      if ((Boolean) script("return arguments[0].matches(arguments[1]);", active, css)) {
        return active;
      }
    }
    throw new AssertionError("no element matching " + css + " within " + max + " tabs");
  }

  public WebElement focused() {
    return driver.switchTo().activeElement();
  }

  /** Waits until an element matching {@code css} is displayed. */
  public WebElement waitFor(String css) {
    return new WebDriverWait(driver, WAIT)
        .until(
            d ->
                d.findElements(By.cssSelector(css)).stream()
                    .filter(WebElement::isDisplayed)
                    .findFirst()
                    .orElse(null));
  }

  public String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  /** Saves a PNG of the viewport as {@code docs/screenshots/<name>.png}; returns its path. */
  public Path screenshot(String name) throws IOException {
    Path dir = screenshotFolder();
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".png");
    Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /**
   * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and answers its violations,
   * each as axe reports it (id, impact, description, nodes). axe is injected from the test class
   * path ({@code axe/axe.min.js}, copied there by build.mjs), never served by the node.
   */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> axeViolations() {
    script(axeSource());
    Object result =
        asyncScript(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',"
                + " 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
                + " description: v.description, nodes: v.nodes.map(n => n.html)}))),"
                + " e => done([{id: 'axe-error', impact: 'critical', description: String(e),"
                + " nodes: []}]));");
    return new ArrayList<>((List<Map<String, Object>>) result);
  }

  /** The violations of impact serious or critical: what the page tests must keep at zero. */
  public List<Map<String, Object>> seriousViolations() {
    return axeViolations().stream()
        .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
        .toList();
  }

  private static String axeSource() {
    try (InputStream in =
        BrowserSession.class.getClassLoader().getResourceAsStream("axe/axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException(
            "axe/axe.min.js is not on the test class path (npm run build)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code docs/screenshots} of the repository (the module's parent folder). */
  static Path screenshotFolder() {
    Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path root = Files.isDirectory(module.resolveSibling("docs")) ? module.getParent() : module;
    return root.resolve("docs").resolve("screenshots");
  }
}

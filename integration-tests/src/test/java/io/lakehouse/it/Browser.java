package io.lakehouse.it;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}; .ci/run installs both), as a user would see a page:
 * <pre>
 * try (Browser browser = Browser.start()) {
 *     browser.open(base + "/login/");
 *     browser.waitFor("document.querySelector('#username') !== null", Duration.ofSeconds(30));
 *     browser.type("#username", "admin");
 *     browser.click("[data-test=login-button]");
 *     String text = browser.waitForText(Duration.ofSeconds(30), "Dashboards");
 *     browser.screenshot("superset-dashboard", true);     // target/ui-screenshots/superset-dashboard.png
 * }
 * </pre>
 * Every step is bounded: a page load (60 s), a script (60 s), each call to the driver (90 s) and each wait; a hung
 * browser fails the test naming the page instead of holding the run. Each browser has a throw-away profile of its
 * own (a visitor who has logged in nowhere); {@link #close()} ends chromedriver and Chromium.
 */
final class Browser implements AutoCloseable {
    private static final Duration PAGE_LOAD = Duration.ofSeconds(60);
    private static final Duration SCRIPT = Duration.ofSeconds(60);
    private static final Duration DRIVER_CALL = Duration.ofSeconds(90);
    private static final Pattern SPACE = Pattern.compile("(\\s|\u00a0)+");

    private final ChromeDriver driver;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Starts headless Chromium with a 1400×900 window. */
    static Browser start() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(onPath("chromium", "chromium-browser").toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--window-size=1400,900", "--no-first-run", "--remote-debugging-address=127.0.0.1");
        options.setPageLoadTimeout(PAGE_LOAD);
        options.setScriptTimeout(SCRIPT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(onPath("chromedriver").toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options,
                ClientConfig.defaultConfig().connectionTimeout(Duration.ofSeconds(20)).readTimeout(DRIVER_CALL));
        driver.manage().window().setSize(new Dimension(1400, 900));
        return new Browser(driver, screenshotDir());
    }

    /** Loads the URL and waits for its document to load (scripts may go on rendering: use the waits). */
    Browser open(String url) {
        try {
            driver.get(url);
        } catch (TimeoutException e) {
            throw new AssertionError("Chromium did not load " + url + " within " + PAGE_LOAD.toSeconds() + " s", e);
        }
        return this;
    }

    /** The page's visible text, whitespace collapsed to single spaces. */
    String text() {
        Object text = evaluate("return document.body ? document.body.innerText : ''");
        return SPACE.matcher(String.valueOf(text)).replaceAll(" ").trim();
    }

    /** The page's current DOM as HTML (after its scripts ran). */
    String dom() {
        return driver.getPageSource();
    }

    /** Waits until the visible text contains every one of the strings; returns that text. */
    String waitForText(Duration timeout, String... expected) {
        return waitUntil(timeout, "the text " + String.join(", ", expected), browser -> {
            String text = browser.text();
            return Stream.of(expected).allMatch(text::contains);
        }).text();
    }

    /** Waits until the visible text matches the pattern (inline elements may join words: "Task Managers1"). */
    Matcher waitForText(Duration timeout, Pattern pattern) {
        return waitForMatch(timeout, "text matching", Browser::text, pattern);
    }

    /** Waits until the page's DOM matches the pattern; returns the match. */
    Matcher waitForDom(Duration timeout, Pattern pattern) {
        return waitForMatch(timeout, "the markup", Browser::dom, pattern);
    }

    private Matcher waitForMatch(Duration timeout, String what, java.util.function.Function<Browser, String> source,
                                 Pattern pattern) {
        waitUntil(timeout, what + " " + pattern, browser -> pattern.matcher(source.apply(browser)).find());
        Matcher matcher = pattern.matcher(source.apply(this));
        if (!matcher.find()) {
            throw new AssertionError("the page changed after it showed " + pattern + " at " + driver.getCurrentUrl());
        }
        return matcher;
    }

    /** Waits until the JavaScript expression is true in the page. */
    void waitFor(String condition, Duration timeout) {
        waitUntil(timeout, condition, browser -> Boolean.TRUE.equals(
                browser.evaluate("return Boolean(" + condition + ")")));
    }

    /** Runs a script (a function body: {@code return …} gives its value) in the page. */
    Object evaluate(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** Types the text into the element, as a keyboard does (frameworks see real input events). */
    void type(String cssSelector, String text) {
        driver.findElement(By.cssSelector(cssSelector)).sendKeys(text);
    }

    /** Clicks the element. */
    void click(String cssSelector) {
        driver.findElement(By.cssSelector(cssSelector)).click();
    }

    /** Saves a PNG of the page (the window, or all of it) as {@code target/ui-screenshots/<name>.png}. */
    Path screenshot(String name, boolean fullPage) throws Exception {
        byte[] png;
        if (fullPage) {
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                    .get("cssContentSize");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                            "height", size.get("height"), "scale", 1)));
            png = Base64.getDecoder().decode(String.valueOf(shot.get("data")));
        } else {
            png = driver.getScreenshotAs(OutputType.BYTES);
        }
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, png);
        if (Files.size(file) < 10_000) {
            throw new AssertionError("screenshot of " + driver.getCurrentUrl() + " is empty: " + file);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private Browser waitUntil(Duration timeout, String what, Predicate<Browser> condition) {
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(250))
                    .ignoring(WebDriverException.class)   // between two documents the old one's context is gone
                    .until(ignored -> condition.test(this));
            return this;
        } catch (TimeoutException e) {
            String text = text();
            throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + " at "
                    + driver.getCurrentUrl() + "; the page shows: " + text.substring(0, Math.min(text.length(), 1500)));
        }
    }

    /** Where the UI tests keep their screenshots: integration-tests/target/ui-screenshots. */
    private static Path screenshotDir() throws java.io.IOException {
        return Files.createDirectories(
                Path.of(System.getProperty("lakehouse.home"), "integration-tests/target/ui-screenshots"));
    }

    private static Path onPath(String... names) {
        return Stream.of(System.getenv("PATH").split(":"))
                .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("no " + String.join(" or ", names) + " on the PATH; install "
                        + "Debian's: apt-get install chromium chromium-driver"));
    }
}

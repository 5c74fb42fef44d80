package by.ocenka.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the browser tests share: headless Chromium driven by Selenium (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them), one driver per test over the Minsk demo catalogue. Without
 * them the tests are skipped, unless {@code -Dbrowser.required=true} (as CI runs) makes that a failure. Each test
 * leaves a screenshot in {@code target/screenshots/}.
 */
abstract class BrowserTesting extends IntegrationTest {

    static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    CatalogDemoData demo;

    WebDriver browser;
    WebDriverWait wait;
    long org;
    String testName;

    @BeforeAll
    static void startDriver() throws IOException {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (!installed && Boolean.getBoolean("browser.required")) {
            throw new IllegalStateException("Chromium and ChromeDriver are required: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "Chromium or ChromeDriver is not installed: browser tests skipped");
        Files.createDirectories(SCREENSHOTS);
    }

    @BeforeEach
    void open(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        org = db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' AND parent_id IS NOT NULL ORDER BY id LIMIT 1")
                .map(row -> row.get("id", Long.class)).one().block();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Wait for the document, not for every image: the map's tiles come from the internet, which CI lacks.
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + new File("target/chromium-" + testName + "-" + System.nanoTime()).getAbsolutePath());
        // The citizen's phone speaks Russian (Accept-Language), the portal's default.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ru-RU,ru"));
        // One driver process per test: quitting a driver stops its service.
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // A wait that fails says what the browser showed instead (CI keeps the output, not the screenshot).
        wait.withMessage(this::whatTheBrowserShows);
    }

    @AfterEach
    void close() throws IOException {
        if (browser != null) {
            screenshot("");
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Waits until the page has loaded all of its resources, so that its layout no longer moves. */
    void settled() {
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    String whatTheBrowserShows() {
        try {
            String text = browser.findElement(By.tagName("body")).getText().replaceAll("\\s+", " ");
            return "the browser shows " + browser.getCurrentUrl() + " \"" + browser.getTitle() + "\": "
                    + text.substring(0, Math.min(600, text.length()));
        } catch (RuntimeException e) {
            return "the browser cannot tell what it shows: " + e;
        }
    }

    void screenshot(String suffix) {
        try {
            Path file = SCREENSHOTS.resolve(getClass().getSimpleName() + "-" + testName + suffix + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot save the screenshot", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

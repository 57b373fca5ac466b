package org.casefile.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium, driven by Selenium, for the web app's tests: one browser for the whole test run.
 * Without Chromium the browser tests are skipped, loudly, with how to install it; every other test still runs.
 * Each page checked here gets axe-core's WCAG 2.2 AA rules and a screenshot at desktop and phone width under
 * target/screenshots/.
 */
public final class Browser {

    public static final String CHROMIUM = System.getenv().getOrDefault("CASEFILE_CHROMIUM", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getenv().getOrDefault("CASEFILE_CHROMEDRIVER", "/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final int DESKTOP_WIDTH = 1280;
    private static final int PHONE_WIDTH = 360;

    private static ChromeDriver shared;
    private static boolean warned;

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Signs the shared browser out (its cookies deleted), so the next test starts signed out: for an {@code @AfterEach}.
     * Nothing when no browser can run here.
     */
    public static void signOut() {
        if (new File(CHROMIUM).canExecute()) {
            open().driver().manage().deleteAllCookies();
        }
    }

    /** The browser, or the calling test skipped (with a message saying how to install Chromium) when there is none. */
    public static synchronized Browser open() {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present && !warned) {
            warned = true;
            System.err.println("\n*** BROWSER TESTS SKIPPED: no Chromium at " + CHROMIUM + " with chromedriver at " + CHROMEDRIVER
                    + ".\n*** Install them (Debian/Ubuntu: sudo apt-get install -y chromium chromium-driver fonts-khmeros), or set"
                    + " CASEFILE_CHROMIUM and CASEFILE_CHROMEDRIVER.\n");
        }
        Assumptions.assumeTrue(present, "Browser tests skipped: no Chromium (apt-get install -y chromium chromium-driver fonts-khmeros)");
        if (shared == null) {
            // Selenium Manager would otherwise try the network to find a driver.
            System.setProperty("SE_OFFLINE", "true");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=" + DESKTOP_WIDTH + ",900",
                    "--lang=en-GB", "--disable-gpu");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
            shared = new ChromeDriver(service, options);
            shared.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            shared.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            ChromeDriver quit = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(quit::quit));
        }
        return new Browser(shared);
    }

    public WebDriver driver() {
        return driver;
    }

    /** The service under test, e.g. http://localhost:41234. */
    public static String baseUrl() {
        String url = ConfigProvider.getConfig().getValue("test.url", String.class);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public Browser get(String path) {
        driver.get(baseUrl() + path);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits (up to 10 s) until the script returns true. */
    public void waitUntil(String script, Object... args) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(script("return !!(" + script + ");", args)));
    }

    public String path() {
        return driver.getCurrentUrl().substring(baseUrl().length());
    }

    /**
     * Checks the page as it stands: no WCAG 2.2 AA violation that axe-core finds, at desktop and at phone width; no
     * sideways scrolling of the page at 360 px; and saves a full-page screenshot at each width as target/screenshots/NAME-desktop.png
     * and NAME-phone.png.
     */
    public void check(String name) {
        check(name, null);
    }

    /**
     * As {@link #check(String)}, with the elements matching {@code axeExclude} (a CSS selector; null for none) left out of
     * the axe-core run only: for third-party markup such as TimelineJS's, which the page cannot change.
     */
    public void check(String name, String axeExclude) {
        for (int width : List.of(DESKTOP_WIDTH, PHONE_WIDTH)) {
            String label = width == DESKTOP_WIDTH ? "desktop" : "phone";
            emulate(width, 900);
            assertNoAxeViolations(name + " (" + label + ")", axeExclude);
            if (width == PHONE_WIDTH) {
                long scrollWidth = ((Number) script("return document.documentElement.scrollWidth;")).longValue();
                assertTrue(scrollWidth <= PHONE_WIDTH, () -> name + ": at 360 px wide the page scrolls sideways (" + scrollWidth
                        + " px wide); too wide: " + script("return Array.from(document.querySelectorAll('body *'))"
                        + ".filter(function (e) { return e.getBoundingClientRect().right > " + PHONE_WIDTH + "; }).slice(0, 8)"
                        + ".map(function (e) { return e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right); })"
                        + ".join(', ');"));
            }
            screenshot(name + "-" + label, width);
        }
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private void emulate(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    private void screenshot(String file, int width) {
        long height = ((Number) script("return Math.min(8000, document.documentElement.scrollHeight);")).longValue();
        emulate(width, (int) Math.max(height, 600));
        @SuppressWarnings("unchecked")
        Map<String, Object> shot = (Map<String, Object>) (Map<?, ?>) driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(file + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new IllegalStateException("Could not save the screenshot " + file + ": " + e.getMessage(), e);
        }
        emulate(width, 900);
    }

    private void assertNoAxeViolations(String page, String exclude) {
        script(axeSource());
        Object json = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "var context = arguments[1] ? {include: [document], exclude: [[arguments[1]]]} : document;"
                        + "axe.run(context, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                        + ".then(function (r) { done(JSON.stringify(r.violations)); }, function (e) { done('error: ' + e); });",
                AXE_TAGS, exclude);
        String result = String.valueOf(json);
        assertTrue(result.startsWith("["), "axe-core failed on " + page + ": " + result);
        List<String> found = new ArrayList<>();
        try {
            for (JsonNode violation : new ObjectMapper().readTree(result)) {
                StringBuilder where = new StringBuilder();
                for (JsonNode node : violation.path("nodes")) {
                    where.append("\n      ").append(node.path("target").toString()).append(": ").append(node.path("failureSummary").asText().replace('\n', ' '));
                }
                found.add(violation.path("id").asText() + " (" + violation.path("impact").asText() + "): " + violation.path("help").asText() + where);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(List.of(), found, "WCAG 2.2 AA violations (axe-core) on " + page);
    }

    private static String axe;

    private static synchronized String axeSource() {
        if (axe == null) {
            try (InputStream in = Browser.class.getResourceAsStream("/axe-core/axe.min.js")) {
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return axe;
    }
}

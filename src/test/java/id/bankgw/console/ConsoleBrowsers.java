package id.bankgw.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.SandboxUsers;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console tests' headless Chromium: Debian's browser and driver, logged in as a person types it. */
final class ConsoleBrowsers {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** target/ by default; {@code -Dconsole.screenshots=docs/console} refreshes the pictures of docs/console.md. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
    static final Path DOWNLOADS = Path.of("target/console-downloads").toAbsolutePath();
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    private ConsoleBrowsers() {
    }

    /**
     * A browser logged in as this user at /console (HTTP Basic, so for the whole gateway: the page's API calls carry
     * the login), showing the console with the user's name.
     */
    static WebDriver start(URL gateway, String user) throws IOException {
        return start(gateway, user, 1000);
    }

    /** The same, with a window this tall (a taller screenshot); a page's confirm() dialog waits for the test. */
    static WebDriver start(URL gateway, String user, int windowHeight) throws IOException {
        WebDriver driver = loggedOut(windowHeight);
        driver.get(gateway.getProtocol() + "://" + user + ":" + SandboxUsers.password(user) + "@" + gateway.getHost() + ":"
                + gateway.getPort() + "/console");
        open(gateway, driver, "/console");
        assertEquals(user, driver.findElement(By.id("operator")).getText());
        return driver;
    }

    /** A browser that has not logged in anywhere yet. */
    static WebDriver loggedOut(int windowHeight) throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the console's browser tests need Chromium and its driver: apt-get install -y chromium chromium-driver");
        Files.createDirectories(DOWNLOADS);
        SELENIUM_LOG.setLevel(Level.SEVERE); // no DevTools protocol is used: its version warning is noise
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280," + windowHeight);
        options.setUnhandledPromptBehaviour(org.openqa.selenium.UnexpectedAlertBehaviour.IGNORE);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static void open(URL gateway, WebDriver driver, String path) {
        driver.get(gateway.getProtocol() + "://" + gateway.getHost() + ":" + gateway.getPort() + path);
    }

    /** Waits for what the page shows; the page may reload itself (after an action, while a batch runs) meanwhile. */
    static void waitFor(WebDriver driver, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(250))
                .ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Waits until the browser has navigated to an address containing this text and that page has loaded. */
    static void arrivedAt(WebDriver driver, String addressPart) {
        waitFor(driver, d -> d.getCurrentUrl().contains(addressPart)
                && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    static void screenshot(WebDriver driver, String page) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(page + ".png"), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
    }
}

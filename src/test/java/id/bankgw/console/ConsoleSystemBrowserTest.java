package id.bankgw.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.SandboxUsers;
import id.bankgw.cluster.Leadership;
import id.bankgw.sandbox.SandboxTraffic;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.cluster.CamelClusterService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The System page in a real browser (headless Chromium), as a viewer: this replica leads, the broker and the database
 * are UP, the OY call just made is OY's last call with its outcome, BRI's token is valid until a time and its value is
 * nowhere on the page. Its screenshot goes to target/console-screenshots (or {@code -Dconsole.screenshots=docs/console}).
 */
@QuarkusTest
class ConsoleSystemBrowserTest {


    @BeforeAll
    static void logIn() {
        SandboxUsers.testerByDefault();
    }

    @TestHTTPResource("/")
    URL gateway;
    @Inject
    @Named("clusterService")
    CamelClusterService cluster;
    @Inject
    SandboxTraffic traffic;

    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aViewerSeesTheLeaderBrokerAndDatabaseUpTheLastOyCallAndBrisTokenValidity() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> cluster.isLeader(Leadership.NAMESPACE));
        // BRI gets its token on a call; the call's Authorization header holds the token the page must not show
        long mark = traffic.mark();
        given().get("/api/bri/briva/J104408/77777/" + (1_000_000_000L + System.nanoTime() % 8_000_000_000L))
                .then().statusCode(org.hamcrest.Matchers.lessThan(500));
        String token = traffic.since(mark).stream().filter(r -> r.uri().startsWith("/bri/") && !r.uri().contains("oauth"))
                .map(r -> r.headers().get("authorization")).filter(a -> a != null && a.startsWith("Bearer "))
                .map(a -> a.substring("Bearer ".length()).trim()).findFirst().orElseThrow();
        given().contentType(ContentType.JSON).body(Map.of("recipient_bank", "014", "recipient_account", "1239812390"))
                .post("/api/oy/inquiry").then().statusCode(200);

        browser = browser("viewer");
        open("/console");
        browser.findElement(By.cssSelector("nav a[href='/console/system']")).click();
        ConsoleBrowsers.arrivedAt(browser, "/console/system");
        assertEquals("System", browser.findElement(By.tagName("h1")).getText());

        assertTrue(browser.findElement(By.id("leader")).getText().contains("this replica (" + cluster.getId() + ")"),
                browser.findElement(By.id("leader")).getText());
        assertEquals("UP", browser.findElement(By.cssSelector("#broker .status")).getText());
        assertEquals("UP", browser.findElement(By.cssSelector("#database .status")).getText());

        WebElement oy = browser.findElement(By.cssSelector("#banks tr[data-bank='oy']"));
        assertTrue(oy.getText().contains("oy-inquiry") && oy.getText().contains("SUCCESS") && oy.getText().contains("200"),
                oy.getText());

        WebElement bri = browser.findElement(By.cssSelector("#tokens tr[data-bank='bri']"));
        assertEquals("VALID", bri.findElement(By.cssSelector(".status")).getText());
        assertTrue(bri.findElement(By.cssSelector(".token-valid-until")).getText().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC"),
                bri.getText());
        assertFalse(browser.getPageSource().contains(token), "the token is nowhere on the page");
        assertFalse(browser.findElements(By.cssSelector("#faults tbody tr")).isEmpty(), "the sandbox's switches are shown");
        screenshot("system");
    }

    private WebDriver browser(String user) throws IOException {
        return ConsoleBrowsers.start(gateway, user, 1500);
    }

    private void open(String path) {
        ConsoleBrowsers.open(gateway, browser, path);
    }

    private void screenshot(String page) throws IOException {
        ConsoleBrowsers.screenshot(browser, page);
    }
}

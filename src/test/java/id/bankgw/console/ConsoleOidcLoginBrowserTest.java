package id.bankgw.console;

import static id.bankgw.console.ConsoleBrowsers.waitFor;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.SandboxUsers;
import id.bankgw.access.TestIdentityProvider;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Production's console login: the OIDC authorization code flow against an identity provider on a real socket
 * ({@link TestIdentityProvider}), with the gateway's own tenant configuration. A person logs in on the provider's
 * page, the page's API calls go with that session, dual control sees the provider's subject, logging out ends it;
 * a script without a token still gets 401, never a login page.
 */
@QuarkusTest
@TestProfile(ConsoleOidcLoginBrowserTest.OidcLogin.class)
class ConsoleOidcLoginBrowserTest {

    /** Both OIDC tenants on, against the test provider; every batch waits for an approver, as in production. */
    public static class OidcLogin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("batch.approval.required", "true", "batch.approval.above-amount", "0");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestIdentityProvider.class));
        }
    }

    private static final String HEADER = "partner_trx_id,recipient_bank,recipient_account,amount,note,email";

    @TestHTTPResource("/")
    URL gateway;

    private WebDriver browser;

    @BeforeAll
    static void asTheTester() {
        SandboxUsers.testerByDefault();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aScriptWithoutATokenGets401AndAPersonIsSentToTheProvidersLoginPage() {
        io.restassured.response.Response script = given().auth().none().redirects().follow(false).get("/api/batches");
        assertEquals(401, script.statusCode(), "a script is not sent to a login page");
        assertEquals(null, script.header("Location"));
        String location = given().auth().none().redirects().follow(false).get("/console/batches")
                .then().statusCode(302).extract().header("Location");
        assertTrue(location.startsWith(issuer() + "/authorize?") && location.contains("client_id=" + TestIdentityProvider.CONSOLE_CLIENT),
                location);
        int forged = given().auth().none().cookie("q_session_console", "forged").header("X-Requested-With", "JavaScript")
                .contentType("application/json").body("{}").post("/api/batches/any/approve").statusCode();
        assertTrue(forged == 401 || forged == 499, "a forged session cookie is no login: " + forged);
    }

    @Test
    void aMakerLogsInAtTheProviderSubmitsAFileWithThatSessionAndAnApproverRunsItAfterTheMakerLoggedOut() throws Exception {
        browser = ConsoleBrowsers.loggedOut(1000);
        int redeemed = TestIdentityProvider.CODES_REDEEMED.get();
        ConsoleBrowsers.open(gateway, browser, "/console");
        waitFor(browser, d -> !d.findElements(By.id("idp")).isEmpty());
        signIn("siti", "not-her-passphrase");
        waitFor(browser, d -> !d.findElements(By.id("idp-error")).isEmpty());
        signIn("siti", TestIdentityProvider.PEOPLE.get("siti").password());
        waitFor(browser, d -> d.findElement(By.id("operator")).getText().equals("siti"));
        assertTrue(browser.findElement(By.cssSelector("header .who")).getText().contains("maker"));
        assertEquals(redeemed + 1, TestIdentityProvider.CODES_REDEEMED.get(), "one code, redeemed once");

        // the Submit page's API call goes with the console's session: no token, no Basic login in this browser
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "oidc-" + tag + ".csv";
        Path file = Files.createDirectories(Path.of("target/console-files")).resolve(name);
        Files.writeString(file, HEADER + "\noidc-" + tag + "-1,014,1239812390,150000,Salary December,\n"
                + "oidc-" + tag + "-2,008,1122334455,125000,Salary December,\n");
        ConsoleBrowsers.open(gateway, browser, "/console/submit");
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("send")).click();
        waitFor(browser, d -> d.findElement(By.id("upload-status")).getText().contains("AWAITING_APPROVAL"));
        String batchId = browser.findElement(By.id("upload-batch")).getText();
        assertEquals("siti", batch(batchId).getString("submittedBy"), "the maker is the provider's subject");

        // logging out ends the session at the gateway and at the provider: the next page asks for a login again
        int logouts = TestIdentityProvider.LOGOUTS.get();
        browser.findElement(By.id("logout")).click();
        waitFor(browser, d -> !d.findElements(By.id("idp")).isEmpty());
        assertEquals(logouts + 1, TestIdentityProvider.LOGOUTS.get());
        ConsoleBrowsers.open(gateway, browser, "/console/batches/" + batchId);
        waitFor(browser, d -> !d.findElements(By.id("idp")).isEmpty());

        // the approver logs in in the same browser and runs it; the API sees two people
        signIn("budi", TestIdentityProvider.PEOPLE.get("budi").password());
        waitFor(browser, d -> d.findElement(By.id("operator")).getText().equals("budi"));
        assertEquals("AWAITING_APPROVAL", browser.findElement(By.id("batch-status")).getText(), "back on the page asked for");
        browser.findElement(By.id("approve")).click();
        waitFor(browser, d -> d.findElement(By.id("batch-status")).getText().equals("COMPLETED"));
        JsonPath done = batch(batchId);
        assertEquals("budi", done.getString("decidedBy"));
        assertEquals("siti", done.getString("submittedBy"));
        ConsoleBrowsers.screenshot(browser, "batch-oidc");
    }

    @Test
    void aViewerFromTheProviderIsOfferedNeitherUploadNorApproval() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String batchId = given().contentType("text/csv").queryParam("name", "wait-" + tag + ".csv")
                .body(HEADER + "\nwait-" + tag + ",014,1239812390,150000,Salary December,\n").post("/api/batches")
                .then().statusCode(201).extract().path("batchId");
        browser = ConsoleBrowsers.loggedOut(1000);
        ConsoleBrowsers.open(gateway, browser, "/console/batches/" + batchId);
        waitFor(browser, d -> !d.findElements(By.id("idp")).isEmpty());
        signIn("wati", TestIdentityProvider.PEOPLE.get("wati").password());
        waitFor(browser, d -> d.findElement(By.id("operator")).getText().equals("wati"));
        assertEquals("AWAITING_APPROVAL", browser.findElement(By.id("batch-status")).getText());
        assertTrue(browser.findElements(By.id("approve")).isEmpty(), "a viewer has no approve button");
        assertTrue(browser.findElements(By.cssSelector("nav a[href='/console/submit']")).isEmpty(), "nor an upload");
        given().auth().preemptive().basic("approver", SandboxUsers.password("approver")).contentType("application/json")
                .body("{\"reason\": \"test over\"}").post("/api/batches/" + batchId + "/reject").then().statusCode(200);
    }

    private void signIn(String user, String password) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    private String issuer() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.oidc.console.auth-server-url", String.class);
    }

    private static JsonPath batch(String id) {
        return JsonPath.from(given().get("/api/batches/" + id).then().statusCode(200).extract().asString());
    }
}

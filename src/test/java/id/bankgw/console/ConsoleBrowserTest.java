package id.bankgw.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.bankgw.SandboxUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser (Debian's headless Chromium, driven by Selenium): a maker uploads a file
 * and sees it wait for approval; a viewer sees no approve button; an approver approves it, watches its progress bar
 * reach the end and downloads the result file, which holds what the API says. Each page's screenshot goes to
 * target/console-screenshots, or with -Dconsole.screenshots=docs/console to the pictures docs/console.md shows, so
 * they stay true to the gateway that runs.
 */
@QuarkusTest
@TestProfile(ConsoleBrowserTest.ApprovalOn.class)
class ConsoleBrowserTest {

    /** Every batch waits for an approver, as in production. */
    public static class ApprovalOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("batch.approval.required", "true", "batch.approval.above-amount", "0");
        }
    }

    private static final Path DOWNLOADS = ConsoleBrowsers.DOWNLOADS;
    private static final String HEADER = "partner_trx_id,recipient_bank,recipient_account,amount,note,email";

    @BeforeAll
    static void logIn() {
        SandboxUsers.testerByDefault();
    }

    @TestHTTPResource("/")
    URL gateway;

    private final Map<String, WebDriver> browsers = new HashMap<>();

    @AfterEach
    void closeBrowsers() {
        browsers.values().forEach(WebDriver::quit);
        browsers.clear();
    }

    @Test
    void aMakersFileWaitsAViewerCannotApproveItAndTheApproversApprovalRunsItToTheResultFile() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = List.of("con-" + tag + "-1", "con-" + tag + "-2", "con-" + tag + "-3");
        String name = "payroll-" + tag + ".csv";
        Path file = Files.createDirectories(Path.of("target/console-files")).resolve(name);
        Files.writeString(file, HEADER + "\n"
                + ids.get(0) + ",014,1239812390,150000,Salary December,\n"
                + ids.get(1) + ",008,1122334455,125000,Salary December,\n"
                + ids.get(2) + ",014,2222222222,90000,Salary December,\n"); // the bank does not know this account

        int refusedBefore = refusals();
        // the maker submits the file from the page: the whole-file check answers, and the batch waits
        WebDriver maker = browser("maker");
        open(maker, "/console/submit");
        maker.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        maker.findElement(By.id("send")).click();
        waitFor(maker, d -> d.findElement(By.id("upload-status")).getText().contains("AWAITING_APPROVAL"));
        String batchId = maker.findElement(By.id("upload-batch")).getText();
        screenshot(maker, "submit");
        assertEquals("AWAITING_APPROVAL", JsonPath.from(given().get("/api/batches/" + batchId).asString()).getString("status"));

        open(maker, "/console/batches?status=AWAITING_APPROVAL");
        WebElement line = maker.findElement(By.cssSelector("tr[data-batch='" + batchId + "']"));
        assertTrue(line.getText().contains("AWAITING_APPROVAL") && line.getText().contains("maker"), line.getText());
        open(maker, "/console/batches/" + batchId);
        assertTrue(maker.findElements(By.id("approve")).isEmpty(), "a maker is offered no approval");

        // a viewer sees the batch, not the buttons
        WebDriver viewer = browser("viewer");
        open(viewer, "/console/batches/" + batchId);
        assertEquals("AWAITING_APPROVAL", viewer.findElement(By.id("batch-status")).getText());
        assertTrue(viewer.findElements(By.id("approve")).isEmpty(), "a viewer has no approve button");
        assertTrue(viewer.findElements(By.id("reject")).isEmpty(), "a viewer has no reject button");
        screenshot(viewer, "batch-viewer");

        // the approver approves it from the page and watches it run to the end
        WebDriver approver = browser("approver");
        open(approver, "/console/batches/" + batchId);
        screenshot(approver, "batch-approval");
        approver.findElement(By.id("approve")).sendKeys(Keys.ENTER); // from the keyboard
        waitFor(approver, d -> d.findElement(By.id("batch-status")).getText().equals("COMPLETED"));
        WebElement progress = approver.findElement(By.id("batch-progress"));
        assertEquals("3", progress.getDomAttribute("max"));
        assertEquals("3", progress.getDomProperty("value"), "the progress bar reached the end");
        assertEquals("approver", JsonPath.from(given().get("/api/batches/" + batchId).asString()).getString("decidedBy"));
        screenshot(approver, "batch-completed");

        // the result file downloaded from the page is the one the API serves, and says what the API says
        Path downloaded = download(approver, "file-result", name + "." + batchId + ".result.csv");
        byte[] served = given().get("/api/batches/" + batchId + "/files/result").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(served, Files.readAllBytes(downloaded));
        List<Map<String, String>> rows = csv(downloaded);
        assertEquals(ids, rows.stream().map(r -> r.get("partner_trx_id")).toList());
        Map<String, Integer> outcomes = new TreeMap<>();
        rows.forEach(r -> outcomes.merge(r.get("outcome"), 1, Integer::sum));
        Map<String, Map<String, Object>> byState = JsonPath.from(given().get("/api/batches/" + batchId).asString()).getMap("rowsByState");
        Map<String, Integer> apiCounts = new TreeMap<>();
        byState.forEach((state, count) -> apiCounts.put(state, ((Number) count.get("rows")).intValue()));
        assertEquals(apiCounts, outcomes);
        assertEquals(Map.of("FAILED", 1, "SUCCESS", 2), outcomes);

        assertEquals(refusedBefore, refusals(), "the page's API calls carry the browser's login: none was refused");

        open(viewer, "/console/audit?action=batch.approve");
        assertTrue(viewer.findElement(By.id("audit")).getText().contains(batchId), "the approval is in the audit trail");
        screenshot(viewer, "audit");
        open(viewer, "/console/batches?status=AWAITING_APPROVAL");
        assertTrue(viewer.findElements(By.cssSelector("tr[data-batch='" + batchId + "']")).isEmpty(), "filtered by status");
        open(viewer, "/console/batches");
        assertTrue(viewer.findElement(By.cssSelector("tr[data-batch='" + batchId + "']")).getText().contains("3 of 3 rows final"));
        screenshot(viewer, "batches");
    }

    @Test
    void aFileThatBreaksTheRulesIsRejectedWholeAndItsCheckReportIsShown() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "broken-" + tag + ".csv";
        Path file = Files.createDirectories(Path.of("target/console-files")).resolve(name);
        Files.writeString(file, HEADER + "\n"
                + "bad-" + tag + "-1,014,12ab,150000,Salary December,\n"
                + "bad-" + tag + "-2,014,1239812390,-5,Salary December,\n");

        WebDriver maker = browser("maker");
        open(maker, "/console/submit");
        maker.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        maker.findElement(By.id("send")).click();
        waitFor(maker, d -> d.findElement(By.id("upload-status")).getText().contains("REJECTED"));
        assertTrue(maker.findElements(By.cssSelector("#upload-errors tbody tr")).size() >= 2, "every broken rule is listed");
        String batchId = maker.findElement(By.id("upload-batch")).getText();

        open(maker, "/console/batches/" + batchId);
        assertEquals("REJECTED", maker.findElement(By.id("batch-status")).getText());
        String report = maker.findElement(By.id("errors")).getText();
        assertTrue(report.contains("recipient_account") && report.contains("amount"), report);
        assertTrue(maker.findElements(By.id("file-errors")).size() == 1, "the errors file can be downloaded");
        screenshot(maker, "batch-rejected");
    }

    @Test
    void theConsoleNeedsALoginAndOnlyAMakerIsOfferedTheUpload() throws Exception {
        assertEquals(401, given().auth().none().get("/console/batches").statusCode());
        assertEquals(403, given().auth().preemptive().basic("client", SandboxUsers.password("client")).get("/console").statusCode());
        WebDriver viewer = browser("viewer");
        open(viewer, "/console/submit");
        assertTrue(viewer.findElements(By.id("file")).isEmpty(), "a viewer has no upload");
        assertTrue(viewer.findElements(By.cssSelector("nav a[href='/console/submit']")).isEmpty());

        // the tester is maker and approver at once: the maker of a batch is never offered its approval
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String batchId = given().contentType("text/csv").queryParam("name", "own-" + tag + ".csv")
                .body(HEADER + "\nown-" + tag + ",014,1239812390,150000,Salary December,\n").post("/api/batches")
                .then().statusCode(201).extract().path("batchId");
        WebDriver both = browser(SandboxUsers.TESTER);
        open(both, "/console/batches/" + batchId);
        assertEquals("AWAITING_APPROVAL", both.findElement(By.id("batch-status")).getText());
        assertTrue(both.findElements(By.id("approve")).isEmpty(), "no approve button for the batch's own maker");
        assertTrue(both.findElement(By.id("no-decision")).getText().contains("another approver"));
        given().auth().preemptive().basic("approver", SandboxUsers.password("approver")).contentType("application/json")
                .body("{\"reason\": \"test over\"}").post("/api/batches/" + batchId + "/reject").then().statusCode(200);
    }

    /** Requests the API refused (401, 403), as its audit trail counts them. */
    private static int refusals() {
        return JsonPath.from(given().queryParam("action", "http.refused").queryParam("limit", 1000).get("/api/audit")
                .then().statusCode(200).extract().asString()).getList("$").size();
    }

    /** A browser logged in as this user: the console's address with the user's name and password, as a person types them. */
    private WebDriver browser(String user) throws IOException {
        WebDriver driver = ConsoleBrowsers.start(gateway, user);
        browsers.put(user, driver);
        return driver;
    }

    private void open(WebDriver driver, String path) {
        ConsoleBrowsers.open(gateway, driver, path);
    }

    /** Waits for what the page shows; the page may reload itself (after an action, while a batch runs) meanwhile. */
    private static void waitFor(WebDriver driver, java.util.function.Function<WebDriver, Boolean> condition) {
        ConsoleBrowsers.waitFor(driver, condition);
    }

    private static void screenshot(WebDriver driver, String page) throws IOException {
        ConsoleBrowsers.screenshot(driver, page);
    }

    private static Path download(WebDriver driver, String link, String fileName) throws IOException {
        Path target = DOWNLOADS.resolve(fileName);
        Files.deleteIfExists(target);
        driver.findElement(By.id(link)).click();
        new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(200))
                .until(d -> Files.isRegularFile(target) && !Files.exists(DOWNLOADS.resolve(fileName + ".crdownload")));
        return target;
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}

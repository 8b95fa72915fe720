package id.bankgw.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.SandboxUsers;
import id.bankgw.batch.BatchRowsApiTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The batch page's rows in a real browser (headless Chromium): a completed batch's rows filtered by state and
 * searched by partner_trx_id, each with its bank code and its account masked, the full account number nowhere in
 * the page; and the totals by recipient bank beside the approve button of a batch that waits.
 */
@QuarkusTest
@TestProfile(BatchRowsApiTest.ApprovalAndSkipInvalid.class)
class ConsoleRowsBrowserTest {

    private static final List<String> ACCOUNTS = List.of("1239812390", "1122334455", "2222222222");

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
    void aCompletedBatchsRowsAreFilteredByStateAndSearchedWithTheirBankCodeAndMaskedAccount() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String id = BatchRowsApiTest.completedBatch(tag);
        WebDriver viewer = browser("viewer");
        open(viewer, "/console/batches/" + id);
        assertEquals("COMPLETED", viewer.findElement(By.id("batch-status")).getText());
        assertEquals(5, rows(viewer).size());
        assertEquals("Rows 1 to 5 of 5", viewer.findElement(By.id("rows-label")).getText());
        assertNoAccountIn(viewer);

        // the state filter: a plain GET form
        new Select(viewer.findElement(By.id("row-state"))).selectByValue("FAILED");
        viewer.findElement(By.id("row-filter")).click();
        ConsoleBrowsers.arrivedAt(viewer, "state=FAILED");
        List<WebElement> failed = rows(viewer);
        assertEquals(1, failed.size());
        WebElement refused = failed.get(0);
        assertEquals("rw-" + tag + "-b1", refused.getDomAttribute("data-row"));
        assertEquals("205", refused.findElement(By.cssSelector(".code")).getText(), "the bank's code");
        assertEquals("******2222", refused.findElement(By.cssSelector(".account")).getText());
        assertTrue(refused.getText().contains("FAILED"));
        assertNoAccountIn(viewer);

        // the search, from the keyboard; the state filter set back to any
        new Select(viewer.findElement(By.id("row-state"))).selectByValue("");
        WebElement search = viewer.findElement(By.id("row-search"));
        search.sendKeys("rw-" + tag + "-a1", Keys.ENTER);
        ConsoleBrowsers.arrivedAt(viewer, "partnerTrxId=rw-" + tag + "-a1");
        List<WebElement> found = rows(viewer);
        assertEquals(1, found.size());
        WebElement paid = found.get(0);
        assertEquals("000", paid.findElement(By.cssSelector(".code")).getText());
        assertEquals("******2390", paid.findElement(By.cssSelector(".account")).getText());
        assertTrue(paid.getText().contains("SUCCESS") && paid.getText().contains("150,000"), paid.getText());
        assertEquals("rw-" + tag + "-a1", viewer.findElement(By.id("row-search")).getDomProperty("value"), "the search stays in its field");
        assertNoAccountIn(viewer);

        // what the page shows is what the API answers
        JsonPath api = JsonPath.from(given().queryParam("partnerTrxId", "rw-" + tag + "-a1").get("/api/batches/" + id + "/rows").asString());
        assertEquals(api.getString("rows[0].statusCode"), paid.findElement(By.cssSelector(".code")).getText());
        assertEquals(api.getString("rows[0].recipientAccount"), paid.findElement(By.cssSelector(".account")).getText());

        open(viewer, "/console/batches/" + id + "?state=SUCCESS&partnerTrxId=rw-" + tag + "-");
        assertEquals(3, rows(viewer).size(), "state and search together");
        assertEquals("Rows 1 to 3 of 3 that match", viewer.findElement(By.id("rows-label")).getText());
        open(viewer, "/console/batches/" + id + "?state=FAILED&partnerTrxId=rw-" + tag + "-a");
        assertEquals(0, rows(viewer).size());
        assertEquals("No rows match.", viewer.findElement(By.id("rows-label")).getText());
        open(viewer, "/console/batches/" + id + "?state=INVALID");
        assertEquals("12ab", rows(viewer).get(0).findElement(By.cssSelector(".account")).getText());
        open(viewer, "/console/batches/" + id + "#rows");
        screenshot(viewer, "batch-rows");
    }

    @Test
    void anApproverSeesTheTotalsByRecipientBankBesideTheApproveButton() throws Exception {
        String id = BatchRowsApiTest.submit(UUID.randomUUID().toString().substring(0, 8));
        WebDriver approver = browser("approver");
        open(approver, "/console/batches/" + id);
        assertEquals("AWAITING_APPROVAL", approver.findElement(By.id("batch-status")).getText());
        WebElement decision = approver.findElement(By.cssSelector("section.decision"));
        assertEquals(1, decision.findElements(By.id("approve")).size());
        WebElement byBank = decision.findElement(By.id("by-bank"));
        assertEquals(List.of("008", "1", "125,000"), cells(byBank, "008"));
        assertEquals(List.of("014", "3", "300,000"), cells(byBank, "014"), "the invalid row is not counted");
        assertEquals(5, rows(approver).size(), "the rows that wait are listed too");
        assertNoAccountIn(approver);
        screenshot(approver, "batch-approval-banks");
        given().auth().preemptive().basic("approver", SandboxUsers.password("approver")).contentType("application/json")
                .body("{\"reason\": \"test over\"}").post("/api/batches/" + id + "/reject").then().statusCode(200);
    }

    @Test
    void aLargeBatchsRowsArePagedFiftyAtATimeAndThePagesAddUpToTheFile() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder("partner_trx_id,recipient_bank,recipient_account,amount,note,email\n");
        for (int i = 1; i <= 120; i++) {
            file.append(String.format("pg-%s-%03d,014,1239812390,%d,Salary December,%n", tag, i, 10000 + i));
        }
        String id = given().contentType("text/csv").queryParam("name", "paging-" + tag + ".csv").body(file.toString())
                .post("/api/batches").then().statusCode(201).extract().path("batchId");
        WebDriver viewer = browser("viewer");
        open(viewer, "/console/batches/" + id);
        List<String> seen = new java.util.ArrayList<>(pageOfRows(viewer, "Rows 1 to 50 of 120"));
        assertTrue(viewer.findElements(By.id("rows-previous")).isEmpty(), "no page before the first");
        viewer.findElement(By.id("rows-next")).click();
        seen.addAll(pageOfRows(viewer, "Rows 51 to 100 of 120"));
        viewer.findElement(By.id("rows-next")).click();
        seen.addAll(pageOfRows(viewer, "Rows 101 to 120 of 120"));
        assertTrue(viewer.findElements(By.id("rows-next")).isEmpty(), "no page after the last");
        List<String> expected = java.util.stream.IntStream.rangeClosed(1, 120).mapToObj(i -> String.format("pg-%s-%03d", tag, i)).toList();
        assertEquals(expected, seen, "every row once, in the file's order");
        viewer.findElement(By.id("rows-previous")).click();
        assertEquals(expected.subList(50, 100), pageOfRows(viewer, "Rows 51 to 100 of 120"));
        given().auth().preemptive().basic("approver", SandboxUsers.password("approver")).contentType("application/json")
                .body("{\"reason\": \"test over\"}").post("/api/batches/" + id + "/reject").then().statusCode(200);
    }

    private static List<String> pageOfRows(WebDriver driver, String label) {
        ConsoleBrowsers.waitFor(driver, d -> label.equals(d.findElement(By.id("rows-label")).getText()));
        return rows(driver).stream().map(r -> r.getDomAttribute("data-row")).toList();
    }

    private static List<WebElement> rows(WebDriver driver) {
        return driver.findElements(By.cssSelector("#row-table tbody tr"));
    }

    private static List<String> cells(WebElement table, String bank) {
        return table.findElement(By.cssSelector("tr[data-bank='" + bank + "']")).findElements(By.tagName("td")).stream()
                .map(WebElement::getText).toList();
    }

    private static void assertNoAccountIn(WebDriver driver) {
        String source = driver.getPageSource();
        for (String account : ACCOUNTS) {
            assertFalse(source.contains(account), "the full account number " + account + " is in the page");
        }
    }

    /** A browser logged in as this user (HTTP Basic at /console, as in ConsoleBrowserTest). */
    private WebDriver browser(String user) throws IOException {
        WebDriver driver = ConsoleBrowsers.start(gateway, user);
        browsers.put(user, driver);
        return driver;
    }

    private void open(WebDriver driver, String path) {
        ConsoleBrowsers.open(gateway, driver, path);
    }

    private static void screenshot(WebDriver driver, String page) throws IOException {
        ConsoleBrowsers.screenshot(driver, page);
    }
}

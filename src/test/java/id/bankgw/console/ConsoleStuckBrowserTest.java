package id.bankgw.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.BrokerUsers;
import id.bankgw.SandboxUsers;
import id.bankgw.core.Database;
import id.bankgw.core.OAuthTokens;
import id.bankgw.sandbox.SandboxFaults;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URL;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console's Stuck page in a real browser (headless Chromium): a JMS command that the bank cannot take is
 * dead-lettered; a viewer sees it with its reason and no replay button; an admin replays it from the page and the
 * requester gets the replayed command's answer on its own reply queue. The money calls the sweeper flagged are
 * listed with the bank's last answer, account numbers masked.
 */
@QuarkusTest
class ConsoleStuckBrowserTest {

    private static final String BROKER = "tcp://127.0.0.1:61617";
    private static final String QUEUE = "bank.raya.statement";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void logIn() {
        SandboxUsers.testerByDefault();
    }

    @TestHTTPResource("/")
    URL gateway;
    @Inject
    SandboxFaults bankFaults;
    @Inject
    OAuthTokens gatewayTokens;
    @Inject
    Database database;

    private final Map<String, WebDriver> browsers = new HashMap<>();

    @AfterEach
    void cleanUp() {
        bankFaults.clear();
        browsers.values().forEach(WebDriver::quit);
        browsers.clear();
    }

    @Test
    void aViewerSeesTheDeadLetterAndItsReasonAndAnAdminsReplayFromThePageIsAnswered() throws Exception {
        drain("DLQ." + QUEUE); // the broker's journal outlives test runs
        String correlationId = "stuck-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection requester = BrokerUsers.client(BROKER).createConnection()) {
            requester.start();
            Session session = requester.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer answers = session.createConsumer(replies);

            // another system asks for a statement while the bank's token endpoint fails: retried, then dead-lettered
            gatewayTokens.forgetAll();
            bankFaults.set(SandboxFaults.Settings.on("/raya/oauth/accesstoken").withServerErrorRate(1.0));
            TextMessage command = session.createTextMessage("{\"accountNo\":\"001001000060301\",\"fromDateTime\":\""
                    + LocalDate.now().minusDays(3) + "\",\"toDateTime\":\"" + LocalDate.now().minusDays(1) + "\"}");
            command.setStringProperty("operation", "statement");
            command.setJMSReplyTo(replies);
            command.setJMSCorrelationID(correlationId);
            session.createProducer(session.createQueue(QUEUE)).send(command);
            TextMessage deadLettered = (TextMessage) answers.receive(60_000);
            assertNotNull(deadLettered, "the requester is told when its command is dead-lettered");
            assertEquals("UNAVAILABLE", JSON.readTree(deadLettered.getText()).path("outcome").asText(), deadLettered.getText());
            bankFaults.clear();

            // the API lists it, read-only, with its reason
            JsonNode listed = deadLetter(correlationId);
            assertNotNull(listed, "GET /api/dlq lists the dead letter");
            assertTrue(listed.path("deadLetterReason").asText().startsWith("UNAVAILABLE"), listed.toString());
            assertFalse(listed.path("moneyMoving").asBoolean());
            assertEquals("statement", listed.path("operation").asText());
            assertNotNull(deadLetter(correlationId), "listing took nothing off the dead-letter queue");

            // a flagged money call outside batches, as the pending sweeper leaves it for an operator
            String partnerRef = "stuck-" + UUID.randomUUID().toString().substring(0, 8);
            Timestamp now = Timestamp.from(Instant.now());
            database.update("insert into pending_transaction (reference, kind, partner_ref, bank_ref, state, status_code, status_message, "
                            + "checks, next_check_at, created_at, updated_at) values (?, 'oy-remit', ?, null, 'FLAGGED', '101', ?, 8, null, ?, ?)",
                    "oy-remit:" + partnerRef, partnerRef, "still not final after 8 checks (last: 101 Request is In Progress to 1239812390); "
                            + "an operator must ask the bank", now, now);

            // a viewer sees the dead letter and its reason, the flagged call and the bank's last answer, and no replay button
            WebDriver viewer = browser("viewer");
            open(viewer, "/console/stuck");
            WebElement row = viewer.findElement(By.cssSelector("#queue-bank-raya-statement tr[data-correlation='" + correlationId + "']"));
            assertTrue(row.getText().contains("UNAVAILABLE") && row.getText().contains("statement"), row.getText());
            assertTrue(viewer.findElements(By.cssSelector("button[data-replay]")).isEmpty(), "a viewer has no replay button");
            WebElement flagged = viewer.findElement(By.cssSelector("#pending tr[data-pending='" + partnerRef + "']"));
            assertTrue(flagged.getText().contains("FLAGGED") && flagged.getText().contains("101 still not final"), flagged.getText());
            assertTrue(flagged.getText().contains("******2390") && !flagged.getText().contains("1239812390"), "account masked: " + flagged.getText());
            assertTrue(viewer.findElements(By.id("va-unconfirmed")).size() + viewer.findElements(By.id("no-va-payments")).size() == 1,
                    "the VA payments not confirmed have their section");
            screenshot(viewer, "stuck-viewer");
            database.update("delete from pending_transaction where reference = ?", "oy-remit:" + partnerRef);

            // an admin replays the queue from the page; the requester gets the replayed command's answer
            WebDriver admin = browser("admin");
            open(admin, "/console/stuck");
            assertTrue(admin.findElement(By.cssSelector("#queue-bank-raya-statement tr[data-correlation='" + correlationId + "']"))
                    .getText().contains("UNAVAILABLE"));
            screenshot(admin, "stuck");
            admin.findElement(By.id("replay-bank-raya-statement")).click();
            waitFor(admin, d -> d.findElement(By.id("replay-bank-raya-statement-answer")).getText().startsWith("Replayed"));
            String said = admin.findElement(By.id("replay-bank-raya-statement-answer")).getText();
            assertTrue(said.startsWith("Replayed 1 to " + QUEUE + "; 0 stayed"), said);
            TextMessage answer = (TextMessage) answers.receive(30_000);
            assertNotNull(answer, "the replayed command is answered on the requester's reply queue");
            assertEquals(correlationId, answer.getJMSCorrelationID());
            assertTrue(answer.getBooleanProperty("replayed"), "the answer says it answers a replay");
            // the bank's own answer this time (that account has no lines in those days: Raya's 4041401)
            assertTrue(JSON.readTree(answer.getText()).path("bankCode").asText().startsWith("404"), answer.getText());
            assertEquals(null, deadLetter(correlationId), "the replayed command left the dead-letter queue");
            assertTrue(JsonPath.from(given().queryParam("action", "dlq.replay").get("/api/audit").asString())
                    .getList("user").contains("admin"), "the replay is in the audit trail");

            open(admin, "/console/stuck");
            assertTrue(admin.findElements(By.cssSelector("tr[data-correlation='" + correlationId + "']")).isEmpty());
        }
    }

    @Test
    void aMoneyMovingDeadLetterIsReplayedOnlyAfterTheAdminConfirmed() throws Exception {
        drain("DLQ.bank.oy.disbursement");
        String id = "stuck-" + UUID.randomUUID().toString().substring(0, 8);
        String correlationId = "money-" + id;
        try (Connection requester = BrokerUsers.client(BROKER).createConnection();
             Connection gatewaySide = BrokerUsers.gateway(BROKER).createConnection()) {
            requester.start();
            Session session = requester.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer answers = session.createConsumer(replies);
            // a remit as the gateway dead-letters it when the bank cannot be reached
            Session dlq = gatewaySide.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage dead = dlq.createTextMessage("{\"recipient_bank\":\"014\",\"recipient_account\":\"1239812390\","
                    + "\"amount\":150000,\"note\":\"Vendor\",\"partner_trx_id\":\"" + id + "\"}");
            dead.setStringProperty("operation", "remit");
            dead.setStringProperty("originalQueue", "bank.oy.disbursement");
            dead.setStringProperty("deadLetterReason", "UNAVAILABLE: The bank could not be reached");
            dead.setLongProperty("commandTimestamp", System.currentTimeMillis());
            dead.setJMSReplyTo(replies);
            dead.setJMSCorrelationID(correlationId);
            dlq.createProducer(dlq.createQueue("DLQ.bank.oy.disbursement")).send(dead);

            WebDriver admin = browser("admin");
            open(admin, "/console/stuck");
            WebElement row = admin.findElement(By.cssSelector("#queue-bank-oy-disbursement tr[data-correlation='" + correlationId + "']"));
            assertTrue(row.getText().contains("remit " + id) && row.getText().contains("yes"), row.getText());
            assertFalse(row.getText().contains("1239812390"), "no account number on the page");

            // dismissed: nothing is sent
            admin.findElement(By.id("replay-bank-oy-disbursement")).click();
            admin.switchTo().alert().dismiss();
            assertEquals("Not replayed.", admin.findElement(By.id("replay-bank-oy-disbursement-answer")).getText());
            assertNotNull(deadLetter(correlationId), "still on the dead-letter queue");

            // confirmed: replayed with confirmMoneyMovement, and answered
            admin.findElement(By.id("replay-bank-oy-disbursement")).click();
            admin.switchTo().alert().accept();
            waitFor(admin, d -> d.findElement(By.id("replay-bank-oy-disbursement-answer")).getText().startsWith("Replayed"));
            assertTrue(admin.findElement(By.id("replay-bank-oy-disbursement-answer")).getText().startsWith("Replayed 1"),
                    admin.findElement(By.id("replay-bank-oy-disbursement-answer")).getText());
            TextMessage answer = (TextMessage) answers.receive(30_000);
            assertNotNull(answer, "the replayed remit is answered on the requester's reply queue");
            assertEquals(correlationId, answer.getJMSCorrelationID());
            assertTrue(answer.getBooleanProperty("replayed"));
        }
    }

    /** The dead letter with this correlation id as {@code GET /api/dlq} lists it, or null. */
    private static JsonNode deadLetter(String correlationId) throws Exception {
        JsonNode all = JSON.readTree(given().get("/api/dlq").then().statusCode(200).extract().asString());
        for (JsonNode queue : all.path("queues")) {
            for (JsonNode c : queue.path("commands")) {
                if (correlationId.equals(c.path("correlationId").asText())) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Empties a dead-letter queue as the gateway's own user. */
    private static void drain(String queue) throws Exception {
        try (Connection c = BrokerUsers.gateway(BROKER).createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = s.createConsumer(s.createQueue(queue))) {
                while (consumer.receive(300) != null) {
                    // taken
                }
            }
        }
    }

    /** A browser logged in as this user (HTTP Basic at /console, as a person types it), as ConsoleBrowserTest does. */
    private WebDriver browser(String user) throws IOException {
        WebDriver driver = ConsoleBrowsers.start(gateway, user);
        browsers.put(user, driver);
        return driver;
    }

    private void open(WebDriver driver, String path) {
        ConsoleBrowsers.open(gateway, driver, path);
    }

    private static void waitFor(WebDriver driver, java.util.function.Function<WebDriver, Boolean> condition) {
        ConsoleBrowsers.waitFor(driver, condition);
    }

    private static void screenshot(WebDriver driver, String page) throws IOException {
        ConsoleBrowsers.screenshot(driver, page);
    }
}

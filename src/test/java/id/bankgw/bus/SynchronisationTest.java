package id.bankgw.bus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.sandbox.RayaSandbox;
import id.bankgw.sandbox.ValasSandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each scheduled synchronisation publishes each new item once across runs (its position and events are stored). */
@QuarkusTest
class SynchronisationTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    @Inject
    ProducerTemplate camel;
    @Inject
    RayaSandbox raya;
    @Inject
    ValasSandbox valas;

    @RegisterExtension
    final BrokerSession broker = BrokerSession.client();

    /** Runs a synchronisation and collects the event ids published on its topic. */
    private List<String> run(String route, String topic) throws Exception {
        List<String> ids = new ArrayList<>();
        try (MessageConsumer events = broker.session().createConsumer(broker.session().createTopic(topic))) {
            camel.sendBody("direct:" + route, null);
            for (Message m; (m = events.receive(2_000)) != null; ) {
                ids.add(m.getStringProperty("eventId"));
            }
        }
        return ids;
    }

    @Test
    void aNewStatementLineIsPublishedOnceAcrossRuns() throws Exception {
        run("sync-statement", "bank.events.statement");
        RayaSandbox.Line line = raya.addLine("001001000060300", new BigDecimal("125000"), "Credit", "INVOICE 42");
        List<String> second = run("sync-statement", "bank.events.statement");
        assertEquals(List.of("statement:raya:001001000060300:" + line.transactionId()), second);
        assertEquals(List.of(), run("sync-statement", "bank.events.statement"), "nothing new, nothing published");
    }

    @Test
    void aBrivaPaymentIsPublishedOnce() throws Exception {
        run("sync-briva", "bank.events.va-payment");
        String cust = String.valueOf(System.nanoTime() % 10_000_000_000L);
        given().contentType(ContentType.JSON).body(Map.of("institutionCode", "J104408", "brivaNo", "77777", "custCode", cust,
                "nama", "Sync", "amount", "50000", "keterangan", "", "expiredDate",
                LocalDateTime.now(ZoneId.of("Asia/Jakarta")).plusDays(2).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))))
                .post("/api/bri/briva").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("institutionCode", "J104408", "brivaNo", "77777", "custCode", cust,
                "amount", "50000", "channel", "ATM")).post("http://localhost:18089/sandbox/bri/briva/pay").then().statusCode(200);
        List<String> ids = run("sync-briva", "bank.events.va-payment");
        assertEquals(1, ids.size(), ids.toString());
        assertTrue(ids.get(0).startsWith("va-payment:briva:77777:" + cust + ":"), ids.get(0));
        assertEquals(List.of(), run("sync-briva", "bank.events.va-payment"));
    }

    @Test
    void aRateIsPublishedOnlyWhenItChanges() throws Exception {
        List<String> first = run("sync-fx-rates", "bank.events.fx-rate");
        List<String> second = run("sync-fx-rates", "bank.events.fx-rate");
        Set<String> all = new HashSet<>(first);
        for (String id : second) {
            assertTrue(all.add(id), "published twice: " + id);
        }
        given().get("/api/fx/rates").then().statusCode(200).body("'USD-IDR'.counterBuy", notNullValue());
    }

    @Test
    void aRateThatComesBackToAnEarlierValueIsPublishedAgain() throws Exception {
        // The sandbox's rates zigzag over 120 minutes: minutes 40 and 80 of a cycle have the same rate, minute 50 another.
        // A cycle in the past no earlier run used (the ledger outlives test runs, and a rate at its time is one event).
        long cycle = (System.currentTimeMillis() / 60_000 / 120 - java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 100_000)) * 120;
        try {
            valas.useClock(java.time.Clock.fixed(java.time.Instant.ofEpochSecond((cycle + 40) * 60), ZoneId.of("Asia/Jakarta")));
            run("sync-fx-rates", "bank.events.fx-rate");
            String first = given().get("/api/fx/rates").then().statusCode(200).extract().path("'USD-IDR'.counterBuy");
            valas.useClock(java.time.Clock.fixed(java.time.Instant.ofEpochSecond((cycle + 50) * 60), ZoneId.of("Asia/Jakarta")));
            assertTrue(run("sync-fx-rates", "bank.events.fx-rate").stream().anyMatch(id -> id.startsWith("fx-rate:USD-IDR:")), "a change");
            valas.useClock(java.time.Clock.fixed(java.time.Instant.ofEpochSecond((cycle + 80) * 60), ZoneId.of("Asia/Jakarta")));
            List<String> back = run("sync-fx-rates", "bank.events.fx-rate");
            assertEquals(first, given().get("/api/fx/rates").then().extract().path("'USD-IDR'.counterBuy"), "the earlier rate again");
            assertTrue(back.stream().anyMatch(id -> id.startsWith("fx-rate:USD-IDR:")), "published again: " + back);
        } finally {
            valas.useClock(java.time.Clock.system(ZoneId.of("Asia/Jakarta")));
        }
    }
}

package id.bankgw.batch;

import static id.bankgw.GatewayProcesses.await;
import static id.bankgw.GatewayProcesses.awaitReady;
import static id.bankgw.GatewayProcesses.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import id.bankgw.GatewayProcesses;
import id.bankgw.SandboxUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Approval state lives in the ledger: a batch awaiting approval is still awaiting after the gateway is killed and
 * started again, nothing of it reaches the bank meanwhile, and once approved every row is paid once.
 */
class ApprovalRestartIT {

    private static final int ROWS = 20;
    private static final String GATEWAY = "http://localhost:18770";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Process startGateway(GatewayProcesses p, String bank, int run) throws IOException {
        Path work = p.work();
        return p.startGateway("gateway-" + run, bank, 18770,
                "-Dbank.broker.url=tcp://127.0.0.1:18771", "-Dbank.broker.data-directory=" + work.resolve("broker"),
                "-Dbatch.inbox=" + work.resolve("inbox"), "-Dbatch.outbox=" + work.resolve("outbox"),
                "-Dbatch.read-lock-check-ms=200", "-Dbatch.poll-interval-ms=300", "-Dbank.status-checks.first-check=300ms", "-Dbatch.approval.required=true",
                p.ledger("ledger"));
    }

    @Test
    void aBatchAwaitingApprovalSurvivesAKillSendsNothingAndIsPaidOnceWhenApproved() throws Exception {
        try (GatewayProcesses p = new GatewayProcesses("approval-restart")) {
            Path work = p.work();
            Files.createDirectories(work.resolve("inbox"));
            String bank = p.startBank(18780);
            Process gateway = startGateway(p, bank, 1);
            awaitReady(18770);

            String run = Long.toString(System.currentTimeMillis(), 36);
            StringBuilder csv = new StringBuilder("partner_trx_id,recipient_bank,recipient_account,amount,note\n");
            for (int i = 1; i <= ROWS; i++) {
                csv.append("apr-").append(run).append('-').append(i).append(",014,60000").append(String.format("%05d", i))
                        .append(",").append(20_000 + i).append(",Approval test\n");
            }
            Path part = work.resolve("inbox").resolve("payroll.csv.part");
            Files.writeString(part, csv);
            Files.move(part, work.resolve("inbox").resolve("payroll.csv"));
            await(Duration.ofSeconds(60), () -> {
                var batches = get(GATEWAY + "/api/batches");
                return batches.size() > 0 && "AWAITING_APPROVAL".equals(batches.get(0).path("status").asText());
            });
            String batchId = get(GATEWAY + "/api/batches").get(0).path("id").asText();

            gateway.destroyForcibly().waitFor();
            startGateway(p, bank, 2);
            awaitReady(18770);
            Thread.sleep(3_000); // ten poller rounds and the resume of unfinished batches
            assertEquals("AWAITING_APPROVAL", get(GATEWAY + "/api/batches/" + batchId).path("status").asText());
            var traffic = get(bank + "/sandbox/traffic");
            assertEquals(0, traffic.path("/oy/api/inquiry").asInt() + traffic.path("/oy/api/remit").asInt(),
                    "nothing reached the bank: " + traffic);

            HttpResponse<String> approved = HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/batches/" + batchId + "/approve"))
                    .header("Authorization", SandboxUsers.basic("approver")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, approved.statusCode(), approved.body());
            await(Duration.ofSeconds(90), () -> "COMPLETED".equals(get(GATEWAY + "/api/batches/" + batchId).path("status").asText()));
            for (int i = 1; i <= ROWS; i++) {
                assertEquals(1, get(bank + "/sandbox/oy/remits/apr-" + run + "-" + i).path("executed").asInt(),
                        "row " + i + " executed exactly once by the bank");
            }
        }
    }
}

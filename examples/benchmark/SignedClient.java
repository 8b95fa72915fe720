import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hand-written client a company would write without the gateway: one OAuth token for all threads, and each BRI
 * Valas request signed by itself (BRI-Signature, document 002) and sent straight to the bank. The baseline of
 * compare.sh; prints the same line as Load.java ("calls=.. errors=.. rate=../s p50=..ms p99=..ms").
 *
 *   java SignedClient.java BANK_BASE_URL CLIENT_ID CLIENT_SECRET PARTNER_CODE PATH THREADS SECONDS JSON
 */
public class SignedClient {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static void main(String[] a) throws Exception {
        String base = a[0], clientId = a[1], secret = a[2], partner = a[3], path = a[4];
        int threads = Integer.parseInt(a[5]);
        long end = System.nanoTime() + Long.parseLong(a[6]) * 1_000_000_000L;
        String body = a[7];
        String basePath = URI.create(base).getRawPath();
        HttpClient tokenClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String answer = tokenClient.send(HttpRequest.newBuilder(URI.create(base + "/oauth/client_credential/accesstoken?grant_type=client_credentials"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + clientId + "&client_secret=" + secret)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
        if (!m.find()) throw new IllegalStateException("no token: " + answer);
        String token = m.group(1);

        AtomicLong errors = new AtomicLong();
        long[][] lat = new long[threads][];
        int[] count = new int[threads];
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int t = i;
            ts[i] = new Thread(() -> {
                try {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                    long[] l = new long[1 << 20];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long s = System.nanoTime();
                        String timestamp = TIMESTAMP.format(Instant.now());
                        String payload = "path=" + basePath + path + "&verb=POST&token=Bearer " + token + "&timestamp=" + timestamp
                                + "&body=" + body;
                        String signature = Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
                        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                                .header("BRI-Timestamp", timestamp).header("BRI-Signature", signature).header("partnerCode", partner)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        try {
                            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200 || !r.body().contains("2008200")) errors.incrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        if (n < l.length) l[n++] = System.nanoTime() - s;
                    }
                    lat[t] = l;
                    count[t] = n;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ts[i].start();
        }
        for (Thread t : ts) t.join();
        double secs = Double.parseDouble(a[6]);
        long[] all = new long[Arrays.stream(count).sum()];
        int p = 0;
        for (int i = 0; i < threads; i++) { System.arraycopy(lat[i], 0, all, p, count[i]); p += count[i]; }
        Arrays.sort(all);
        System.out.printf("calls=%d errors=%d rate=%.0f/s p50=%.2fms p99=%.2fms%n", all.length, errors.get(), all.length / secs,
                all.length == 0 ? 0 : all[all.length / 2] / 1e6, all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6);
    }
}

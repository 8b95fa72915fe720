import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for profile.sh and compare.sh: N threads POST the same JSON to one URL for S seconds (HTTP Basic, or a bearer
 * token given as "Bearer ..."), then print
 * "calls=.. errors=.. rate=../s p50=..ms p99=..ms".
 *
 *   java Load.java URL USER:PASSWORD|"Bearer TOKEN" THREADS SECONDS JSON
 */
public class Load {
    public static void main(String[] a) throws Exception {
        URI uri = URI.create(a[0]);
        // USER:PASSWORD for HTTP Basic, or "Bearer <token>" as it is
        String auth = a[1].startsWith("Bearer ") ? a[1] : "Basic " + Base64.getEncoder().encodeToString(a[1].getBytes());
        int threads = Integer.parseInt(a[2]);
        long end = System.nanoTime() + Long.parseLong(a[3]) * 1_000_000_000L;
        String body = a[4];
        AtomicLong errors = new AtomicLong();
        long[][] lat = new long[threads][];
        int[] count = new int[threads];
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int t = i;
            ts[i] = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", auth)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long[] l = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) errors.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n < l.length) l[n++] = System.nanoTime() - s;
                }
                lat[t] = l;
                count[t] = n;
            });
            ts[i].start();
        }
        long start = System.nanoTime();
        for (Thread t : ts) t.join();
        double secs = Double.parseDouble(a[3]);
        long[] all = new long[Arrays.stream(count).sum()];
        int p = 0;
        for (int i = 0; i < threads; i++) { System.arraycopy(lat[i], 0, all, p, count[i]); p += count[i]; }
        Arrays.sort(all);
        System.out.printf("calls=%d errors=%d rate=%.0f/s p50=%.2fms p99=%.2fms%n", all.length, errors.get(), all.length / secs,
                all.length == 0 ? 0 : all[all.length / 2] / 1e6, all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6);
    }
}

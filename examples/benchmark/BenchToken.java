import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * A caller's bearer token for compare.sh's AUTH=bearer run, the way production callers come in (OIDC, docs/security.md):
 * a new RSA key pair, its public key written to PUBLIC_KEY_FILE (what quarkus.oidc.public-key takes, so no identity
 * provider has to run), and a JWT signed with RS256 printed to stdout: issuer ISSUER, subject "bench-client", role
 * "client" in the groups claim, valid for a day.
 *
 *   java BenchToken.java ISSUER PUBLIC_KEY_FILE
 */
public class BenchToken {
    public static void main(String[] a) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.writeString(Path.of(a[1]), Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        long now = Instant.now().getEpochSecond();
        String header = part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = part(String.format("{\"iss\":\"%s\",\"sub\":\"bench-client\",\"groups\":[\"client\"],\"iat\":%d,\"exp\":%d}",
                a[0], now, now + 86_400));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(keys.getPrivate());
        rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        System.out.println(header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign()));
    }

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

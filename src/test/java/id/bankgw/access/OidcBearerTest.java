package id.bankgw.access;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.SandboxUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Production's login: OIDC bearer tokens, verified by quarkus-oidc against the identity provider's key, roles from
 * the configured claim. The tokens here are real RS256 JWTs signed with a key made for the test (the key the
 * gateway trusts is configured as the provider's public key), so the verification that runs is the real one.
 */
@QuarkusTest
@TestProfile(OidcBearerTest.Oidc.class)
class OidcBearerTest {

    private static final KeyPair PROVIDER = keys();
    private static final KeyPair STRANGER = keys();

    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.application-type", "service",
                    "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(PROVIDER.getPublic().getEncoded()),
                    "quarkus.oidc.token.issuer", "https://idp.example.test", "quarkus.oidc.roles.role-claim-path", "realm/roles");
        }
    }

    @BeforeAll
    static void noBasicLogin() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    @AfterAll
    static void backToTheTester() {
        SandboxUsers.testerByDefault();
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT as an identity provider issues it, with the roles in {@code realm.roles}. */
    private static String token(PrivateKey key, String user, List<String> roles, Instant expires) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        ObjectMapper json = new ObjectMapper();
        String header = b64.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
        String claims = b64.encodeToString(json.writeValueAsBytes(Map.of("iss", "https://idp.example.test", "sub", user,
                "preferred_username", user, "iat", Instant.now().getEpochSecond() - 10, "exp", expires.getEpochSecond(),
                "realm", Map.of("roles", roles))));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(rs256.sign());
    }

    private static int audit(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/audit").statusCode();
    }

    @Test
    void aValidTokenGivesItsRolesAndAnExpiredForgedOrRolelessOneIsRefused() throws Exception {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        assertEquals(200, audit(token(PROVIDER.getPrivate(), "siti", List.of("viewer"), inAnHour)));
        assertEquals(403, audit(token(PROVIDER.getPrivate(), "siti", List.of("client"), inAnHour)), "a role that may not read the audit");
        assertEquals(401, audit(token(PROVIDER.getPrivate(), "siti", List.of("viewer"), Instant.now().minusSeconds(600))), "expired");
        assertEquals(401, audit(token(STRANGER.getPrivate(), "siti", List.of("viewer"), inAnHour)), "signed by another key");
        assertEquals(401, given().get("/api/audit").statusCode(), "no token");

        String approver = token(PROVIDER.getPrivate(), "budi", List.of("approver"), inAnHour);
        int status = given().header("Authorization", "Bearer " + approver).contentType(ContentType.JSON).body("{}")
                .post("/api/batches/no-such-batch/approve").statusCode();
        assertEquals(404, status, "an approver from the token reaches the approval (and finds no such batch)");
        String viewer = token(PROVIDER.getPrivate(), "siti", List.of("viewer"), inAnHour);
        assertEquals(403, given().header("Authorization", "Bearer " + viewer).contentType(ContentType.JSON).body("{}")
                .post("/api/batches/no-such-batch/approve").statusCode());
    }
}

package id.bankgw.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect provider on a real socket for the console's login tests: discovery, signing keys, a login form,
 * the authorization code grant (one-time codes, client secret checked), RS256 ID and access tokens with the user's
 * groups, and RP-initiated logout. It is what quarkus-oidc talks to in production (Keycloak, Entra ID, ...), reduced to
 * what the authorization code flow needs, so the gateway's own OIDC configuration is what the tests exercise.
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {

    public static final String API_CLIENT = "bank-gateway-api";
    public static final String CONSOLE_CLIENT = "bank-gateway-console";
    public static final String CONSOLE_SECRET = "console-client-secret-for-the-test-provider-0123456789";

    /** The people the provider knows: name, password, groups (the gateway's roles). */
    public record Person(String name, String password, List<String> groups) {
    }

    public static final Map<String, Person> PEOPLE = Map.of(
            "siti", new Person("siti", "siti-passphrase", List.of("maker")),
            "budi", new Person("budi", "budi-passphrase", List.of("approver")),
            "wati", new Person("wati", "wati-passphrase", List.of("viewer")));

    private record Grant(Person person, String clientId, String redirectUri, String nonce) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final AtomicInteger CODES_REDEEMED = new AtomicInteger();
    public static final AtomicInteger LOGOUTS = new AtomicInteger();

    private final KeyPair keys = keys();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private HttpServer server;
    private String issuer;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", x -> answer(x, 200, "application/json", discovery()));
        server.createContext("/jwks", x -> answer(x, 200, "application/json", jwks()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/logout", this::logout);
        server.start();
        Map<String, String> config = productionLogin();
        config.put("quarkus.oidc.auth-server-url", issuer);
        config.put("quarkus.oidc.client-id", API_CLIENT);
        config.put("quarkus.oidc.console.client-id", CONSOLE_CLIENT);
        config.put("quarkus.oidc.console.credentials.secret", CONSOLE_SECRET);
        config.put("quarkus.oidc.console.authentication.cookie-force-secure", "false"); // the test gateway is plain http
        return config;
    }

    /**
     * The production profile's login settings from application.properties ({@code %prod.quarkus.oidc.*} and the
     * console's {@code %prod.quarkus.http.auth.*} rules), so the test runs the login production runs, not a copy.
     */
    private static Map<String, String> productionLogin() {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            file.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        file.stringPropertyNames().stream()
                .filter(k -> k.startsWith("%prod.quarkus.oidc.") || k.startsWith("%prod.quarkus.http.auth.permission.console."))
                .forEach(k -> config.put(k.substring("%prod.".length()), file.getProperty(k)));
        if (!"true".equals(config.get("quarkus.oidc.console.tenant-enabled"))) {
            throw new IllegalStateException("production has no console login in application.properties: " + config);
        }
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private byte[] discovery() throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", issuer);
        d.put("authorization_endpoint", issuer + "/authorize");
        d.put("token_endpoint", issuer + "/token");
        d.put("jwks_uri", issuer + "/jwks");
        d.put("end_session_endpoint", issuer + "/logout");
        d.put("response_types_supported", List.of("code"));
        d.put("subject_types_supported", List.of("public"));
        d.put("id_token_signing_alg_values_supported", List.of("RS256"));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        return JSON.writeValueAsBytes(d);
    }

    private byte[] jwks() throws IOException {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return JSON.writeValueAsBytes(Map.of("keys", List.of(Map.of("kty", "RSA", "kid", "test-key", "use", "sig", "alg", "RS256",
                "n", b64(unsigned(key.getModulus())), "e", b64(unsigned(key.getPublicExponent()))))));
    }

    /** GET shows the login form; POST checks the password and sends the browser back with a one-time code. */
    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> p = "POST".equals(x.getRequestMethod()) ? form(new String(x.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8)) : form(x.getRequestURI().getRawQuery());
        String redirectUri = p.getOrDefault("redirect_uri", "");
        if (!CONSOLE_CLIENT.equals(p.get("client_id")) || !registered(redirectUri)) {
            answer(x, 400, "text/plain", "unknown client or redirect_uri".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if ("GET".equals(x.getRequestMethod())) {
            answer(x, 200, "text/html; charset=utf-8", loginPage(p, null));
            return;
        }
        Person person = PEOPLE.get(p.get("username"));
        if (person == null || !person.password().equals(p.get("password"))) {
            answer(x, 200, "text/html; charset=utf-8", loginPage(p, "Wrong user name or password."));
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(person, p.get("client_id"), redirectUri, p.get("nonce")));
        String back = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code
                + (p.containsKey("state") ? "&state=" + URLEncoder.encode(p.get("state"), StandardCharsets.UTF_8) : "");
        x.getResponseHeaders().add("Location", back);
        answer(x, 302, "text/plain", new byte[0]);
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> p = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] client = basicCredentials(x.getRequestHeaders().getFirst("Authorization"));
        if (client == null && p.containsKey("client_id")) {
            client = new String[] {p.get("client_id"), p.get("client_secret")};
        }
        if (client == null || !CONSOLE_CLIENT.equals(client[0]) || !CONSOLE_SECRET.equals(client[1])) {
            answer(x, 401, "application/json", "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Grant grant = "authorization_code".equals(p.get("grant_type")) ? codes.remove(p.getOrDefault("code", "")) : null;
        if (grant == null || !grant.redirectUri().equals(p.get("redirect_uri"))) {
            answer(x, 400, "application/json", "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        CODES_REDEEMED.incrementAndGet();
        Map<String, Object> claims = claims(grant.person(), grant.clientId());
        if (grant.nonce() != null) {
            claims.put("nonce", grant.nonce());
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("access_token", sign(claims(grant.person(), API_CLIENT)));
        tokens.put("token_type", "Bearer");
        tokens.put("expires_in", 600);
        tokens.put("id_token", sign(claims));
        answer(x, 200, "application/json", JSON.writeValueAsBytes(tokens));
    }

    private void logout(HttpExchange x) throws IOException {
        String back = form(x.getRequestURI().getRawQuery()).get("post_logout_redirect_uri");
        if (back == null || !registered(back)) {
            answer(x, 400, "text/plain", "unknown post_logout_redirect_uri".getBytes(StandardCharsets.UTF_8));
            return;
        }
        LOGOUTS.incrementAndGet();
        x.getResponseHeaders().add("Location", back);
        answer(x, 302, "text/plain", new byte[0]);
    }

    /** A real provider compares with the client's registered addresses; here: the gateway under test, on loopback. */
    private static boolean registered(String uri) {
        try {
            URI u = URI.create(uri);
            return "http".equals(u.getScheme()) && ("localhost".equals(u.getHost()) || "127.0.0.1".equals(u.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Map<String, Object> claims(Person person, String audience) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", issuer);
        c.put("sub", person.name());
        c.put("aud", audience);
        c.put("azp", CONSOLE_CLIENT);
        c.put("iat", now - 5);
        c.put("exp", now + 600);
        c.put("preferred_username", person.name());
        c.put("groups", person.groups());
        return c;
    }

    private String sign(Map<String, Object> claims) throws IOException {
        String header = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "test-key")));
        String body = b64(JSON.writeValueAsBytes(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + b64(rs256.sign());
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static byte[] loginPage(Map<String, String> p, String error) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "state", "nonce", "scope", "response_type")) {
            if (p.containsKey(name)) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(html(p.get(name)))
                        .append("\">");
            }
        }
        String page = "<!DOCTYPE html><html><head><title>Test identity provider: sign in</title></head><body>"
                + "<h1 id=\"idp\">Sign in</h1>" + (error == null ? "" : "<p id=\"idp-error\">" + error + "</p>")
                + "<form method=\"post\" action=\"/authorize\">" + hidden
                + "<label>User <input id=\"username\" name=\"username\"></label>"
                + "<label>Password <input id=\"password\" name=\"password\" type=\"password\"></label>"
                + "<button id=\"sign-in\" type=\"submit\">Sign in</button></form></body></html>";
        return page.getBytes(StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.getResponseHeaders().add("Cache-Control", "no-store");
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            x.getResponseBody().write(body);
        }
        x.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            fields.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String[] basicCredentials(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? null : new String[] {URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)};
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
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
}

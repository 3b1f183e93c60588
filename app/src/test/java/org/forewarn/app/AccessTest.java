package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.forewarn.adapters.twilio.PrismTwilio;
import org.forewarn.app.Endpoints.Body;
import org.forewarn.app.Endpoints.Endpoint;
import org.forewarn.app.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call what, and how fast: every endpoint of {@link Endpoints#ALL} called with no
 * credentials, a wrong password and each demo user answers 401, 403 or lets the call through
 * (anything else: a 404 for a case that does not exist still proves access) exactly as DESIGN.md's
 * table says; Twilio's webhooks take no user credentials but a signature (403 without). And each
 * intake client's clues pass a token bucket of its own: over it, 429 with {@code Retry-After}
 * and nothing taken in, while another client goes on.
 */
class AccessTest {

    /** Tiny on purpose: five clues at once, then one every four seconds. */
    private static final int BURST = 5;
    private static final double PER_SECOND = 0.25;
    private static final String NO_CREDENTIALS = "(no credentials)";
    private static final String WRONG_PASSWORD = "operator:wrong";

    @TempDir
    static Path data;
    private static RunningApp app;
    private static RawHttp http;
    private static KeyPair signingKey;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signingKey = generator.generateKeyPair();
        Path publicKey = data.resolve("oidc-public-key.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(signingKey.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        app = RunningApp.start(data,
                "--forewarn.api.intake-rate.per-second=" + PER_SECOND,
                "--forewarn.api.intake-rate.burst=" + BURST,
                // platforms as OIDC clients beside the demo users, so two intake clients can be told apart
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey,
                "--forewarn.channels.call=twilio",
                "--forewarn.twilio.account-sid=" + PrismTwilio.ACCOUNT_SID,
                "--forewarn.twilio.auth-token=" + PrismTwilio.AUTH_TOKEN,
                "--forewarn.twilio.messaging-service-sid=" + PrismTwilio.MESSAGING_SERVICE_SID,
                "--forewarn.twilio.voice-from=+14155550100",
                "--forewarn.twilio.webhook-base-url=https://forewarn.example.org",
                "--forewarn.twilio.api-base-url=http://127.0.0.1:" + AppClient.freePort());
        http = new RawHttp(app.base());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyEndpointAnswersEveryRoleAsDesignSays() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : Endpoints.ALL) {
            Map<String, String> callers = new LinkedHashMap<>();
            callers.put(NO_CREDENTIALS, null);
            callers.put(WRONG_PASSWORD, RawHttp.basic(WRONG_PASSWORD));
            Endpoints.USERS.forEach(user -> callers.put(user, RawHttp.basic(user)));
            callers.forEach((caller, authorization) -> {
                String expected = expected(endpoint, caller);
                Answer answer = call(endpoint, authorization);
                String got = answer.status() == 401 || answer.status() == 403 ? String.valueOf(answer.status())
                        : "allowed";
                if (!got.equals(expected)) {
                    wrong.add(endpoint + " as " + caller + ": expected " + expected + ", got " + answer.status()
                            + " " + answer.body());
                } else if (!got.equals("allowed") && BadInputTest.problemFault(answer, true) != null) {
                    wrong.add(endpoint + " as " + caller + ": " + BadInputTest.problemFault(answer, true));
                }
            });
        }
        assertThat(wrong).as("answers that differ from DESIGN.md's table").isEmpty();
    }

    /**
     * The table of DESIGN.md, read from {@link Endpoints}: a wrong password is refused everywhere,
     * even where no credentials are needed.
     */
    private static String expected(Endpoint endpoint, String caller) {
        if (caller.equals(WRONG_PASSWORD)) {
            return "401";
        }
        if (endpoint.isPublic()) {
            return "allowed";
        }
        if (endpoint.isSigned()) {
            return "403"; // no X-Twilio-Signature: whoever the caller is
        }
        if (caller.equals(NO_CREDENTIALS)) {
            return "401";
        }
        return endpoint.allowed().contains(caller) ? "allowed" : "403";
    }

    /** The endpoint with a well-formed body aimed at ids that do not exist, so that nothing changes. */
    private static Answer call(Endpoint endpoint, String authorization) {
        if (endpoint.path().equals(Endpoints.STREAM)) {
            return http.openStream(endpoint.path(), authorization);
        }
        String path = endpoint.path().replace("{caseId}", "case-none").replace("{personId}", "p-none")
                .replace("{suspectId}", "s-" + "0".repeat(32)).replace("{id}", "none");
        String body = switch (endpoint.body()) {
            case NONE -> "";
            case FORM -> endpoint.valid();
            // a clue whose fields are all missing: refused after the gates, so the matrix writes nothing
            case JSON -> endpoint.path().equals("/api/v1/clues") ? "{}" : endpoint.valid().replace("%s", "x");
        };
        return http.send(endpoint.method(), path, authorization, endpoint.body() == Body.FORM
                        ? "application/x-www-form-urlencoded" : endpoint.body() == Body.JSON ? "application/json" : null,
                Map.of(), body.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * The OpenAPI document lists exactly the endpoints of {@link Endpoints#ALL} under {@code /api}
     * and {@code /webhooks}, each with the roles this matrix proves ({@code x-roles}) and its refusals
     * as problem documents; it and Swagger UI are for signed-in users only.
     */
    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithTheRolesThatMayCallIt() {
        Answer document = http.send("GET", "/v3/api-docs", RawHttp.basic("auditor"), null, Map.of(), new byte[0], false);
        assertThat(document.status()).isEqualTo(200);
        assertThat(http.send("GET", "/v3/api-docs", null, null, Map.of(), new byte[0], false).status()).isEqualTo(401);
        Answer ui = http.send("GET", "/swagger-ui/index.html", RawHttp.basic("operator"), null, Map.of(), new byte[0],
                false);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.contentType()).startsWith("text/html");

        com.fasterxml.jackson.databind.JsonNode paths = Json.parse(document.body()).path("paths");
        Map<String, com.fasterxml.jackson.databind.JsonNode> documented = new java.util.TreeMap<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                documented.put(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + anyVariable(path.getKey()),
                        op.getValue())));
        Map<String, Endpoint> served = new java.util.TreeMap<>();
        Endpoints.ALL.stream().filter(e -> e.path().startsWith("/api/") || e.path().startsWith("/webhooks/"))
                .forEach(e -> served.put(e.method() + " " + anyVariable(e.path()), e));

        assertThat(documented.keySet()).as("operations of the document").isEqualTo(served.keySet());
        List<String> wrong = new ArrayList<>();
        served.forEach((call, endpoint) -> {
            com.fasterxml.jackson.databind.JsonNode operation = documented.get(call);
            List<String> roles = new ArrayList<>();
            operation.path("x-roles").forEach(r -> roles.add(r.asText()));
            java.util.Set<String> expected = new java.util.TreeSet<>();
            endpoint.allowed().forEach(user -> expected.add(endpoint.isSigned() ? "TWILIO_SIGNATURE"
                    : user.replaceAll("[0-9]", "").toUpperCase(java.util.Locale.ROOT)));
            if (!new java.util.TreeSet<>(roles).equals(expected)) {
                wrong.add(call + ": x-roles " + roles + ", allowed " + expected);
            }
            for (String status : endpoint.isSigned() ? List.of("403") : List.of("401", "403")) {
                if (!operation.path("responses").path(status).path("content").has("application/problem+json")) {
                    wrong.add(call + ": no " + status + " problem document");
                }
            }
            if (call.contains("{}") && !operation.path("responses").has("404")) {
                wrong.add(call + ": no 404");
            }
        });
        assertThat(wrong).isEmpty();
    }

    private static String anyVariable(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }

    @Test
    void anIntakeClientOverItsRateGets429WithRetryAfterAndNothingIsTakenInWhileAnotherGoesOn() throws Exception {
        String platformA = bearer("platform-a");
        String platformB = bearer("platform-b");
        for (int i = 1; i <= BURST; i++) {
            assertThat(postClue(platformA, "rate-a-" + i, "+861880000000" + i).status()).isEqualTo(202);
        }

        Answer refused = postClue(platformA, "rate-a-6", "+8618800000006");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Json.parse(refused.body()).path("status").asInt()).isEqualTo(429);
        assertThat(Json.parse(refused.body()).path("title").asText()).isEqualTo("Too Many Requests");
        assertThat(Integer.parseInt(refused.headers().get("Retry-After").get(0))).isBetween(1, 4);
        assertThat(eventsTakingIn("rate-a-6")).as("a refused clue is not taken in").isZero();
        assertThat(postClue(platformB, "rate-b-1", "+8618800000011").status())
                .as("another client is not slowed").isEqualTo(202);

        Answer later = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> postClue(platformA, "rate-a-6", "+8618800000006"), a -> a.status() != 429);
        assertThat(later.status()).as("taken in as new: the refusal had stored nothing").isEqualTo(202);
        assertThat(eventsTakingIn("rate-a-6")).isEqualTo(1);
    }

    private static Answer postClue(String authorization, String clueId, String victim) {
        return http.send("POST", "/api/v1/clues", authorization, "application/json", Map.of(),
                Json.clue(clueId, victim, "LOW").getBytes(StandardCharsets.UTF_8), false);
    }

    private static int eventsTakingIn(String clueId) throws Exception {
        try (Connection db = app.bean(DataSource.class).getConnection();
             PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM DomainEventEntry "
                     + "WHERE (payloadType LIKE '%.CaseOpened' OR payloadType LIKE '%.ClueMerged') "
                     + "AND payload LIKE ?")) {
            query.setString(1, "%\"" + clueId + "\"%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static String bearer(String subject) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .subject(subject).claim("roles", List.of("INTAKE")).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) signingKey.getPrivate()));
        return "Bearer " + jwt.serialize();
    }
}

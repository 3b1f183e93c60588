package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.forewarn.adapters.eventstore.TestDatabases;
import org.forewarn.bpmn.InProcessZeebe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production profile, configured to reach its counterparts as it would in a deployment:
 * PostgreSQL by JDBC URL, a MongoDB-wire server by connection string, an external Zeebe gateway
 * by address, and an OIDC provider's signing key for bearer tokens. Nothing is embedded.
 */
class ClusterProfileTest {

    @TempDir
    Path dir;
    private String schema;
    private InProcessZeebe zeebe;
    private MongoServer mongo;
    private TestTokens tokens;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        schema = TestDatabases.createPostgresSchema();
        zeebe = InProcessZeebe.start(0);
        mongo = new MongoServer(new H2Backend(dir.resolve("mongo.mv").toString()));
        mongo.bind("127.0.0.1", 0);
        tokens = TestTokens.create(dir);
        byte[] personKey = new byte[32];
        new java.security.SecureRandom().nextBytes(personKey);

        app = RunningApp.start(dir,
                "--spring.profiles.active=cluster",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + TestDatabases.postgresUrl(schema),
                "--spring.datasource.username=" + TestDatabases.POSTGRES_USER,
                "--spring.datasource.password=",
                "--forewarn.mongo.uri=mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort(),
                "--camunda.client.grpc-address=" + zeebe.grpcAddress(),
                "--camunda.client.rest-address=" + zeebe.grpcAddress(),
                "--forewarn.person-id-key=" + Base64.getEncoder().encodeToString(personKey),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + tokens.publicKey());
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        zeebe.close();
        mongo.shutdownNow();
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void clueWithAnIntakeTokenIsWarnedAndAnOperatorTokenReadsItsHistory() {
        HttpResponse<String> posted = app.postAs("/api/v1/clues", bearer("zj-platform", "INTAKE"),
                Json.clue("zj-cluster-1", "13600136001", "HIGH"));
        assertThat(posted.statusCode()).isEqualTo(202);
        String caseId = Json.parse(posted.body()).path("caseId").asText();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> history = app.getAs("/api/v1/cases/" + caseId + "/history",
                    bearer("op-1", "OPERATOR"));
            assertThat(history.statusCode()).isEqualTo(200);
            JsonNode events = Json.parse(history.body());
            assertThat(StreamSupport.stream(events.spliterator(), false).map(e -> e.path("type").asText()))
                    .containsExactly("CaseOpened", "RungStarted", "WarningSmsSent");
            assertThat(events.get(0).path("actor").asText()).isEqualTo("zj-platform");
        });
        // a processor stopped by an error takes liveness down here too (EventProcessorsHealth)
        assertThat(app.livenessComponents()).containsExactlyInAnyOrder("livenessState", "eventProcessors");
        var processors = app.bean("eventProcessors", EventProcessorsHealth.class).health();
        assertThat(processors.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
        assertThat(processors.getDetails()).containsKeys("zeebe-bridge", "case-projection", "personal-data-keys");
    }

    @Test
    void tokensAreCheckedForSignatureExpiryAndRole() throws Exception {
        String clue = Json.clue("zj-cluster-2", "13600136002", "LOW");
        assertThat(app.postAs("/api/v1/clues", null, clue).statusCode()).isEqualTo(401);
        assertThat(app.postAs("/api/v1/clues", "Basic aW50YWtlOmRlbW8=", clue).statusCode()).isEqualTo(401);
        assertThat(app.postAs("/api/v1/clues", bearer("op-1", "OPERATOR"), clue).statusCode()).isEqualTo(403);

        KeyPair stranger = TestTokens.rsaKeyPair();
        assertThat(app.postAs("/api/v1/clues", "Bearer " + token(stranger, "zj", List.of("INTAKE"),
                Instant.now().plusSeconds(300)), clue).statusCode()).isEqualTo(401);
        assertThat(app.postAs("/api/v1/clues", "Bearer " + token(tokens.keyPair(), "zj", List.of("INTAKE"),
                Instant.now().minusSeconds(300)), clue).statusCode()).isEqualTo(401);
        HttpResponse<String> refused = app.getAs("/api/v1/cases/case-x", bearer("zj", "INTAKE"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theConsoleRefusesClearlyWhereThereIsNoUserStoreToSignPeopleIn() {
        for (String path : new String[] {"/console", "/console/login", "/console/cases/case-x"}) {
            HttpResponse<String> refused = app.getAs(path, bearer("op-1", "OPERATOR"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("The console needs a user store", "OIDC");
        }
    }

    private String bearer(String subject, String role) {
        return tokens.bearer(subject, role);
    }

    private static String token(KeyPair key, String subject, List<String> roles, Instant expiry) {
        return TestTokens.token(key, subject, roles, expiry);
    }
}

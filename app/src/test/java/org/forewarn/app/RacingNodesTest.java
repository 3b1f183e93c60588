package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.forewarn.adapters.eventstore.TestDatabases;
import org.forewarn.bpmn.InProcessZeebe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two application nodes of the production profile on loopback, sharing what production nodes
 * share: one PostgreSQL schema (event store, tokens, keys), one MongoDB-wire server (read models,
 * outbox), one Zeebe gateway and one person-id key. One node runs in the test's JVM, the other in
 * a JVM of its own (the event processors tell nodes apart by their process, so two nodes in one
 * JVM would not be two nodes to them). The same person's clues reach both at the same moment.
 */
class RacingNodesTest {

    private static final int PERSONS = 4;

    @TempDir
    Path dir;
    private String schema;
    private InProcessZeebe zeebe;
    private MongoServer mongo;
    private TestTokens tokens;
    private RunningApp node1;
    private ChildApp node2;

    @BeforeEach
    void start() throws Exception {
        schema = TestDatabases.createPostgresSchema();
        zeebe = InProcessZeebe.start(0);
        mongo = new MongoServer(new H2Backend(dir.resolve("mongo.mv").toString()));
        mongo.bind("127.0.0.1", 0);
        tokens = TestTokens.create(dir);
        byte[] personKey = new byte[32];
        new java.security.SecureRandom().nextBytes(personKey);
        String[] cluster = {
                "--spring.profiles.active=cluster",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + TestDatabases.postgresUrl(schema),
                "--spring.datasource.username=" + TestDatabases.POSTGRES_USER,
                "--spring.datasource.password=",
                "--forewarn.mongo.uri=mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort(),
                "--camunda.client.grpc-address=" + zeebe.grpcAddress(),
                "--camunda.client.rest-address=" + zeebe.grpcAddress(),
                "--forewarn.person-id-key=" + Base64.getEncoder().encodeToString(personKey),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + tokens.publicKey()};
        // the first start creates the schema; the second node then finds it
        node1 = RunningApp.start(dir.resolve("node1"), cluster);
        node2 = ChildApp.start(dir.resolve("node2"), cluster);
    }

    @AfterEach
    void stop() {
        if (node2 != null) {
            node2.close();
        }
        if (node1 != null) {
            node1.close();
        }
        zeebe.close();
        mongo.shutdownNow();
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void theSamePersonsCluesOnTwoNodesAtOnceOpenOneCaseAndSendOneWarning() throws Exception {
        record Post(AppClient node, String clueId, String number) {
        }
        List<Post> posts = new ArrayList<>();
        for (int p = 1; p <= PERSONS; p++) {
            String number = "1360013610" + p;
            // the platform's retry of one clue lands on both nodes, twice each
            for (AppClient node : List.of(node1, node2, node1, node2)) {
                posts.add(new Post(node, "zj-race-" + p + "-a", number));
            }
            // and a second and third detection of the same person, one on each node
            posts.add(new Post(node1, "zj-race-" + p + "-b", number));
            posts.add(new Post(node2, "zj-race-" + p + "-c", number));
        }

        String intake = tokens.bearer("zj-platform", "INTAKE");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(posts.size());
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (Post post : posts) {
                String body = Json.clue(post.clueId(), post.number(), "HIGH");
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitSignal(go);
                    return post.node().postAs("/api/v1/clues", intake, body);
                }, senders));
            }
            go.countDown();

            Map<String, String> caseOfPerson = new HashMap<>();
            Map<String, Set<String>> statusesOfClue = new HashMap<>();
            for (int i = 0; i < posts.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get();
                Post post = posts.get(i);
                assertThat(answer.statusCode()).as(post + ": " + answer.body()).isIn(200, 202);
                String caseId = Json.parse(answer.body()).path("caseId").asText();
                assertThat(caseOfPerson.computeIfAbsent(post.number(), n -> caseId)).as("one case per person")
                        .isEqualTo(caseId);
                statusesOfClue.computeIfAbsent(post.clueId(), c -> new HashSet<>())
                        .add(Json.parse(answer.body()).path("status").asText());
            }
            assertThat(statusesOfClue).allSatisfy((clue, statuses) ->
                    assertThat(statuses).as("every answer to one clue is the same").hasSize(1));
            for (int p = 1; p <= PERSONS; p++) {
                String person = "zj-race-" + p + "-";
                assertThat(statusesOfClue.entrySet().stream().filter(e -> e.getKey().startsWith(person))
                        .filter(e -> e.getValue().contains("OPENED")).count())
                        .as("one of the person's clues opened the case, the others joined it").isEqualTo(1);
            }

            MongoDatabase readModels = node1.bean(MongoDatabase.class);
            for (String caseId : caseOfPerson.values()) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(types(caseId)).containsExactlyInAnyOrder(
                                "CaseOpened", "ClueMerged", "ClueMerged", "RungStarted", "WarningSmsSent"));
            }
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                for (String caseId : caseOfPerson.values()) {
                    assertThat(types(caseId).stream().filter("WarningSmsSent"::equals).count()).isEqualTo(1);
                    assertThat(readModels.getCollection("outbox").countDocuments(new Document("caseId", caseId)))
                            .as("one message in the outbox for " + caseId).isEqualTo(1);
                }
            });
            try (MongoClient direct = MongoClients.create("mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort())) {
                var cases = direct.getDatabase("forewarn").getCollection("cases");
                assertThat(cases.countDocuments()).isEqualTo(PERSONS);
                assertThat(cases.countDocuments(new Document("status", "OPEN"))).isEqualTo(PERSONS);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private List<String> types(String caseId) {
        HttpResponse<String> answer = node2.getAs("/api/v1/cases/" + caseId + "/history",
                tokens.bearer("op-1", "OPERATOR"));
        return answer.statusCode() == 200 ? Json.types(Json.parse(answer.body())) : List.of();
    }

    private static void awaitSignal(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.camunda.zeebe.scheduler.ActorControl;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.forewarn.bpmn.InProcessZeebe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded runtime stopped and started again on the same data directory. */
class RestartTest {

    @TempDir
    Path data;

    @Test
    void caseAndHistorySurviveARestartAndTheOldClueStillAnswersWithItsCase() {
        String clue = Json.clue("zj-restart-1", "13900139001", "HIGH");
        String firstAnswer;
        String caseId;
        try (RunningApp before = RunningApp.start(data)) {
            HttpResponse<String> posted = before.post("/api/v1/clues", "intake", clue);
            assertThat(posted.statusCode()).isEqualTo(202);
            firstAnswer = posted.body();
            caseId = Json.parse(firstAnswer).path("caseId").asText();
            awaitTypes(before, caseId, "CaseOpened", "RungStarted", "WarningSmsSent");
        }

        try (RunningApp after = RunningApp.start(data)) {
            HttpResponse<String> view = after.get("/api/v1/cases/" + caseId, "operator");
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(Json.parse(view.body()).path("status").asText()).isEqualTo("OPEN");
            awaitTypes(after, caseId, "CaseOpened", "RungStarted", "WarningSmsSent");

            HttpResponse<String> again = after.post("/api/v1/clues", "intake", clue);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(Json.parse(again.body())).isEqualTo(Json.parse(firstAnswer));

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                assertThat(types(after, caseId)).containsExactly("CaseOpened", "RungStarted", "WarningSmsSent");
                assertThat(outboxFor(after, caseId)).isEqualTo(1);
            });
        }
    }

    @Test
    void openCaseNotYetWarnedWhenTheAppStoppedIsWarnedOnceAfterTheRestart() {
        String caseId;
        try (RunningApp before = RunningApp.start(data, "--forewarn.workers.enabled=false")) {
            caseId = Json.parse(before.post("/api/v1/clues", "intake",
                    Json.clue("zj-restart-2", "13900139002", "HIGH")).body()).path("caseId").asText();
            awaitTypes(before, caseId, "CaseOpened");
            assertThat(outboxFor(before, caseId)).isZero();
        }

        try (RunningApp after = RunningApp.start(data)) {
            awaitTypes(after, caseId, "CaseOpened", "RungStarted", "WarningSmsSent");
            assertThat(outboxFor(after, caseId)).isEqualTo(1);
        }
    }

    /**
     * Killed ({@code kill -9}) in the middle of its ladder, the application forgets every process
     * of its in-memory engine; after the restart the case continues at the rung it was on: no
     * rung is repeated, nothing is sent again, and the next result moves it on.
     */
    @Test
    void aCaseKilledMidLadderContinuesAtItsRungAfterTheRestartWithNothingRepeated() {
        String caseId;
        String visitId;
        java.util.List<String> before;
        try (ChildApp app = ChildApp.start(data)) {
            caseId = Json.parse(app.post("/api/v1/clues", "intake",
                    Json.clue("zj-restart-3", "13900139003", "HIGH")).body()).path("caseId").asText();
            awaitTypes(app, caseId, "CaseOpened", "RungStarted", "WarningSmsSent");
            assertThat(app.post("/api/v1/cases/" + caseId + "/skip", "operator",
                    "{\"rung\":\"HOME_VISIT\",\"reason\":\"家属来电称其正在转账\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(types(app, caseId)).endsWith("RungSkipped", "RungStarted", "HomeVisitRequested"));
            before = types(app, caseId);
            visitId = visitIdOf(app, caseId);
            app.kill();
        }

        try (ChildApp app = ChildApp.start(data)) {
            // recovery re-entered the home-visit rung: same step, same visit, nothing new recorded
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(types(app, caseId)).isEqualTo(before));
            String report = "{\"visitedBy\":\"西湖派出所 民警 032145\",\"visitedAt\":\"" + java.time.Instant.now()
                    + "\",\"result\":\"REFUSED\",\"note\":\"拒绝配合\"}";
            assertThat(app.post("/api/v1/cases/" + caseId + "/home-visits/" + visitId + "/report", "operator", report)
                    .statusCode()).isEqualTo(200);
            // the re-opened process was waiting for that report: it moves on to the countermeasure rung
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(Json.parse(app.get("/api/v1/cases/" + caseId, "operator").body())
                            .path("currentRung").asText()).isEqualTo("COUNTERMEASURE"));
            assertThat(types(app, caseId).stream().filter("WarningSmsSent"::equals).count()).isEqualTo(1);
        }
        try (RunningApp app = RunningApp.start(data, "--forewarn.workers.enabled=false")) {
            assertThat(outboxFor(app, caseId)).isEqualTo(1);
        }
    }

    /**
     * A countermeasure in force must be lifted when its case closes. When the engine forgets the
     * lift (here: the case is resolved while no worker runs, then the app restarts), the recovery
     * re-opens the countermeasure's process and has it lifted, although its case is closed.
     */
    @Test
    void aCountermeasureLeftInForceByAClosedCaseIsLiftedAfterTheRestart() {
        String caseId;
        String cm;
        try (RunningApp app = RunningApp.start(data)) {
            caseId = Json.parse(app.post("/api/v1/clues", "intake",
                    Json.clue("zj-restart-4", "13900139004", "HIGH")).body()).path("caseId").asText();
            awaitTypes(app, caseId, "CaseOpened", "RungStarted", "WarningSmsSent");
            HttpResponse<String> proposed = app.post("/api/v1/cases/" + caseId + "/countermeasures", "operator",
                    "{\"type\":\"CANCEL_FORWARDING\",\"reason\":\"来电被呼转\"}");
            assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
            cm = Json.parse(proposed.body()).path("countermeasureId").asText();
            assertThat(app.post("/api/v1/cases/" + caseId + "/countermeasures/" + cm + "/decision", "supervisor",
                    "{\"approve\":true}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(types(app, caseId)).contains("CountermeasureApplied"));
        }

        try (RunningApp app = RunningApp.start(data, "--forewarn.workers.enabled=false")) {
            assertThat(app.post("/api/v1/cases/" + caseId + "/resolution", "operator", "{\"outcome\":\"PERSUADED\"}")
                    .statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(Json.parse(app.get("/api/v1/cases/" + caseId, "operator").body())
                            .path("status").asText()).isEqualTo("CLOSED"));
            assertThat(types(app, caseId)).contains("CaseResolved").doesNotContain("CountermeasureLifted");
        }

        try (RunningApp app = RunningApp.start(data)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(types(app, caseId)).contains("CountermeasureLifted", "CountermeasureNoticeSent"));
            JsonNode measure = Json.parse(app.get("/api/v1/cases/" + caseId, "operator").body())
                    .path("countermeasures").get(0);
            assertThat(measure.path("countermeasureId").asText()).isEqualTo(cm);
            assertThat(measure.path("status").asText()).isEqualTo("LIFTED");
            // a second recovery finds nothing left to do for the closed case
            JsonNode again = Json.parse(app.post("/api/v1/admin/process-recovery", "supervisor", "").body());
            assertThat(again.path("closedCasesWithCountermeasures").asInt()).isZero();
            assertThat(app.post("/api/v1/admin/process-recovery", "operator", "").statusCode()).isEqualTo(403);
            assertThat(types(app, caseId).stream().filter("CountermeasureLifted"::equals).count()).isEqualTo(1);
        }
    }

    /**
     * SIGTERM while a platform is posting clues: the requests in flight finish (no 5xx), the jobs
     * in hand finish before the command handlers go, the event store stays open until the
     * processors have stopped (H2's own shutdown hook closed it
     * at once, and the graceful shutdown then met "Database is already closed"), and every clue
     * that was accepted has its case after the restart.
     */
    @Test
    void sigtermFinishesTheCluesInFlightAndClosesTheEventStoreAfterTheProcessors() throws Exception {
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        Map<String, String> unexpected = new ConcurrentHashMap<>();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stopPosting = new AtomicBoolean();
        ExecutorService platform = Executors.newFixedThreadPool(4);
        Path log;
        try (ChildApp app = ChildApp.start(data)) {
            log = app.logFile();
            for (int t = 0; t < 4; t++) {
                platform.submit(() -> {
                    while (!stopPosting.get()) {
                        int i = next.incrementAndGet();
                        String clueId = "zj-term-" + i;
                        try {
                            HttpResponse<String> answer = app.post("/api/v1/clues", "intake",
                                    Json.clue(clueId, String.format("1390%07d", i), "HIGH"));
                            answers.put(clueId, answer.statusCode());
                            if (answer.statusCode() != 200 && answer.statusCode() != 202) {
                                unexpected.put(clueId, answer.statusCode() + " " + answer.body());
                            }
                            if (answer.statusCode() == 202) {
                                accepted.add(Json.parse(answer.body()).path("caseId").asText());
                            }
                        } catch (UncheckedIOException goingAway) {
                            // refused or cut: the application is stopping; a platform posts it again later
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 20);
        } finally {
            stopPosting.set(true);
            platform.shutdown();
            assertThat(platform.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(answers.values()).as("answers while stopping; not 2xx: %s", unexpected).allSatisfy(code -> assertThat(code).isIn(200, 202));
        assertThat(Files.readString(log)).doesNotContain("Database is already closed")
                .as("a job in hand at the signal is finished before the command handlers go")
                .doesNotContain("NoHandlerForCommandException");
        try (RunningApp after = RunningApp.start(data, "--forewarn.workers.enabled=false")) {
            assertThat(accepted).allSatisfy(caseId ->
                    assertThat(after.get("/api/v1/cases/" + caseId, "operator").statusCode()).isEqualTo(200));
        }
    }

    /**
     * The in-process engine's stream processor once failed under load (an unsafely published log
     * entry) and stopped every ladder while the gateway and intake went on answering. Its failure
     * now takes liveness and overall health down, clues are still stored meanwhile, and the
     * restart that liveness asks for warns every case the failed engine held, each once.
     */
    @Test
    void aFailedEngineTakesLivenessDownAndTheRestartWarnsTheCasesItHeld() throws Exception {
        String warned;
        String stranded;
        try (RunningApp app = RunningApp.start(data)) {
            assertThat(app.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
            assertThat(app.livenessComponents()).containsExactlyInAnyOrder("livenessState", "zeebeEngine",
                    "eventProcessors");
            warned = Json.parse(app.post("/api/v1/clues", "intake",
                    Json.clue("zj-restart-5", "13900139005", "HIGH")).body()).path("caseId").asText();
            awaitTypes(app, warned, "CaseOpened", "RungStarted", "WarningSmsSent");

            failStreamProcessor(app.bean(InProcessZeebe.class));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(app.get("/actuator/health/liveness", null).statusCode()).isEqualTo(503);
                assertThat(app.get("/actuator/health", null).statusCode()).isEqualTo(503);
            });
            assertThat(app.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
            HttpResponse<String> accepted = app.post("/api/v1/clues", "intake",
                    Json.clue("zj-restart-6", "13900139006", "HIGH"));
            assertThat(accepted.statusCode()).isEqualTo(202);
            stranded = Json.parse(accepted.body()).path("caseId").asText();
            awaitTypes(app, stranded, "CaseOpened");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                    assertThat(types(app, stranded)).containsExactly("CaseOpened"));
        }

        try (RunningApp app = RunningApp.start(data)) {
            assertThat(app.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
            awaitTypes(app, stranded, "CaseOpened", "RungStarted", "WarningSmsSent");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(types(app, warned)).containsExactly("CaseOpened", "RungStarted", "WarningSmsSent"));
            assertThat(outboxFor(app, warned)).isEqualTo(1);
            assertThat(outboxFor(app, stranded)).isEqualTo(1);
        }
    }

    /** Throws inside the engine's stream processor, as the unreadable log entry did. */
    private static void failStreamProcessor(InProcessZeebe zeebe) throws ReflectiveOperationException {
        Object processor = declared(declared(zeebe, "engine"), "streamProcessor");
        ActorControl actor = (ActorControl) declared(processor, "actor");
        actor.run(() -> {
            throw new IllegalStateException("injected by the test: an unreadable log entry");
        });
    }

    private static Object declared(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(name);
    }

    private static String visitIdOf(AppClient app, String caseId) {
        for (JsonNode e : Json.parse(app.get("/api/v1/cases/" + caseId + "/history", "auditor").body())) {
            if (e.path("type").asText().equals("HomeVisitRequested")) {
                return e.path("data").path("visitId").asText();
            }
        }
        throw new AssertionError("no home visit requested");
    }

    private static void awaitTypes(AppClient app, String caseId, String... types) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(types(app, caseId)).containsExactly(types));
    }

    private static java.util.List<String> types(AppClient app, String caseId) {
        HttpResponse<String> answer = app.get("/api/v1/cases/" + caseId + "/history", "auditor");
        return answer.statusCode() == 200 ? Json.types(Json.parse(answer.body())) : java.util.List.of();
    }

    private static long outboxFor(RunningApp app, String caseId) {
        return app.bean(MongoDatabase.class).getCollection("outbox").countDocuments(new Document("caseId", caseId));
    }
}

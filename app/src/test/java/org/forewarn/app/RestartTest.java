package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.bson.Document;
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
            awaitTypes(before, caseId, "CaseOpened", "WarningSmsSent");
        }

        try (RunningApp after = RunningApp.start(data)) {
            HttpResponse<String> view = after.get("/api/v1/cases/" + caseId, "operator");
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(Json.parse(view.body()).path("status").asText()).isEqualTo("OPEN");
            awaitTypes(after, caseId, "CaseOpened", "WarningSmsSent");

            HttpResponse<String> again = after.post("/api/v1/clues", "intake", clue);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(Json.parse(again.body())).isEqualTo(Json.parse(firstAnswer));

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                assertThat(types(after, caseId)).containsExactly("CaseOpened", "WarningSmsSent");
                assertThat(outboxFor(after, caseId)).isEqualTo(1);
            });
        }
    }

    @Test
    void openCaseNotYetWarnedWhenTheAppStoppedIsWarnedOnceAfterTheRestart() {
        String caseId;
        try (RunningApp before = RunningApp.start(data, "--forewarn.workers.enabled=false")) {
            caseId = Json.parse(before.post("/api/v1/clues", "intake",
                    Json.clue("zj-restart-2", "13900139002", "EXTREME")).body()).path("caseId").asText();
            awaitTypes(before, caseId, "CaseOpened");
            assertThat(outboxFor(before, caseId)).isZero();
        }

        try (RunningApp after = RunningApp.start(data)) {
            awaitTypes(after, caseId, "CaseOpened", "WarningSmsSent");
            assertThat(outboxFor(after, caseId)).isEqualTo(1);
        }
    }

    private static void awaitTypes(RunningApp app, String caseId, String... types) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(types(app, caseId)).containsExactly(types));
    }

    private static java.util.List<String> types(RunningApp app, String caseId) {
        HttpResponse<String> answer = app.get("/api/v1/cases/" + caseId + "/history", "auditor");
        JsonNode history = answer.statusCode() == 200 ? Json.parse(answer.body()) : Json.parse("[]");
        return StreamSupport.stream(history.spliterator(), false).map(e -> e.path("type").asText()).toList();
    }

    private static long outboxFor(RunningApp app, String caseId) {
        return app.bean(MongoDatabase.class).getCollection("outbox").countDocuments(new Document("caseId", caseId));
    }
}

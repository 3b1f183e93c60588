package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.forewarn.bpmn.InProcessZeebe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * The intake journey through the HTTP API of the running application: a platform posts a clue,
 * a case opens, its process sends the 12381 warning SMS, and the case history shows both.
 */
class ClueToWarningJourneyTest {

    /**
     * A phone number as it would appear in text: 7 to 15 digits standing alone (not part of a
     * hex person id or a UUID), with or without '+'.
     */
    private static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z-])\\+?\\d{7,15}(?![0-9A-Za-z])");

    @TempDir
    static Path data;
    private static RunningApp app;
    private static ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start() {
        app = RunningApp.start(data, RunningApp.KEEP_ENGINE_LOG);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        app.close();
    }

    @Test
    void postedClueOpensACaseWhoseHistoryShowsTheWarningSmsSent() {
        HttpResponse<String> posted = app.post("/api/v1/clues", "intake", Json.clue("zj-e2e-1", "13800138001", "HIGH"));

        assertThat(posted.statusCode()).isEqualTo(202);
        JsonNode answer = Json.parse(posted.body());
        assertThat(answer.path("status").asText()).isEqualTo("OPENED");
        assertThat(answer.path("personId").asText()).matches("p-[0-9a-f]{32}");
        String caseId = answer.path("caseId").asText();

        JsonNode history = awaitHistory(caseId, 3);
        assertThat(Json.types(history)).containsExactly("CaseOpened", "RungStarted", "WarningSmsSent");
        assertThat(history.get(1).path("actor").asText()).isEqualTo("system:rung-started");
        assertThat(history.get(1).path("data").path("rung").asText()).isEqualTo("WARNING_SMS");
        assertThat(history.get(0).path("actor").asText()).isEqualTo("intake");
        assertThat(history.get(0).path("occurredAt").asText()).isNotBlank();
        assertThat(history.get(0).path("data").path("clue").path("victimNumber").asText()).isEqualTo("+86138****8001");
        assertThat(history.get(2).path("actor").asText()).isEqualTo("system:send-warning-sms");
        assertThat(history.get(2).path("data").path("messageId").asText()).startsWith("outbox-");
        assertThat(history.get(2).path("seq").asLong()).isGreaterThan(history.get(1).path("seq").asLong());

        Document sms = outbox().find(new Document("caseId", caseId)).first();
        assertThat(sms).isNotNull();
        assertThat(sms.getString("to")).isEqualTo("+8613800138001");
        assertThat(sms.getString("text")).contains("冒充电商物流客服");
    }

    @Test
    void sameClueTwiceReturnsTheSameCaseAndAppendsNothing() {
        String body = Json.clue("zj-e2e-dup", "13800138002", "HIGH");
        HttpResponse<String> first = app.post("/api/v1/clues", "intake", body);
        String caseId = Json.parse(first.body()).path("caseId").asText();
        awaitHistory(caseId, 2);

        HttpResponse<String> again = app.post("/api/v1/clues", "intake", body);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.parse(again.body())).isEqualTo(Json.parse(first.body()));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(Json.types(history(caseId))).containsExactly("CaseOpened", "RungStarted", "WarningSmsSent"));
        assertThat(outbox().countDocuments(new Document("caseId", caseId))).isEqualTo(1);
    }

    @Test
    void secondClueForThePersonJoinsTheOpenCaseAndRaisesItsRisk() {
        String caseId = Json.parse(app.post("/api/v1/clues", "intake",
                Json.clue("zj-e2e-m1", "13800138003", "MEDIUM")).body()).path("caseId").asText();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Json.types(history(caseId))).contains("WarningSmsSent"));

        HttpResponse<String> merged = app.post("/api/v1/clues", "intake",
                Json.clue("zj-e2e-m2", "+86 138 0013 8003", "EXTREME"));

        assertThat(merged.statusCode()).isEqualTo(202);
        assertThat(Json.parse(merged.body()).path("status").asText()).isEqualTo("MERGED");
        assertThat(Json.parse(merged.body()).path("caseId").asText()).isEqualTo(caseId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode view = Json.parse(app.get("/api/v1/cases/" + caseId, "operator").body());
            assertThat(view.path("riskLevel").asText()).isEqualTo("EXTREME");
            assertThat(Json.types(history(caseId))).contains("CaseOpened", "ClueMerged", "WarningSmsSent");
            // the raised risk made the ladder jump ahead to the emergency branch
            assertThat(view.path("currentRung").asText()).isEqualTo("EMERGENCY");
        });
        // the emergency branch's SMS step sends nothing: the person has the 12381 SMS already
        Document sms = new Document("caseId", caseId).append("kind", "WARNING_SMS");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                outbox().distinct("_id", sms, String.class).into(new java.util.ArrayList<>()))
                .containsExactly(caseId + ":warning_sms"));
        assertThat(Json.types(history(caseId)).stream().filter("WarningSmsSent"::equals).count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad JSON                 | {"clueId": "x",                                                | body
            missing field            | {"clueId":"zj-bad-1","category":"PRIZE_SCAM","riskLevel":"LOW","detectedAt":"2026-11-22T08:00:00+08:00","channel":"SMS","source":"s"} | victimNumber
            non-E.164 number         | {"clueId":"zj-bad-2","victimNumber":"call me","category":"PRIZE_SCAM","riskLevel":"LOW","detectedAt":"2026-11-22T08:00:00+08:00","channel":"SMS","source":"s"} | victimNumber
            look-alike digits        | {"clueId":"zj-bad-3","victimNumber":"１３８００１３８０００","category":"PRIZE_SCAM","riskLevel":"LOW","detectedAt":"2026-11-22T08:00:00+08:00","channel":"SMS","source":"s"} | victimNumber
            unknown category         | {"clueId":"zj-bad-4","victimNumber":"13800138000","category":"ALIEN_ABDUCTION","riskLevel":"LOW","detectedAt":"2026-11-22T08:00:00+08:00","channel":"SMS","source":"s"} | category
            unknown risk level       | {"clueId":"zj-bad-5","victimNumber":"13800138000","category":"PRIZE_SCAM","riskLevel":"CRITICAL","detectedAt":"2026-11-22T08:00:00+08:00","channel":"SMS","source":"s"} | riskLevel
            date without offset      | {"clueId":"zj-bad-6","victimNumber":"13800138000","category":"PRIZE_SCAM","riskLevel":"LOW","detectedAt":"2026-11-22T08:00:00","channel":"SMS","source":"s"} | detectedAt
            date far in the future   | {"clueId":"zj-bad-7","victimNumber":"13800138000","category":"PRIZE_SCAM","riskLevel":"LOW","detectedAt":"2099-01-01T00:00:00+08:00","channel":"SMS","source":"s"} | detectedAt
            bad clue id              | {"clueId":"zj bad/8","victimNumber":"13800138000","category":"PRIZE_SCAM","riskLevel":"LOW","detectedAt":"2026-11-22T08:00:00+08:00","channel":"SMS","source":"s"} | clueId
            object instead of string | {"clueId":"zj-bad-9","victimNumber":{"n":1},"category":"PRIZE_SCAM","riskLevel":"LOW","detectedAt":"2026-11-22T08:00:00+08:00","channel":"SMS","source":"s"} | victimNumber
            array body               | []                                                             | body
            """)
    void malformedClueGetsAProblemNamingTheFieldAndOpensNoCase(String what, String body, String field) {
        long casesBefore = cases();
        HttpResponse<String> answer = app.post("/api/v1/clues", "intake", body);

        assertThat(answer.statusCode()).as(what).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Json.parse(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").findValuesAsText("field")).as(what).contains(field);
        assertThat(cases()).isEqualTo(casesBefore);
    }

    @Test
    void bodyOverSixtyFourKibibytesIsRefusedWith413() {
        String huge = Json.clue("zj-huge", "13800138000", "LOW").replace("zj-platform", "x".repeat(70 * 1024));
        long casesBefore = cases();

        HttpResponse<String> answer = app.post("/api/v1/clues", "intake", huge);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.parse(answer.body()).path("detail").asText()).contains("64 KiB");
        assertThat(cases()).isEqualTo(casesBefore);
    }

    @Test
    void chunkedBodyRunningPastSixtyFourKibibytesIsRefusedWith413() {
        String huge = Json.clue("zj-huge-chunked", "13800138000", "LOW").replace("zj-platform", "x".repeat(70 * 1024));
        long casesBefore = cases();

        HttpResponse<String> answer = app.postChunked("/api/v1/clues", "intake", huge);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.parse(answer.body()).path("detail").asText()).contains("64 KiB");
        assertThat(cases()).isEqualTo(casesBefore);
    }

    @Test
    void intakeMayPostCluesButNotReadCases() {
        String caseId = Json.parse(app.post("/api/v1/clues", "intake",
                Json.clue("zj-e2e-roles", "13800138004", "LOW")).body()).path("caseId").asText();

        assertProblem(app.get("/api/v1/cases/" + caseId, "intake"), 403);
        assertProblem(app.get("/api/v1/cases/" + caseId + "/history", "intake"), 403);
    }

    @Test
    void operatorMayReadCasesButNotPostClues() {
        assertProblem(app.post("/api/v1/clues", "operator", Json.clue("zj-e2e-op", "13800138005", "LOW")), 403);
        assertProblem(app.post("/api/v1/clues", "supervisor", Json.clue("zj-e2e-su", "13800138005", "LOW")), 403);
        assertProblem(app.post("/api/v1/clues", "auditor", Json.clue("zj-e2e-au", "13800138005", "LOW")), 403);
        assertProblem(app.get("/api/v1/cases/case-none", "operator"), 404);
        assertProblem(app.get("/api/v1/cases/case-none/history", "auditor"), 404);
        assertProblem(app.get("/api/v1/cases/case-none", "supervisor"), 404);
    }

    @Test
    void missingOrWrongCredentialsGet401() {
        assertProblem(app.post("/api/v1/clues", null, Json.clue("zj-e2e-anon", "13800138006", "LOW")), 401);
        assertProblem(app.get("/api/v1/cases/case-none", null), 401);
        assertProblem(app.post("/api/v1/clues", "intake:wrong", Json.clue("zj-e2e-pw", "13800138006", "LOW")), 401);
        assertProblem(app.get("/api/v1/cases/case-none", "nobody:demo"), 401);
    }

    @Test
    void noPhoneNumberReachesZeebeVariablesOrTheLog() {
        String caseId = Json.parse(app.post("/api/v1/clues", "intake",
                Json.clue("zj-e2e-pii", "13800138007", "EXTREME")).body()).path("caseId").asText();
        awaitHistory(caseId, 2);

        InProcessZeebe zeebe = app.bean(EmbeddedRuntime.ZEEBE_BEAN, InProcessZeebe.class);
        List<String> variables = StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.VARIABLE)
                .map(r -> ((VariableRecordValue) r.getValue()).getName() + "="
                        + ((VariableRecordValue) r.getValue()).getValue())
                .toList();
        assertThat(variables).isNotEmpty().anySatisfy(v -> assertThat(v).contains(caseId));
        assertThat(variables).noneMatch(v -> PHONE.matcher(v).find() || v.contains("13800138007"));

        List<String> lines = logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList();
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains("13800138007") || line.contains("8613800138"));
    }

    private static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.parse(answer.body()).path("status").asInt()).isEqualTo(status);
    }

    private static JsonNode awaitHistory(String caseId, int events) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> history(caseId), h -> h.size() >= events);
    }

    private static JsonNode history(String caseId) {
        HttpResponse<String> answer = app.get("/api/v1/cases/" + caseId + "/history", "operator");
        return answer.statusCode() == 200 ? Json.parse(answer.body()) : Json.parse("[]");
    }

    private static com.mongodb.client.MongoCollection<Document> outbox() {
        return app.bean(MongoDatabase.class).getCollection("outbox");
    }

    private static long cases() {
        return app.bean(MongoDatabase.class).getCollection("cases").countDocuments();
    }
}

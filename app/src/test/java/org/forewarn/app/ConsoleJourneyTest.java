package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.forewarn.domain.FraudCategory;
import org.forewarn.workflows.warning.WarningTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The shift console's API through the running application: the work queue in its order with its
 * filters, the live queue's events, claims by one operator at a time that lapse unless worked,
 * release with a handover note, the shift handover, a supervisor's reassignment, notes, and the
 * reveal of the number recorded in the history — each refused on a closed case, each once under
 * retry. A second operator signs in with an OIDC token, as in production.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleJourneyTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger();
    /** Short, so a lapse is seen within a test; long enough for a claim and the next request. */
    private static final Duration CLAIM_TTL = Duration.ofSeconds(8);

    @TempDir
    static Path data;
    private static RunningApp app;
    private static TestTokens tokens;
    private static String operator2;

    @BeforeAll
    static void start() {
        tokens = TestTokens.create(data.resolve("oidc"));
        app = RunningApp.start(data,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + tokens.publicKey(),
                "--forewarn.console.claim-ttl=" + CLAIM_TTL,
                "--forewarn.console.changes.poll-interval=PT0.2S");
        operator2 = tokens.bearer("operator2", "OPERATOR");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    // ---- the queue -------------------------------------------------------------------------

    @Test
    void theQueueListsOpenCasesByRiskWithTheirRungAndDeadline() {
        String low = openCase("LOW", "PRIZE_SCAM");
        String extreme = openCase("EXTREME", "PRIZE_SCAM");
        String high = openCase("HIGH", "PRIZE_SCAM");

        JsonNode page = await().atMost(Duration.ofSeconds(20)).until(() -> queue("category=PRIZE_SCAM", "operator"),
                q -> q.path("total").asInt() == 3 && q.path("items").get(0).path("rung").isTextual());

        assertThat(ids(page)).containsExactly(extreme, high, low);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(50);
        JsonNode first = page.path("items").get(0);
        assertThat(first.path("riskLevel").asText()).isEqualTo("EXTREME");
        assertThat(first.path("category").asText()).isEqualTo("PRIZE_SCAM");
        assertThat(first.path("maskedNumber").asText()).matches("\\+86136\\*\\*\\*\\*\\d{4}");
        assertThat(first.path("personId").asText()).startsWith("p-");
        assertThat(Instant.parse(first.path("rungDeadline").asText())).isAfter(Instant.now().minusSeconds(60));
        assertThat(first.path("overdue").asBoolean()).isFalse();
        assertThat(first.path("stalledSince").isNull()).isTrue();
        assertThat(first.path("claim").isNull()).isTrue();
        assertThat(first.path("handoverNote").isNull()).isTrue();
        assertThat(first.has("openedAt")).isTrue();
        assertThat(ids(queue("category=PRIZE_SCAM&risk=HIGH&size=10", "supervisor"))).containsExactly(high);
        assertThat(ids(queue("category=PRIZE_SCAM&overdue=true", "operator"))).isEmpty();
        assertThat(ids(queue("category=PRIZE_SCAM&stalled=true", "operator"))).isEmpty();
        assertThat(ids(queue("category=PRIZE_SCAM&stalled=false&size=10", "operator"))).hasSize(3);
        assertThat(ids(queue("category=PRIZE_SCAM&page=1&size=2", "operator"))).containsExactly(low);
    }

    @Test
    void unknownFilterValuesAreRefusedEachByNameAndAuditorsDoNotReadTheQueue() {
        HttpResponse<String> bad = app.get(
                "/api/v1/cases?risk=HUGE&overdue=maybe&stalled=often&page=-1&size=1000&colour=red", "operator");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(fields(Json.parse(bad.body()))).containsExactlyInAnyOrder("colour", "risk", "overdue", "stalled",
                "page", "size");
        assertThat(app.get("/api/v1/cases?status=ARCHIVED", "operator").statusCode()).isEqualTo(400);
        assertThat(app.get("/api/v1/cases?rung=JUMP", "operator").statusCode()).isEqualTo(400);
        assertThat(app.get("/api/v1/cases", "auditor").statusCode()).isEqualTo(403);
        assertThat(app.get("/api/v1/cases", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theLiveQueueTellsEachChangedCaseByIdAndNothingPersonal() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app.base() + "/api/v1/cases/stream"))
                .header("Authorization", RawHttp.basic("operator")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        });
        try {
            String victim = victim();
            String caseId = openCase(victim, "MEDIUM", "GAME_TRADING_SCAM");
            String told = "data:{\"caseId\":\"" + caseId + "\"}";
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(told));
            int opened = lines.size();

            assertThat(app.post(path(caseId, "claim"), "operator", "").statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> lines.subList(opened, lines.size()).contains(told));
            assertThat(lines).contains("event:case-changed");
            assertThat(String.join("\n", lines)).doesNotContain(victim.substring(3)).doesNotContain("PersonalText");
        } finally {
            stream.body().close();
            reader.interrupt();
        }
        assertThat(app.get("/api/v1/cases/stream", "auditor").statusCode()).isEqualTo(403);
    }

    // ---- claims ----------------------------------------------------------------------------

    @Test
    void oneOperatorAtATimeAndTheSameClaimRepeatedIsOneEvent() {
        String caseId = openCase("HIGH", "LOAN_SCAM");

        HttpResponse<String> claimed = app.post(path(caseId, "claim"), "operator", "", "claim-1");
        HttpResponse<String> again = app.post(path(caseId, "claim"), "operator", "", "claim-1");
        HttpResponse<String> other = app.postAs(path(caseId, "claim"), operator2, "");

        assertThat(claimed.statusCode()).isEqualTo(200);
        JsonNode claim = Json.parse(claimed.body());
        assertThat(claim.path("caseId").asText()).isEqualTo(caseId);
        assertThat(claim.path("operator").asText()).isEqualTo("operator");
        assertThat(Instant.parse(claim.path("until").asText())).isAfter(Instant.now());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(claimed.body());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(Json.parse(other.body()).path("detail").asText()).contains("is claimed by operator until");
        JsonNode history = awaitHistoryWith(caseId, "CaseClaimed");
        assertThat(count(history, "CaseClaimed")).isEqualTo(1);
        JsonNode item = awaitQueueItem(caseId, i -> i.path("claim").path("operator").asText().equals("operator"));
        assertThat(item.path("claim").path("until").asText()).isEqualTo(claim.path("until").asText());
        assertThat(app.post(path(caseId, "claim"), "supervisor", "").statusCode()).isEqualTo(403);
    }

    @Test
    void aClaimLapsesUnlessWorkedAndThenAnotherOperatorMayTakeIt() {
        String caseId = openCase("HIGH", "LOAN_SCAM");
        assertThat(app.post(path(caseId, "claim"), "operator", "").statusCode()).isEqualTo(200);
        awaitQueueItem(caseId, i -> !i.path("claim").isNull());

        assertThat(app.post(path(caseId, "notes"), "operator", "{\"text\":\"已接通，本人在银行\"}").statusCode())
                .isEqualTo(201);
        assertThat(Json.types(awaitHistoryWith(caseId, "ClaimRenewed"))).containsSubsequence("CaseClaimed",
                "NoteAdded", "ClaimRenewed");

        await().atMost(CLAIM_TTL.multipliedBy(3)).until(() -> queueItem(caseId).path("claim").isNull());
        assertThat(caseView(caseId).path("claim").isNull()).isTrue();
        HttpResponse<String> taken = app.postAs(path(caseId, "claim"), operator2, "");
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(Json.parse(taken.body()).path("operator").asText()).isEqualTo("operator2");
    }

    @Test
    void aReleaseLeavesAHandoverNoteTheNextOperatorReadsFirst() {
        String caseId = openCase("HIGH", "LOAN_SCAM");
        assertThat(app.post(path(caseId, "claim"), "operator", "").statusCode()).isEqualTo(200);
        HttpResponse<String> notHeld = app.postAs(path(caseId, "claim/release"), operator2, "{}");
        assertThat(notHeld.statusCode()).isEqualTo(409);
        HttpResponse<String> misspelt = app.post(path(caseId, "claim/release"), "operator", "{\"note\":\"晚上再打\"}");
        assertThat(misspelt.statusCode()).as("a note under another name is not dropped silently").isEqualTo(400);
        assertThat(fields(Json.parse(misspelt.body()))).containsExactly("note");

        HttpResponse<String> released = app.post(path(caseId, "claim/release"), "operator",
                "{\"handoverNote\":\"老人情绪激动，晚八点家属在家再打\"}", "rel-1");
        HttpResponse<String> again = app.post(path(caseId, "claim/release"), "operator",
                "{\"handoverNote\":\"老人情绪激动，晚八点家属在家再打\"}", "rel-1");

        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(Json.parse(released.body()).path("status").asText()).isEqualTo("RELEASED");
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode item = awaitQueueItem(caseId, i -> i.path("claim").isNull() && !i.path("handoverNote").isNull());
        assertThat(item.path("handoverNote").asText()).isEqualTo("老人情绪激动，晚八点家属在家再打");
        assertThat(item.path("handoverBy").asText()).isEqualTo("operator");
        assertThat(caseView(caseId).path("handoverNote").asText()).isEqualTo("老人情绪激动，晚八点家属在家再打");
        assertThat(count(history(caseId), "ClaimReleased")).isEqualTo(1);
        assertThat(app.postAs(path(caseId, "claim"), operator2, "").statusCode()).isEqualTo(200);
        RawHttp.Answer withoutBody = new RawHttp(app.base()).send("POST", path(caseId, "claim/release"), operator2,
                null, java.util.Map.of(), new byte[0], false);
        assertThat(withoutBody.status()).as("a release needs no body").isEqualTo(200);
        assertThat(caseView(caseId).path("handoverNote").asText()).as("a release without a note keeps the last one")
                .isEqualTo("老人情绪激动，晚八点家属在家再打");
    }

    @Test
    void theShiftHandoverReleasesEveryCaseOfTheOperatorWithTheNoteOnce() {
        String first = openCase("HIGH", "ROMANCE_SCAM");
        String second = openCase("LOW", "ROMANCE_SCAM");
        String others = openCase("LOW", "ROMANCE_SCAM");
        assertThat(app.postAs(path(others, "claim"), operator2, "").statusCode()).isEqualTo(200);
        assertThat(app.post(path(first, "claim"), "operator", "").statusCode()).isEqualTo(200);
        assertThat(app.post(path(second, "claim"), "operator", "").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                queue("category=ROMANCE_SCAM&claimedBy=operator", "operator").path("total").asInt() == 2);

        String note = "{\"note\":\"交班：两位老人已接通，需晚上回访\"}";
        HttpResponse<String> handover = app.post("/api/v1/shift-handover", "operator", note, "shift-1");
        HttpResponse<String> again = app.post("/api/v1/shift-handover", "operator", note, "shift-1");

        assertThat(handover.statusCode()).isEqualTo(200);
        List<String> released = new ArrayList<>();
        Json.parse(handover.body()).path("released").forEach(id -> released.add(id.asText()));
        assertThat(released).contains(first, second).doesNotContain(others);
        assertThat(again.statusCode()).isEqualTo(200);
        List<String> releasedAgain = new ArrayList<>();
        Json.parse(again.body()).path("released").forEach(id -> releasedAgain.add(id.asText()));
        assertThat(releasedAgain).isSubsetOf(released);
        for (String caseId : List.of(first, second)) {
            JsonNode item = awaitQueueItem(caseId, i -> i.path("claim").isNull());
            assertThat(item.path("handoverNote").asText()).isEqualTo("交班：两位老人已接通，需晚上回访");
            assertThat(count(history(caseId), "ClaimReleased")).as("once, though asked twice").isEqualTo(1);
        }
        HttpResponse<String> later = app.post("/api/v1/shift-handover", "operator", note, "shift-1");
        assertThat(Json.parse(later.body()).path("released")).isEmpty();
        assertThat(queueItem(others).path("claim").path("operator").asText()).isEqualTo("operator2");
        assertThat(app.post("/api/v1/shift-handover", "operator", "{}").statusCode()).isEqualTo(400);
        assertThat(app.post("/api/v1/shift-handover", "supervisor", note).statusCode()).isEqualTo(403);
    }

    @Test
    void aSupervisorReassignsACaseWithANoteAndOperatorsCannot() {
        String caseId = openCase("HIGH", "LOAN_SCAM");
        assertThat(app.post(path(caseId, "claim"), "operator", "").statusCode()).isEqualTo(200);
        String body = "{\"operator\":\"operator2\",\"note\":\"请接手，家属已到派出所\"}";

        assertThat(app.post(path(caseId, "assignment"), "operator", body).statusCode()).isEqualTo(403);
        HttpResponse<String> assigned = app.post(path(caseId, "assignment"), "supervisor", body, "as-1");
        HttpResponse<String> again = app.post(path(caseId, "assignment"), "supervisor", body, "as-1");

        assertThat(assigned.statusCode()).isEqualTo(200);
        assertThat(Json.parse(assigned.body()).path("operator").asText()).isEqualTo("operator2");
        assertThat(again.body()).isEqualTo(assigned.body());
        JsonNode item = awaitQueueItem(caseId, i -> i.path("claim").path("operator").asText().equals("operator2"));
        assertThat(item.path("handoverNote").asText()).isEqualTo("请接手，家属已到派出所");
        JsonNode history = awaitHistoryWith(caseId, "CaseAssigned");
        assertThat(count(history, "CaseAssigned")).isEqualTo(1);
        assertThat(entry(history, "CaseAssigned").path("data").path("previousOperator").asText()).isEqualTo("operator");
        assertThat(app.postAs(path(caseId, "claim"), tokens.bearer("operator", "OPERATOR"), "").statusCode())
                .as("the previous claimant cannot take it back").isEqualTo(409);
        HttpResponse<String> bad = app.post(path(caseId, "assignment"), "supervisor", "{\"note\":\"x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(Json.parse(bad.body()))).containsExactly("operator");
    }

    // ---- notes and the number --------------------------------------------------------------

    @Test
    void aNoteIsAddedOnceUnderRetryAndAppearsInTheHistory() {
        String caseId = openCase("MEDIUM", "LOAN_SCAM");
        String body = "{\"text\":\"本人称对方自称公安，已挂断\"}";

        HttpResponse<String> added = app.post(path(caseId, "notes"), "supervisor", body, "note-1");
        HttpResponse<String> again = app.post(path(caseId, "notes"), "supervisor", body, "note-1");

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(Json.parse(again.body()).path("noteId").asText())
                .isEqualTo(Json.parse(added.body()).path("noteId").asText());
        JsonNode history = awaitHistoryWith(caseId, "NoteAdded");
        assertThat(count(history, "NoteAdded")).isEqualTo(1);
        assertThat(entry(history, "NoteAdded").path("data").path("text").asText()).isEqualTo("本人称对方自称公安，已挂断");
        assertThat(entry(history, "NoteAdded").path("actor").asText()).isEqualTo("supervisor");
        HttpResponse<String> tooLong = app.post(path(caseId, "notes"), "operator",
                "{\"text\":\"" + "长".repeat(2001) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(fields(Json.parse(tooLong.body()))).containsExactly("text");
        assertThat(app.post(path(caseId, "notes"), "operator", "{}").statusCode()).isEqualTo(400);
        assertThat(app.post(path(caseId, "notes"), "auditor", body).statusCode()).isEqualTo(403);
        assertThat(app.post(path("case-nope", "notes"), "operator", body).statusCode()).isEqualTo(404);
    }

    @Test
    void theRevealAnswersTheNumberOnceRecordedAndNeverLogsIt(CapturedOutput output) {
        String victim = victim();
        String caseId = openCase(victim, "HIGH", "LOAN_SCAM");

        HttpResponse<String> revealed = app.post(path(caseId, "number-reveal"), "operator", "", "reveal-1");
        HttpResponse<String> again = app.post(path(caseId, "number-reveal"), "operator", "", "reveal-1");

        assertThat(revealed.statusCode()).isEqualTo(200);
        assertThat(Json.parse(revealed.body()).path("number").asText()).isEqualTo("+86" + victim);
        assertThat(revealed.headers().firstValue("Cache-Control")).hasValueSatisfying(
                v -> assertThat(v).contains("no-store"));
        assertThat(again.body()).isEqualTo(revealed.body());
        JsonNode history = awaitHistoryWith(caseId, "NumberRevealed");
        assertThat(count(history, "NumberRevealed")).isEqualTo(1);
        JsonNode entry = entry(history, "NumberRevealed");
        assertThat(entry.path("actor").asText()).isEqualTo("operator");
        assertThat(entry.toString()).doesNotContain(victim.substring(3));
        assertThat(app.post(path(caseId, "number-reveal"), "supervisor", "").statusCode()).isEqualTo(200);
        assertThat(app.post(path(caseId, "number-reveal"), "auditor", "").statusCode()).isEqualTo(403);
        assertThat(app.post(path("case-nope", "number-reveal"), "operator", "").statusCode()).isEqualTo(404);
        assertThat(output.getAll()).doesNotContain(victim.substring(3));
    }

    @Test
    void aClosedCaseTakesNoConsoleCommandAndAnErasedPersonsNumberIsGone() {
        String caseId = openCase("HIGH", "LOAN_SCAM");
        assertThat(app.post(path(caseId, "resolution"), "operator", "{\"outcome\":\"FALSE_ALARM\"}").statusCode())
                .isEqualTo(200);

        for (String[] call : new String[][] {{"claim", ""}, {"number-reveal", ""},
                {"notes", "{\"text\":\"补记\"}"}, {"claim/release", "{}"}}) {
            HttpResponse<String> refused = app.post(path(caseId, call[0]), "operator", call[1]);
            assertThat(refused.statusCode()).as(call[0]).isEqualTo(409);
            assertThat(Json.parse(refused.body()).path("type").asText()).as(call[0]).endsWith("/case-closed");
            assertThat(Json.parse(refused.body()).path("detail").asText()).as(call[0]).contains("is closed");
        }
        HttpResponse<String> assign = app.post(path(caseId, "assignment"), "supervisor",
                "{\"operator\":\"operator2\"}");
        assertThat(assign.statusCode()).isEqualTo(409);

        String personId = caseView(caseId).path("personId").asText();
        assertThat(app.post("/api/v1/persons/" + personId + "/erasure", "supervisor", "{\"reason\":\"本人申请删除\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> gone = app.post(path(caseId, "number-reveal"), "operator", "");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(Json.parse(gone.body()).path("type").asText()).endsWith("/personal-data-erased");
        assertThat(Json.types(history(caseId))).doesNotContain("NumberRevealed");
    }

    // ---- call scripts -----------------------------------------------------------------------

    @Test
    void supervisorsEditTheCallScriptOfACategoryEveryVersionAnEventAndTheShiftReadsIt() throws Exception {
        WarningTemplates configured = app.bean(WarningTemplates.class);
        HttpResponse<String> all = app.get("/api/v1/call-scripts", "operator");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(Json.parse(all.body())).hasSize(FraudCategory.values().length);
        JsonNode before = Json.parse(app.get("/api/v1/call-scripts/SOCIAL_INSURANCE_SCAM", "operator").body());
        assertThat(before.path("version").asInt()).isZero();
        assertThat(before.path("isDefault").asBoolean()).isTrue();
        assertThat(before.path("text").asText())
                .isEqualTo(configured.callScript(FraudCategory.SOCIAL_INSURANCE_SCAM));

        String text = "{\"text\":\"您好，这里是96110反诈中心。医保社保部门不会电话要求转账，请立即挂断。\"}";
        HttpResponse<String> edited = app.put("/api/v1/call-scripts/SOCIAL_INSURANCE_SCAM", "supervisor", text,
                "script-1");
        HttpResponse<String> again = app.put("/api/v1/call-scripts/SOCIAL_INSURANCE_SCAM", "supervisor", text,
                "script-1");

        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(Json.parse(edited.body()).path("version").asInt()).isEqualTo(1);
        assertThat(Json.parse(again.body()).path("version").asInt()).isEqualTo(1);
        JsonNode after = await().atMost(Duration.ofSeconds(10)).until(() -> Json.parse(
                app.get("/api/v1/call-scripts/SOCIAL_INSURANCE_SCAM", "operator").body()),
                s -> s.path("version").asInt() == 1);
        assertThat(after.path("text").asText()).isEqualTo("您好，这里是96110反诈中心。医保社保部门不会电话要求转账，请立即挂断。");
        assertThat(after.path("editedBy").asText()).isEqualTo("supervisor");
        assertThat(after.path("isDefault").asBoolean()).isFalse();
        assertThat(eventsOf("call-script:SOCIAL_INSURANCE_SCAM")).isEqualTo(1);
        HttpResponse<String> second = app.put("/api/v1/call-scripts/SOCIAL_INSURANCE_SCAM", "supervisor2",
                "{\"text\":\"第二版话术\"}");
        assertThat(Json.parse(second.body()).path("version").asInt()).isEqualTo(2);
        assertThat(eventsOf("call-script:SOCIAL_INSURANCE_SCAM")).isEqualTo(2);

        assertThat(app.put("/api/v1/call-scripts/SOCIAL_INSURANCE_SCAM", "operator", text).statusCode()).isEqualTo(403);
        assertThat(app.get("/api/v1/call-scripts", "auditor").statusCode()).isEqualTo(403);
        assertThat(app.get("/api/v1/call-scripts/NO_SUCH_SCAM", "operator").statusCode()).isEqualTo(404);
        HttpResponse<String> empty = app.put("/api/v1/call-scripts/LOAN_SCAM", "supervisor", "{\"text\":\" \"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(fields(Json.parse(empty.body()))).containsExactly("text");
    }

    private static int eventsOf(String aggregateId) throws Exception {
        try (Connection db = app.bean(DataSource.class).getConnection();
             PreparedStatement query = db.prepareStatement(
                     "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?")) {
            query.setString(1, aggregateId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void consoleCommandsOnAnUnknownCaseAreNotFound() {
        assertThat(app.post(path("case-nope", "claim"), "operator", "").statusCode()).isEqualTo(404);
        assertThat(app.post(path("case-nope", "claim/release"), "operator", "{}").statusCode()).isEqualTo(404);
        assertThat(app.post(path("case-nope", "assignment"), "supervisor", "{\"operator\":\"operator\"}")
                .statusCode()).isEqualTo(404);
    }

    // ---- helpers ----

    private static String victim() {
        return String.format("1360014%04d", NUMBERS.incrementAndGet());
    }

    private static String openCase(String risk, String category) {
        return openCase(victim(), risk, category);
    }

    private static String openCase(String victim, String risk, String category) {
        HttpResponse<String> posted = app.post("/api/v1/clues", "intake",
                Json.clue("con-" + victim, victim, risk, "+8617000000001", category));
        assertThat(posted.statusCode()).isEqualTo(202);
        String caseId = Json.parse(posted.body()).path("caseId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.get("/api/v1/cases/" + caseId, "operator").statusCode() == 200);
        return caseId;
    }

    private static JsonNode queue(String query, String user) {
        HttpResponse<String> answer = app.get("/api/v1/cases?" + query, user);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.parse(answer.body());
    }

    private static JsonNode queueItem(String caseId) {
        String category = caseView(caseId).path("category").asText();
        for (JsonNode item : queue("category=" + category + "&size=200", "operator").path("items")) {
            if (item.path("caseId").asText().equals(caseId)) {
                return item;
            }
        }
        throw new AssertionError("case " + caseId + " is not in the queue");
    }

    private static JsonNode awaitQueueItem(String caseId, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> queueItem(caseId), condition::test);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("caseId").asText()));
        return ids;
    }

    private static String path(String caseId, String rest) {
        return "/api/v1/cases/" + caseId + "/" + rest;
    }

    private static JsonNode caseView(String caseId) {
        return Json.parse(app.get("/api/v1/cases/" + caseId, "operator").body());
    }

    private static JsonNode history(String caseId) {
        return Json.parse(app.get("/api/v1/cases/" + caseId + "/history", "auditor").body());
    }

    private static JsonNode awaitHistoryWith(String caseId, String type) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> history(caseId), h -> Json.types(h).contains(type));
    }

    private static long count(JsonNode history, String type) {
        return Json.types(history).stream().filter(type::equals).count();
    }

    private static JsonNode entry(JsonNode history, String type) {
        for (JsonNode e : history) {
            if (e.path("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " in " + history);
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}

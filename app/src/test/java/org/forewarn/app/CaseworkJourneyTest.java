package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CountermeasureNotice;
import org.forewarn.domain.person.api.RecordCountermeasureApplied;
import org.forewarn.domain.person.api.RelativeRegistered;
import org.forewarn.bpmn.InProcessZeebe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shift's commands on a case through the HTTP API of the running application: call outcomes,
 * skipping the ladder ahead, countermeasures with four eyes and their lift on appeal, relatives,
 * home visits, resolution and erasure, each with its roles, its bad input and its retry.
 */
class CaseworkJourneyTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final String VICTIM_ERASED = "13500135999";

    @TempDir
    static Path data;
    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.start(data, RunningApp.KEEP_ENGINE_LOG);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void operatorRecordsACallOutcomeOnceEvenWhenTheRequestIsRetried() {
        String caseId = openCase();
        String body = "{\"outcome\":\"UNREACHABLE\",\"note\":\"关机\"}";

        HttpResponse<String> first = app.post(path(caseId, "call-outcomes"), "operator", body, "retry-1");
        HttpResponse<String> again = app.post(path(caseId, "call-outcomes"), "operator", body, "retry-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(Json.parse(again.body()).path("requestId").asText())
                .isEqualTo(Json.parse(first.body()).path("requestId").asText());
        JsonNode history = awaitHistoryWith(caseId, "OperatorCallRecorded");
        assertThat(count(history, "OperatorCallRecorded")).isEqualTo(1);
        JsonNode entry = entry(history, "OperatorCallRecorded");
        assertThat(entry.path("actor").asText()).isEqualTo("operator");
        assertThat(entry.path("data").path("outcome").asText()).isEqualTo("UNREACHABLE");
        assertThat(entry.path("data").path("note").asText()).isEqualTo("关机");
    }

    @Test
    void callOutcomeWithBadFieldsNamesEachOfThemAndChangesNothing() {
        String caseId = openCase();
        HttpResponse<String> bad = app.post(path(caseId, "call-outcomes"), "operator",
                "{\"outcome\":\"SCARED\",\"lossAmount\":\"12.5\"}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(fields(Json.parse(bad.body()))).containsExactlyInAnyOrder("outcome", "lossAmount");
        HttpResponse<String> lossWithoutAmount = app.post(path(caseId, "call-outcomes"), "operator",
                "{\"outcome\":\"LOSS_OCCURRED\"}");
        assertThat(lossWithoutAmount.statusCode()).isEqualTo(400);
        assertThat(fields(Json.parse(lossWithoutAmount.body()))).containsExactly("lossAmount");
        assertThat(Json.types(history(caseId))).doesNotContain("OperatorCallRecorded");
    }

    @Test
    void onlyOperatorsRecordCallOutcomesAndUnknownCasesAreNotFound() {
        String caseId = openCase();
        assertThat(app.post(path(caseId, "call-outcomes"), "auditor", "{\"outcome\":\"REFUSED\"}").statusCode())
                .isEqualTo(403);
        assertThat(app.post(path(caseId, "call-outcomes"), "intake", "{\"outcome\":\"REFUSED\"}").statusCode())
                .isEqualTo(403);
        assertThat(app.post(path(caseId, "call-outcomes"), null, "{\"outcome\":\"REFUSED\"}").statusCode())
                .isEqualTo(401);
        HttpResponse<String> unknown = app.post(path("case-nope", "call-outcomes"), "operator",
                "{\"outcome\":\"REFUSED\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.parse(unknown.body()).path("detail").asText()).isEqualTo("no case case-nope");
    }

    @Test
    void operatorsAndSupervisorsSkipTheLadderAheadButNeverBackNorOnAClosedCase() {
        String caseId = openCase();
        HttpResponse<String> unknown = app.post(path(caseId, "skip"), "operator", "{\"rung\":\"JUMP\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(fields(Json.parse(unknown.body()))).containsExactlyInAnyOrder("rung", "reason");
        assertThat(Json.parse(unknown.body()).path("detail").asText()).contains("expected one of WARNING_SMS, "
                + "FLASH_WARNING, AUTOMATED_CALL, OPERATOR_CALL, FAMILY_CONTACT, HOME_VISIT, COUNTERMEASURE, EMERGENCY");
        String toCall = "{\"rung\":\"OPERATOR_CALL\",\"reason\":\"短信未读，需人工外呼\"}";
        assertThat(app.post(path(caseId, "skip"), "auditor", toCall).statusCode()).isEqualTo(403);
        assertThat(app.post(path(caseId, "skip"), "intake", toCall).statusCode()).isEqualTo(403);

        HttpResponse<String> skipped = app.post(path(caseId, "skip"), "operator", toCall, "skip-1");
        assertThat(skipped.statusCode()).isEqualTo(200);
        assertThat(Json.parse(skipped.body()).path("rung").asText()).isEqualTo("OPERATOR_CALL");
        assertThat(Json.parse(skipped.body()).path("status").asText()).isEqualTo("SKIPPED");
        assertThat(app.post(path(caseId, "skip"), "operator", toCall, "skip-1").statusCode()).isEqualTo(200);

        HttpResponse<String> back = app.post(path(caseId, "skip"), "operator",
                "{\"rung\":\"FLASH_WARNING\",\"reason\":\"再发一次闪信\"}");
        assertThat(back.statusCode()).isEqualTo(409);
        assertThat(Json.parse(back.body()).path("detail").asText()).isEqualTo("case " + caseId + " is at rung "
                + "OPERATOR_CALL; the ladder only moves ahead, and FLASH_WARNING is not ahead of OPERATOR_CALL");
        assertThat(app.post(path(caseId, "skip"), "supervisor", "{\"rung\":\"HOME_VISIT\",\"reason\":\"独居老人\"}")
                      .statusCode()).isEqualTo(200);

        JsonNode history = await().atMost(Duration.ofSeconds(10)).until(() -> history(caseId),
                h -> count(h, "RungSkipped") == 2);
        JsonNode first = entry(history, "RungSkipped");
        assertThat(first.path("actor").asText()).isEqualTo("operator");
        assertThat(first.path("data").path("toRung").asText()).isEqualTo("OPERATOR_CALL");
        assertThat(first.path("data").path("reason").asText()).isEqualTo("短信未读，需人工外呼");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(caseView(caseId).path("currentRung").asText()).isEqualTo("HOME_VISIT"));

        app.post(path(caseId, "resolution"), "operator", "{\"outcome\":\"PERSUADED\"}");
        HttpResponse<String> closed = app.post(path(caseId, "skip"), "operator",
                "{\"rung\":\"EMERGENCY\",\"reason\":\"x\"}");
        assertThat(closed.statusCode()).isEqualTo(409);
        assertThat(Json.parse(closed.body()).path("type").asText()).endsWith("/case-closed");
    }

    @Test
    void onlySupervisorsRequestTheLiftOfACountermeasureAndOnlyOfOneInForce() {
        String caseId = openCase();
        HttpResponse<String> proposed = app.post(path(caseId, "countermeasures"), "operator",
                "{\"type\":\"CANCEL_FORWARDING\",\"reason\":\"来电被呼转\"}");
        String cm = Json.parse(proposed.body()).path("countermeasureId").asText();
        String lift = path(caseId, "countermeasures/" + cm + "/lift-request");
        String appeal = "{\"reason\":\"APPEAL_UPHELD\",\"note\":\"本人申诉成立\"}";

        assertThat(app.post(lift, "operator", appeal).statusCode()).isEqualTo(403);
        assertThat(app.post(lift, "auditor", appeal).statusCode()).isEqualTo(403);
        HttpResponse<String> expired = app.post(lift, "supervisor", "{\"reason\":\"EXPIRED\"}");
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(Json.parse(expired.body()).path("detail").asText())
                .isEqualTo("reason: must be one of APPEAL_UPHELD, VERIFICATION_PASSED");
        assertThat(app.post(path(caseId, "countermeasures/cm-x/lift-request"), "supervisor", appeal).statusCode())
                .isEqualTo(404);
        HttpResponse<String> notInForce = app.post(lift, "supervisor", appeal);
        assertThat(notInForce.statusCode()).isEqualTo(409);
        assertThat(Json.parse(notInForce.body()).path("detail").asText())
                .isEqualTo("countermeasure " + cm + " is proposed, not in force; there is nothing to lift");

        // in force: approved here, applied as the carrier would record it
        assertThat(app.post(path(caseId, "countermeasures/" + cm + "/decision"), "supervisor", "{\"approve\":true}")
                      .statusCode()).isEqualTo(200);
        app.bean(CommandGateway.class).sendAndWait(new RecordCountermeasureApplied(caseView(caseId).path("personId")
                .asText(), cm, "apply-" + cm, Instant.now(), null,
                CountermeasureNotice.standard(CountermeasureType.CANCEL_FORWARDING, "来电被呼转"), "system:carrier"));
        HttpResponse<String> requested = app.post(lift, "supervisor", appeal, "lift-1");
        assertThat(requested.statusCode()).isEqualTo(200);
        assertThat(Json.parse(requested.body()).path("status").asText()).isEqualTo("LIFT_REQUESTED");
        assertThat(app.post(lift, "supervisor", appeal, "lift-1").statusCode()).isEqualTo(200);
        assertThat(app.post(lift, "supervisor2", "{\"reason\":\"VERIFICATION_PASSED\"}").statusCode())
                .isEqualTo(409);

        JsonNode history = awaitHistoryWith(caseId, "CountermeasureLiftRequested");
        assertThat(count(history, "CountermeasureLiftRequested")).isEqualTo(1);
        assertThat(entry(history, "CountermeasureLiftRequested").path("data").path("note").asText())
                .isEqualTo("本人申诉成立");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(caseView(caseId).path("countermeasures").get(0).path("liftRequest").path("reason").asText())
                        .isEqualTo("APPEAL_UPHELD"));
    }

    @Test
    void intrusiveCountermeasureIsAppliedOnlyAfterTwoSupervisorsOtherThanTheProposerApprove() {
        String caseId = openCase();
        HttpResponse<String> proposed = app.post(path(caseId, "countermeasures"), "operator",
                "{\"type\":\"RESTRICT_TRANSFERS\",\"reason\":\"正在向安全账户转账\"}", "cm-key-1");
        assertThat(proposed.statusCode()).isEqualTo(201);
        String cm = Json.parse(proposed.body()).path("countermeasureId").asText();
        assertThat(proposed.headers().firstValue("Location")).contains(path(caseId, "countermeasures/" + cm));
        assertThat(app.post(path(caseId, "countermeasures"), "operator",
                "{\"type\":\"RESTRICT_TRANSFERS\",\"reason\":\"正在向安全账户转账\"}", "cm-key-1").body())
                .contains(cm);

        String decision = path(caseId, "countermeasures/" + cm + "/decision");
        assertThat(app.post(decision, "operator", "{\"approve\":true}").statusCode()).isEqualTo(403);
        assertThat(app.post(decision, "supervisor", "{\"approve\":true,\"note\":\"同意\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> twice = app.post(decision, "supervisor", "{\"approve\":true}");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(Json.parse(twice.body()).path("detail").asText())
                .isEqualTo("supervisor has already approved countermeasure " + cm + "; a second supervisor must approve");
        assertThat(app.post(decision, "supervisor2", "{\"approve\":true}").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode measure = caseView(caseId).path("countermeasures").get(0);
            // approved by both, then applied through the payment port by the countermeasure process
            assertThat(measure.path("status").asText()).isEqualTo("APPLIED");
            assertThat(measure.path("approvals").asInt()).isEqualTo(2);
            assertThat(measure.path("proposedBy").asText()).isEqualTo("operator");
        });
        HttpResponse<String> afterApproval = app.post(decision, "supervisor2", "{\"approve\":false,\"note\":\"x\"}");
        assertThat(afterApproval.statusCode()).isEqualTo(409);
    }

    @Test
    void countermeasureWithUnknownTypeOrNoReasonIsRefusedAndUnknownOnesAreNotFound() {
        String caseId = openCase();
        HttpResponse<String> bad = app.post(path(caseId, "countermeasures"), "operator",
                "{\"type\":\"BLOCK_EVERYTHING\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(Json.parse(bad.body()))).containsExactlyInAnyOrder("type", "reason");
        HttpResponse<String> unknown = app.post(path(caseId, "countermeasures/cm-x/decision"), "supervisor",
                "{\"approve\":true}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.parse(unknown.body()).path("detail").asText()).isEqualTo("no countermeasure cm-x in case " + caseId);
        assertThat(app.post(path(caseId, "countermeasures/cm-x/decision"), "supervisor", "{\"approve\":\"yes\"}")
                      .statusCode()).isEqualTo(400);
    }

    @Test
    void registeredRelativeIsWarnedBySmsOnceWhenTheLadderReachesTheFamily() {
        String caseId = openCase();
        awaitHistoryWith(caseId, "WarningSmsSent");
        HttpResponse<String> registered = app.post(path(caseId, "relatives"), "operator",
                "{\"relation\":\"SPOUSE\",\"name\":\"陈敏\",\"number\":\"139 0013 9071\",\"consent\":\"WRITTEN\","
                        + "\"consentGivenAt\":\"" + Instant.now().minusSeconds(60) + "\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        String relativeId = Json.parse(registered.body()).path("relativeId").asText();

        assertThat(app.post(path(caseId, "skip"), "operator",
                "{\"rung\":\"FAMILY_CONTACT\",\"reason\":\"老人独居，电话无人接听\"}").statusCode()).isEqualTo(200);

        JsonNode history = awaitHistoryWith(caseId, "FamilyWarningSent");
        JsonNode sent = entry(history, "FamilyWarningSent");
        assertThat(sent.path("actor").asText()).isEqualTo("system:send-family-sms");
        assertThat(sent.path("data").path("relativeId").asText()).isEqualTo(relativeId);
        assertThat(sent.path("data").path("provider").asText()).isEqualTo("outbox");
        assertThat(Json.types(history)).containsOnlyOnce("FamilyWarningSent");
    }

    @Test
    void relativeIsRegisteredWithConsentShownMaskedAndRemoved() {
        String caseId = openCase();
        HttpResponse<String> bad = app.post(path(caseId, "relatives"), "operator",
                "{\"relation\":\"COUSIN\",\"number\":\"１３９\",\"consent\":\"\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(Json.parse(bad.body())))
                .containsExactlyInAnyOrder("relation", "number", "consent", "consentGivenAt");

        HttpResponse<String> registered = app.post(path(caseId, "relatives"), "operator",
                "{\"relation\":\"CHILD\",\"name\":\"王芳\",\"number\":\"139 0013 9001\",\"consent\":\"RECORDED_CALL\","
                        + "\"consentGivenAt\":\"" + Instant.now().minusSeconds(60) + "\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        String relativeId = Json.parse(registered.body()).path("relativeId").asText();
        JsonNode history = awaitHistoryWith(caseId, "RelativeRegistered");
        assertThat(entry(history, "RelativeRegistered").path("data").path("number").asText())
                .isEqualTo("+86139****9001");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(caseView(caseId).path("relatives").get(0).path("number").asText())
                        .isEqualTo("+86139****9001"));

        assertThat(app.post(path(caseId, "relatives/" + relativeId + "/removal"), "operator", "{}").statusCode())
                .isEqualTo(400);
        assertThat(app.post(path(caseId, "relatives/" + relativeId + "/removal"), "operator",
                "{\"reason\":\"本人撤回同意\"}").statusCode()).isEqualTo(200);
        awaitHistoryWith(caseId, "RelativeRemoved");
    }

    @Test
    void homeVisitIsRequestedAndReportedOnce() {
        String caseId = openCase();
        HttpResponse<String> requested = app.post(path(caseId, "home-visits"), "operator",
                "{\"dueBy\":\"" + Instant.now().plusSeconds(86_400) + "\"}");
        assertThat(requested.statusCode()).isEqualTo(201);
        String visitId = Json.parse(requested.body()).path("visitId").asText();
        String report = "{\"visitedBy\":\"西湖派出所 民警 032145\",\"visitedAt\":\"" + Instant.now()
                + "\",\"result\":\"PERSUADED\",\"note\":\"已劝阻\"}";

        assertThat(app.post(path(caseId, "home-visits/" + visitId + "/report"), "operator", report).statusCode())
                .isEqualTo(200);
        HttpResponse<String> again = app.post(path(caseId, "home-visits/" + visitId + "/report"), "operator", report);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(app.post(path(caseId, "home-visits/visit-unknown/report"), "operator", report).statusCode())
                .isEqualTo(404);
        JsonNode history = awaitHistoryWith(caseId, "HomeVisitReported");
        assertThat(entry(history, "HomeVisitReported").path("data").path("result").asText()).isEqualTo("PERSUADED");
    }

    @Test
    void resolutionClosesTheCaseWithdrawsUndecidedCountermeasuresAndRefusesLaterCommands() {
        String caseId = openCase();
        app.post(path(caseId, "countermeasures"), "operator", "{\"type\":\"CUT_DATA\",\"reason\":\"执迷不悟\"}");
        assertThat(app.post(path(caseId, "resolution"), "operator", "{\"outcome\":\"LOSS_OCCURRED\",\"lossAmount\":0}")
                      .statusCode()).isEqualTo(400);

        HttpResponse<String> resolved = app.post(path(caseId, "resolution"), "operator",
                "{\"outcome\":\"LOSS_OCCURRED\",\"lossAmount\":5000000,\"note\":\"已转账5万元\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);

        HttpResponse<String> later = app.post(path(caseId, "call-outcomes"), "operator", "{\"outcome\":\"REFUSED\"}");
        assertThat(later.statusCode()).isEqualTo(409);
        assertThat(Json.parse(later.body()).path("detail").asText())
                .isEqualTo("case " + caseId + " is closed (LOSS_OCCURRED); no rung or outcome can be recorded on it");
        JsonNode history = awaitHistoryWith(caseId, "CountermeasureWithdrawn");
        assertThat(Json.types(history)).containsSubsequence("CaseResolved", "CountermeasureWithdrawn");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode view = caseView(caseId);
            assertThat(view.path("status").asText()).isEqualTo("CLOSED");
            assertThat(view.path("outcome").asText()).isEqualTo("LOSS_OCCURRED");
            assertThat(view.path("lossAmountFen").asLong()).isEqualTo(5_000_000L);
        });
    }

    @Test
    void erasureAfterTheCaseClosedLeavesEveryEventWithPersonalFieldsErased() {
        String caseId = openCase(VICTIM_ERASED);
        String personId = caseView(caseId).path("personId").asText();
        app.post(path(caseId, "relatives"), "operator", "{\"relation\":\"SPOUSE\",\"name\":\"李明\","
                + "\"number\":\"13700137001\",\"consent\":\"WRITTEN\",\"consentGivenAt\":\"" + Instant.now() + "\"}");
        app.post(path(caseId, "call-outcomes"), "operator", "{\"outcome\":\"PERSUADED\",\"note\":\"李明陪同\"}");
        HttpResponse<String> tooEarly = app.post("/api/v1/persons/" + personId + "/erasure", "supervisor",
                "{\"reason\":\"本人申请删除\"}");
        assertThat(tooEarly.statusCode()).isEqualTo(409);
        app.post(path(caseId, "resolution"), "operator", "{\"outcome\":\"PERSUADED\"}");

        assertThat(app.post("/api/v1/persons/" + personId + "/erasure", "operator", "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(app.post("/api/v1/persons/" + personId + "/erasure", "supervisor", "{\"reason\":\"本人申请删除\"}")
                      .statusCode()).isEqualTo(200);
        assertThat(app.post("/api/v1/persons/p-00000000000000000000000000000000/erasure", "supervisor",
                "{\"reason\":\"x\"}").statusCode()).isEqualTo(404);

        JsonNode history = awaitHistoryWith(caseId, "PersonalDataErased");
        assertThat(Json.types(history)).containsSubsequence("CaseOpened", "RelativeRegistered", "OperatorCallRecorded",
                "CaseResolved", "PersonalDataErased");
        assertThat(entry(history, "CaseOpened").path("data").path("clue").path("victimNumber").asText()).isEqualTo("[erased]");
        assertThat(entry(history, "CaseOpened").path("data").path("clue").path("category").asText())
                .isEqualTo("FAKE_CUSTOMER_SERVICE");
        assertThat(entry(history, "RelativeRegistered").path("data").path("name").asText()).isEqualTo("[erased]");
        assertThat(entry(history, "RelativeRegistered").path("data").path("number").asText()).isEqualTo("[erased]");
        assertThat(entry(history, "OperatorCallRecorded").path("data").path("note").asText()).isEqualTo("[erased]");
        assertThat(entry(history, "OperatorCallRecorded").path("data").path("outcome").asText()).isEqualTo("PERSUADED");
        assertThat(history.toString()).doesNotContain("李明", "13700137001", "****");
        assertThat(caseView(caseId).path("victimNumber").asText()).isEqualTo("[erased]");

        // the event store itself: every event is still there, its personal fields unreadable
        List<Object> events = app.bean(EventStore.class).readEvents(personId).asStream()
                                 .map(m -> (Object) m.getPayload()).toList();
        assertThat(events).hasSizeGreaterThanOrEqualTo(6);
        assertThat(events).filteredOn(CaseOpened.class::isInstance).singleElement().satisfies(e -> {
            assertThat(((CaseOpened) e).clue().victimNumber().isErased()).isTrue();
            assertThat(((CaseOpened) e).clue().category()).isEqualTo(FraudCategory.FAKE_CUSTOMER_SERVICE);
        });
        assertThat(events).filteredOn(RelativeRegistered.class::isInstance).singleElement()
                          .satisfies(e -> assertThat(((RelativeRegistered) e).name()).isEqualTo(PersonalText.ERASED));

        // a new clue for the same number afterwards opens a new case, readable under a new key
        HttpResponse<String> again = app.post("/api/v1/clues", "intake", Json.clue("cw-after-erasure", VICTIM_ERASED,
                "LOW"));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(Json.parse(again.body()).path("status").asText()).isEqualTo("OPENED");
        assertThat(app.bean(EventStore.class).readEvents(personId).asStream().map(m -> m.getPayload())
                      .filter(CaseOpened.class::isInstance).map(e -> ((CaseOpened) e).clue().victimNumber().e164()))
                .containsExactly("[erased]", "+86" + VICTIM_ERASED);
    }

    @Test
    void suspectNumberCollectsEvidenceFromEveryClueAndIsLookedUpByNumberInTheBody() {
        String suspect = "+8617100001111";
        app.post("/api/v1/clues", "intake", Json.clue("sx-1", "13600137101", "HIGH", suspect, "INVESTMENT_SCAM"));
        app.post("/api/v1/clues", "intake", Json.clue("sx-2", "13600137102", "LOW", suspect, "BRUSHING_TASKS"));
        app.post("/api/v1/clues", "intake", Json.clue("sx-3", "13600137102", "LOW", suspect, "BRUSHING_TASKS"));
        String lookup = "{\"number\":\"171 0000 1111\"}";

        JsonNode view = await().atMost(Duration.ofSeconds(10)).until(
                () -> Json.parse(app.post("/api/v1/suspect-numbers:lookup", "operator", lookup).body()),
                v -> v.path("victimsReached").asInt() == 2 && v.path("history").size() == 3);
        assertThat(view.path("number").asText()).isEqualTo("+86171****1111");
        assertThat(view.path("suspectId").asText()).matches("s-[0-9a-f]{32}");
        assertThat(view.path("categories").path("BRUSHING_TASKS").asInt()).isEqualTo(2);
        assertThat(view.path("categories").path("INVESTMENT_SCAM").asInt()).isEqualTo(1);
        assertThat(view.toString()).doesNotContain("17100001111");
        assertThat(app.get("/api/v1/suspect-numbers/" + view.path("suspectId").asText(), "supervisor").statusCode())
                .isEqualTo(200);

        assertThat(app.post("/api/v1/suspect-numbers:lookup", "auditor", lookup).statusCode()).isEqualTo(403);
        assertThat(app.post("/api/v1/suspect-numbers:lookup", "operator", "{\"number\":\"+8617100009999\"}")
                      .statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = app.post("/api/v1/suspect-numbers:lookup", "operator", "{\"number\":\"abc\"}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(fields(Json.parse(malformed.body()))).containsExactly("number");
    }

    @Test
    void supervisorsDisposeOfASuspectNumberAndAnUpheldAppealLiftsEveryRestriction() {
        String suspect = "+8617100002222";
        app.post("/api/v1/clues", "intake", Json.clue("sy-1", "13600137201", "HIGH", suspect, "LOAN_SCAM"));
        String lookup = "{\"number\":\"" + suspect + "\"}";
        String suspectId = await().atMost(Duration.ofSeconds(10)).until(
                () -> Json.parse(app.post("/api/v1/suspect-numbers:lookup", "operator", lookup).body())
                          .path("suspectId").asText(), id -> !id.isEmpty());
        String base = "/api/v1/suspect-numbers/" + suspectId;

        assertThat(app.post(base + "/dispositions", "operator", "{\"type\":\"INTERCEPT\",\"reason\":\"x\"}")
                      .statusCode()).isEqualTo(403);
        assertThat(app.post(base + "/dispositions", "supervisor", "{\"type\":\"SHUT_DOWN\"}").statusCode())
                .isEqualTo(400);
        assertThat(app.post(base + "/dispositions", "supervisor", "{\"type\":\"INTERCEPT\"}").statusCode())
                .isEqualTo(400);
        assertThat(app.post(base + "/dispositions", "supervisor",
                "{\"type\":\"INTERCEPT\",\"reason\":\"3 victims in one hour\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> again = app.post(base + "/dispositions", "supervisor",
                "{\"type\":\"INTERCEPT\",\"reason\":\"again\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(app.post(base + "/dispositions", "supervisor",
                "{\"type\":\"TERMINATE\",\"reason\":\"confirmed fraud card\"}").statusCode()).isEqualTo(201);
        assertThat(app.post(base + "/dispositions", "supervisor",
                "{\"type\":\"LIST_HOLDER\",\"reason\":\"fraud card holder\"}").statusCode()).isEqualTo(201);
        JsonNode listed = await().atMost(Duration.ofSeconds(10)).until(
                () -> Json.parse(app.get(base, "operator").body()), v -> !v.path("listedUntil").isNull());
        assertThat(listed.path("restrictionsInForce")).hasSize(3);
        assertThat(java.time.LocalDate.parse(listed.path("listedUntil").asText()))
                .isAfter(java.time.LocalDate.now().plusYears(2).minusDays(2));

        HttpResponse<String> filed = app.post(base + "/appeals", "operator", "{\"grounds\":\"号码已转让，本人不知情\"}");
        assertThat(filed.statusCode()).isEqualTo(201);
        String appealId = Json.parse(filed.body()).path("appealId").asText();
        assertThat(app.post(base + "/appeals/" + appealId + "/decision", "operator", "{\"uphold\":true}")
                      .statusCode()).isEqualTo(403);
        assertThat(app.post(base + "/appeals/" + appealId + "/decision", "supervisor",
                "{\"uphold\":true,\"reason\":\"核实为号码转让\"}").statusCode()).isEqualTo(200);

        JsonNode cleared = await().atMost(Duration.ofSeconds(10)).until(
                () -> Json.parse(app.get(base, "operator").body()), v -> v.path("restrictionsInForce").isEmpty());
        List<String> types = Json.types(cleared.path("history"));
        assertThat(types).containsSubsequence("SuspectEvidenceRecorded", "NumberIntercepted", "NumberTerminated",
                "HolderListed", "AppealFiled", "AppealUpheld");
        assertThat(types).contains("InterceptionLifted", "ServiceRestored", "HolderDelisted");
    }

    /**
     * The ladder end to end: the workers, the bridge and both processes on the embedded engine.
     * An operator skips ahead to the home visit, the ladder requests it, the report finds
     * nobody, the ladder waits for a proposal, two supervisors approve, the countermeasure
     * process applies it, and closing the case lifts it and tells the person.
     */
    @Test
    void theLadderRunsFromSkipToHomeVisitToACountermeasureAppliedAndLiftedWhenTheCaseCloses() {
        String victim = "13600139777";
        String caseId = openCase(victim);
        awaitHistoryWith(caseId, "WarningSmsSent");
        assertThat(caseView(caseId).path("currentRung").asText()).isEqualTo("WARNING_SMS");

        assertThat(app.post(path(caseId, "skip"), "operator",
                "{\"rung\":\"HOME_VISIT\",\"reason\":\"电话一直占线，家属称其正在转账\"}").statusCode()).isEqualTo(200);
        JsonNode requested = awaitHistoryWith(caseId, "HomeVisitRequested");
        assertThat(entry(requested, "HomeVisitRequested").path("actor").asText()).isEqualTo("system:request-home-visit");
        String visitId = entry(requested, "HomeVisitRequested").path("data").path("visitId").asText();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(caseView(caseId).path("currentRung").asText()).isEqualTo("HOME_VISIT"));

        String report = "{\"visitedBy\":\"西湖派出所 民警 032145\",\"visitedAt\":\"" + Instant.now()
                + "\",\"result\":\"NOT_FOUND\",\"note\":\"家中无人\"}";
        assertThat(app.post(path(caseId, "home-visits/" + visitId + "/report"), "operator", report).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(caseView(caseId).path("currentRung").asText()).isEqualTo("COUNTERMEASURE"));

        HttpResponse<String> proposed = app.post(path(caseId, "countermeasures"), "operator",
                "{\"type\":\"RESTRICT_TRANSFERS\",\"reason\":\"拒不配合，仍在转账\"}");
        String cm = Json.parse(proposed.body()).path("countermeasureId").asText();
        String decision = path(caseId, "countermeasures/" + cm + "/decision");
        assertThat(app.post(decision, "supervisor", "{\"approve\":true}").statusCode()).isEqualTo(200);
        assertThat(app.post(decision, "supervisor2", "{\"approve\":true}").statusCode()).isEqualTo(200);
        JsonNode applied = awaitHistoryWith(caseId, "CountermeasureApplied");
        assertThat(entry(applied, "CountermeasureApplied").path("actor").asText()).isEqualTo("system:apply-countermeasure");

        assertThat(app.post(path(caseId, "resolution"), "operator",
                "{\"outcome\":\"PERSUADED\",\"note\":\"民警上门后已劝阻\"}").statusCode()).isEqualTo(200);
        JsonNode told = awaitHistoryWith(caseId, "CountermeasureNoticeSent");
        assertThat(entry(told, "CountermeasureLifted").path("data").path("reason").asText()).isEqualTo("CASE_CLOSED");
        assertThat(count(told, "WarningSmsSent")).isEqualTo(1);
        assertThat(count(told, "HomeVisitRequested")).isEqualTo(1);

        // no variable of any process ever held the person's number
        InProcessZeebe zeebe = app.bean(InProcessZeebe.class);
        assertThat(java.util.stream.StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == io.camunda.zeebe.protocol.record.ValueType.VARIABLE)
                .map(r -> ((io.camunda.zeebe.protocol.record.value.VariableRecordValue) r.getValue()).getValue()))
                .isNotEmpty().noneMatch(value -> value.contains(victim) || value.contains(victim.substring(3)));
    }

    // ---- helpers ----

    private static String openCase() {
        return openCase(String.format("1360013%04d", 6000 + NUMBERS.incrementAndGet()));
    }

    private static String openCase(String victim) {
        HttpResponse<String> posted = app.post("/api/v1/clues", "intake", Json.clue("cw-" + victim, victim, "HIGH"));
        assertThat(posted.statusCode()).isEqualTo(202);
        String caseId = Json.parse(posted.body()).path("caseId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.get("/api/v1/cases/" + caseId, "operator").statusCode() == 200);
        return caseId;
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

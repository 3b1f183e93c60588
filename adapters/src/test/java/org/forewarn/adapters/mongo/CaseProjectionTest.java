package org.forewarn.adapters.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.ChannelFailed;
import org.forewarn.domain.person.api.ConsentForm;
import org.forewarn.domain.person.api.CountermeasureLiftRequested;
import org.forewarn.domain.person.api.CountermeasureNoticeSent;
import org.forewarn.domain.person.api.CountermeasureProposed;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.domain.person.api.PersonalDataErased;
import org.forewarn.domain.person.api.Relation;
import org.forewarn.domain.person.api.RelativeRegistered;
import org.forewarn.domain.person.api.RungOverdue;
import org.forewarn.domain.person.api.FlashWarningDelivered;
import org.forewarn.domain.person.api.FlashWarningFailed;
import org.forewarn.domain.person.api.FlashWarningSent;
import org.forewarn.domain.person.api.RungSkipped;
import org.forewarn.domain.person.api.RungStarted;
import org.forewarn.domain.person.api.StepFailed;
import org.forewarn.domain.person.api.ClueMerged;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:01Z");

    @TempDir
    Path dir;
    private InProcessMongo mongo;
    private CaseProjection projection;
    private CaseReadModel readModel;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo(dir);
        projection = new CaseProjection(mongo.database());
        readModel = new CaseReadModel(mongo.database());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void caseTimelineFollowsTheEventsInOrderWithNumbersMasked() {
        projection.on(new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.MEDIUM), "intake"), "e-1", 0L, T0);
        projection.on(new WarningSmsSent("p-1", "case-1", "case-1:send_warning_sms", "m-1", "outbox", "worker"),
                "e-2", 1L, T0.plusSeconds(1));
        projection.on(new ClueMerged("p-1", "case-1", clue("c-2", RiskLevel.EXTREME), RiskLevel.EXTREME, true,
                "intake"), "e-3", 2L, T0.plusSeconds(2));

        assertThat(readModel.history("case-1")).extracting(CaseReadModel.HistoryEntry::type)
                .containsExactly("CaseOpened", "WarningSmsSent", "ClueMerged");
        assertThat((java.util.Map<String, Object>) readModel.history("case-1").get(0).data().get("clue"))
                .containsEntry("victimNumber", "+86138****8000")
                .containsEntry("clueId", "c-1");
        assertThat(readModel.find("case-1")).get().satisfies(view -> {
            assertThat(view.riskLevel()).isEqualTo("EXTREME");
            assertThat(view.clueIds()).containsExactly("c-1", "c-2");
            assertThat(view.victimNumber()).isEqualTo("+86138****8000");
            assertThat(view.warningSmsSentAt()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(mongo.database().getCollection("cases").find().first().toJson()
                + mongo.database().getCollection("case_history").find().first().toJson())
                .doesNotContain("13800138000");
    }

    @Test
    void flashWarningAndItsDeliveryReportShowInTheCaseTimeline() {
        projection.on(new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.HIGH), "intake"), "e-1", 0L, T0);
        projection.on(new FlashWarningSent("p-1", "case-1", "case-1:flash_warning", "smsc-1", "smsc", "worker"),
                "e-2", 1L, T0.plusSeconds(1));
        projection.on(new FlashWarningDelivered("p-1", "case-1", "case-1:flash_warning", "DELIVRD",
                T0.plusSeconds(2), "system:smsc"), "e-3", 2L, T0.plusSeconds(2));
        projection.on(new FlashWarningFailed("p-1", "case-1", "case-1:other", "EXPIRED", T0.plusSeconds(3),
                "system:smsc"), "e-4", 3L, T0.plusSeconds(3));

        assertThat(readModel.history("case-1")).extracting(CaseReadModel.HistoryEntry::type)
                .containsExactly("CaseOpened", "FlashWarningSent", "FlashWarningDelivered", "FlashWarningFailed");
        assertThat(readModel.history("case-1").get(2).data()).containsEntry("providerStatus", "DELIVRD");
    }

    @Test
    void aTimelineHoldsItsOwnEntriesOnlyAndIsReadByTheirIds() {
        projection.on(new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.HIGH), "intake"), "e-1", 0L, T0);
        projection.on(new CaseOpened("p-2", "case-2", clue("c-2", RiskLevel.HIGH), "intake"), "e-2", 0L, T0);
        projection.on(new WarningSmsSent("p-2", "case-2", "case-2:send_warning_sms", "m-2", "outbox", "worker"),
                "e-3", 1L, T0.plusSeconds(1));
        projection.on(new WarningSmsSent("p-1", "case-1", "case-1:send_warning_sms", "m-1", "outbox", "worker"),
                "e-4", 1L, T0.plusSeconds(2));
        projection.on(new WarningSmsSent("p-1", "case-1", "case-1:send_warning_sms", "m-1", "outbox", "worker"),
                "e-4", 1L, T0.plusSeconds(2));

        assertThat(readModel.history("case-1")).extracting(CaseReadModel.HistoryEntry::seq).containsExactly(0L, 1L);
        assertThat(readModel.history("case-2")).extracting(CaseReadModel.HistoryEntry::type)
                .containsExactly("CaseOpened", "WarningSmsSent");
        assertThat(mongo.database().getCollection("cases").find(new org.bson.Document("_id", "case-1")).first()
                .getList("historyIds", String.class))
                .containsExactly(CaseProjection.historyKey(T0, "e-1"), CaseProjection.historyKey(T0.plusSeconds(2), "e-4"));
    }

    @Test
    void historyEntriesAreKeyedInTheOrderOfTheirEventsTimes() {
        // event ids are random UUIDs in the application: their order says nothing about time
        projection.on(new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.HIGH), "intake"), "f-9", 0L, T0);
        projection.on(new CaseOpened("p-2", "case-2", clue("c-2", RiskLevel.HIGH), "intake"), "a-1", 0L,
                T0.plusMillis(1));
        projection.on(new WarningSmsSent("p-1", "case-1", "case-1:send_warning_sms", "m-1", "outbox", "worker"),
                "c-5", 1L, T0.plusSeconds(3600));

        assertThat(mongo.database().getCollection("case_history").find()
                .sort(new org.bson.Document("_id", 1)).map(d -> d.getString("type") + " " + d.getString("caseId")))
                .containsExactly("CaseOpened case-1", "CaseOpened case-2", "WarningSmsSent case-1");
        assertThat(CaseProjection.historyKey(Instant.parse("2026-11-22T08:00:01.002Z"), "e-1"))
                .isEqualTo("001a20244ebea:e-1");
    }

    @Test
    void eventsHandledTwiceWriteTheSameDocuments() {
        CaseOpened opened = new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.HIGH), "intake");
        projection.on(opened, "e-1", 0L, T0);
        projection.on(opened, "e-1", 0L, T0);

        assertThat(readModel.history("case-1")).hasSize(1);
        assertThat(readModel.find("case-1")).get().satisfies(view ->
                assertThat(view.clueIds()).containsExactly("c-1"));
        assertThat(mongo.database().getCollection("cases").countDocuments()).isEqualTo(1);
        assertThat(mongo.database().getCollection("work_queue").countDocuments()).isEqualTo(1);
    }

    @Test
    void relativeRegisteredGoesToTheOpenCaseAndErasureOverwritesEveryPersonalValueCopiedHere() {
        projection.on(new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.HIGH), "intake"), "e-1", 0L, T0);
        projection.on(new RelativeRegistered("p-1", "rel-1", Relation.CHILD, new PersonalText("王芳"),
                PhoneNumber.parse("number", "13900139001"), ConsentForm.WRITTEN, T0, "operator"), "e-2", 1L, T0);
        projection.on(new CaseResolved("p-1", "case-1", "r-1", Outcome.PERSUADED, null, 100L,
                new PersonalText("王芳陪同"), java.util.List.of(), "operator"), "e-3", 2L, T0);

        assertThat(readModel.history("case-1")).extracting(CaseReadModel.HistoryEntry::type)
                .containsExactly("CaseOpened", "RelativeRegistered", "CaseResolved");
        assertThat(readModel.find("case-1")).get().satisfies(view -> {
            assertThat(view.status()).isEqualTo("CLOSED");
            assertThat(view.relatives()).singleElement().satisfies(r ->
                    assertThat(r).containsEntry("name", "王芳").containsEntry("number", "+86139****9001"));
        });

        projection.on(new PersonalDataErased("p-1", "erase-1", "request", "supervisor"), "e-4", 3L, T0);

        assertThat(mongo.database().getCollection("work_queue").countDocuments()).as("closed").isZero();
        String everything = mongo.database().getCollection("cases").find().first().toJson()
                + mongo.database().getCollection("persons").find().first().toJson();
        for (var d : mongo.database().getCollection("case_history").find()) {
            everything += d.toJson();
        }
        assertThat(everything).doesNotContain("王芳", "****").contains("[erased]", "PERSUADED", "\"amountSavedFen\": 100");
        assertThat(readModel.history("case-1")).extracting(CaseReadModel.HistoryEntry::type)
                .containsExactly("CaseOpened", "RelativeRegistered", "CaseResolved", "PersonalDataErased");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLadderShowsItsCurrentRungDeadlineOverdueStepsAndFailedChannels() {
        Instant due = T0.plusSeconds(600);
        projection.on(new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.HIGH), "intake"), "e-1", 0L, T0);
        projection.on(new RungStarted("p-1", "case-1", "step-1", Rung.WARNING_SMS, due, "system:rung-started"),
                "e-2", 1L, T0);
        projection.on(new ChannelFailed("p-1", "case-1", "sms-1", Rung.WARNING_SMS, "provider answered 503",
                "system:send-warning-sms"), "e-3", 2L, T0.plusSeconds(60));
        projection.on(new RungOverdue("p-1", "case-1", "step-1", Rung.WARNING_SMS, due, "system:flag-overdue"),
                "e-4", 3L, due);
        projection.on(new RungOverdue("p-1", "case-1", "step-1", Rung.WARNING_SMS, due, "system:flag-overdue"),
                "e-4", 3L, due);

        assertThat(readModel.find("case-1")).get().satisfies(view -> {
            assertThat(view.currentRung()).isEqualTo("WARNING_SMS");
            assertThat(view.rungDueAt()).isEqualTo(due);
            assertThat(view.overdueSteps()).containsExactly("step-1");
            assertThat(view.channelFailures()).singleElement().satisfies(f -> assertThat(f)
                    .containsEntry("attemptId", "sms-1").containsEntry("rung", "WARNING_SMS")
                    .containsEntry("failure", "provider answered 503"));
        });
        assertThat(mongo.database().getCollection("cases").find().first().get("steps", org.bson.Document.class)
                .get("step-1", org.bson.Document.class))
                .containsEntry("rung", "WARNING_SMS").containsEntry("overdue", true);

        projection.on(new RungSkipped("p-1", "case-1", "skip-1", Rung.WARNING_SMS, Rung.HOME_VISIT,
                new PersonalText("不接电话"), "operator"), "e-5", 4L, T0.plusSeconds(700));
        assertThat(readModel.find("case-1")).get().satisfies(view -> {
            assertThat(view.currentRung()).isEqualTo("HOME_VISIT");
            assertThat(view.rungDueAt()).isNull();
        });
        assertThat(readModel.history("case-1")).extracting(CaseReadModel.HistoryEntry::type)
                .containsExactly("CaseOpened", "RungStarted", "ChannelFailed", "RungOverdue", "RungSkipped");
        assertThat(readModel.history("case-1").get(4).data())
                .containsEntry("fromRung", "WARNING_SMS").containsEntry("toRung", "HOME_VISIT")
                .containsEntry("reason", "不接电话");
        assertThat(mongo.database().getCollection("cases").find().first().toJson()).doesNotContain("不接电话");

        projection.on(new PersonalDataErased("p-1", "erase-1", "request", "supervisor"), "e-6", 5L, T0);
        assertThat(readModel.history("case-1").get(4).data()).containsEntry("reason", "[erased]");
    }

    @Test
    void aStepTheEngineCouldNotCarryOutShowsOnTheCaseOnceAndInItsHistory() {
        projection.on(new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.HIGH), "intake"), "e-1", 0L, T0);
        StepFailed failed = new StepFailed("p-1", "case-1", "case-1:family_rung:0", "rung-started", Rung.FAMILY_CONTACT,
                "IllegalStateException: event store unavailable", "system:rung-started");
        projection.on(failed, "e-2", 1L, T0.plusSeconds(60));
        projection.on(failed, "e-2", 1L, T0.plusSeconds(60));
        projection.on(new StepFailed("p-1", "case-1", "case-1:flag:0", "flag-overdue", null, "timeout",
                "system:flag-overdue"), "e-3", 2L, T0.plusSeconds(90));

        assertThat(readModel.find("case-1")).get().satisfies(view -> {
            assertThat(view.stepFailures()).hasSize(2);
            assertThat(view.stepFailures().get(0)).containsEntry("stepId", "case-1:family_rung:0")
                    .containsEntry("step", "rung-started").containsEntry("rung", "FAMILY_CONTACT")
                    .containsEntry("failure", "IllegalStateException: event store unavailable")
                    .containsEntry("failedAt", T0.plusSeconds(60));
            assertThat(view.stepFailures().get(1)).containsEntry("step", "flag-overdue").containsEntry("rung", null);
            assertThat(view.channelFailures()).isEmpty();
        });
        assertThat(readModel.history("case-1")).extracting(CaseReadModel.HistoryEntry::type)
                .containsExactly("CaseOpened", "StepFailed", "StepFailed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLiftRequestAndItsNoticeShowOnTheCountermeasureWithoutTheNote() {
        projection.on(new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.HIGH), "intake"), "e-1", 0L, T0);
        projection.on(new CountermeasureProposed("p-1", "case-1", "cm-1", CountermeasureType.CANCEL_FORWARDING,
                "forwarded", 1, "operator"), "e-2", 1L, T0);
        projection.on(new CountermeasureLiftRequested("p-1", "case-1", "cm-1", CountermeasureType.CANCEL_FORWARDING,
                "req-1", LiftReason.APPEAL_UPHELD, new PersonalText("本人申诉成立"), "supervisor"), "e-3", 2L,
                T0.plusSeconds(5));
        projection.on(new CountermeasureNoticeSent("p-1", "case-1", "cm-1", "notice-1", "m-1", "outbox",
                "system:send-countermeasure-notice"), "e-4", 3L, T0.plusSeconds(9));

        assertThat(readModel.find("case-1")).get().satisfies(view ->
                assertThat(view.countermeasures()).singleElement().satisfies(cm -> {
                    assertThat((java.util.Map<String, Object>) cm.get("liftRequest"))
                            .containsEntry("requestId", "req-1").containsEntry("reason", "APPEAL_UPHELD")
                            .containsEntry("requestedBy", "supervisor")
                            .containsEntry("requestedAt", T0.plusSeconds(5));
                    assertThat(cm).containsEntry("liftNoticeSentAt", T0.plusSeconds(9));
                }));
        assertThat(mongo.database().getCollection("cases").find().first().toJson()).doesNotContain("本人申诉成立");
        assertThat(readModel.history("case-1").get(2).data()).containsEntry("note", "本人申诉成立");
    }

    @Test
    void eachEventWritesItsCaseDocumentOnceWithItsHistoryEntryListed() {
        // the case's change and the listing of the event's entry go in one update: every write
        // of a document is a read, a change and a rewrite of its page in the embedded store
        CollectionWrites writes = new CollectionWrites();
        CaseProjection counted = new CaseProjection(mongo.database(writes));
        Instant due = T0.plusSeconds(600);
        List<Object[]> events = List.of(
                new Object[] {new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.HIGH), "intake"), T0},
                new Object[] {new RungStarted("p-1", "case-1", "step-1", Rung.WARNING_SMS, due, "system:rung-started"), T0},
                new Object[] {new WarningSmsSent("p-1", "case-1", "case-1:send_warning_sms", "m-1", "outbox", "worker"),
                        T0.plusSeconds(1)},
                new Object[] {new FlashWarningSent("p-1", "case-1", "case-1:flash_warning", "smsc-1", "smsc", "worker"),
                        T0.plusSeconds(2)},
                new Object[] {new ClueMerged("p-1", "case-1", clue("c-2", RiskLevel.EXTREME), RiskLevel.EXTREME, true,
                        "intake"), T0.plusSeconds(3)},
                new Object[] {new CaseResolved("p-1", "case-1", "r-1", Outcome.PERSUADED, null, 100L,
                        new PersonalText("本人确认"), List.of(), "operator"), T0.plusSeconds(4)});
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            writes.clear();
            Instant at = (Instant) events.get(i)[1];
            counted.on((org.forewarn.domain.person.api.PersonEvent) events.get(i)[0], "e-" + i, (long) i, at);
            keys.add(CaseProjection.historyKey(at, "e-" + i));
            assertThat(writes.of("cases"))
                    .as("writes of the case document for %s: %s", events.get(i)[0].getClass().getSimpleName(), writes)
                    .isEqualTo(1);
        }
        assertThat(mongo.database().getCollection("cases").find().first().getList("historyIds", String.class))
                .containsExactlyElementsOf(keys);
        assertThat(readModel.find("case-1")).get().satisfies(view -> {
            assertThat(view.status()).isEqualTo("CLOSED");
            assertThat(view.riskLevel()).isEqualTo("EXTREME");
            assertThat(view.warningSmsSentAt()).isEqualTo(T0.plusSeconds(1));
        });
    }

    @Test
    void unknownCaseHasNoViewAndNoHistory() {
        assertThat(readModel.find("nope")).isEmpty();
        assertThat(readModel.history("nope")).isEmpty();
    }

    private static Clue clue(String id, RiskLevel risk) {
        return new Clue(new ClueId(id), PhoneNumber.parse("victimNumber", "13800138000"),
                PhoneNumber.parse("suspectNumber", "+8617000000001"), FraudCategory.IMPERSONATING_AUTHORITIES, risk,
                Instant.parse("2026-11-22T08:00:00Z"), ClueChannel.CALL, "test", AgeGroup.ELDERLY);
    }
}

package org.forewarn.adapters.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.ConsentForm;
import org.forewarn.domain.person.api.PersonalDataErased;
import org.forewarn.domain.person.api.Relation;
import org.forewarn.domain.person.api.RelativeRegistered;
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
    void eventsHandledTwiceWriteTheSameDocuments() {
        CaseOpened opened = new CaseOpened("p-1", "case-1", clue("c-1", RiskLevel.HIGH), "intake");
        projection.on(opened, "e-1", 0L, T0);
        projection.on(opened, "e-1", 0L, T0);

        assertThat(readModel.history("case-1")).hasSize(1);
        assertThat(readModel.find("case-1")).get().satisfies(view ->
                assertThat(view.clueIds()).containsExactly("c-1"));
        assertThat(mongo.database().getCollection("cases").countDocuments()).isEqualTo(1);
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

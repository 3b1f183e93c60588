package org.forewarn.adapters.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.suspect.api.NumberIntercepted;
import org.forewarn.domain.suspect.api.SuspectEvidenceRecorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuspectProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:01Z");
    private static final PhoneNumber NUMBER = PhoneNumber.parse("suspectNumber", "+8617000000001");

    @TempDir
    Path dir;
    private InProcessMongo mongo;
    private SuspectProjection projection;
    private SuspectReadModel readModel;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo(dir);
        projection = new SuspectProjection(mongo.database());
        readModel = new SuspectReadModel(mongo.database());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void evidenceHandedAgainCountsItsClueOnce() {
        SuspectEvidenceRecorded first = evidence("zj-1", FraudCategory.INVESTMENT_SCAM, 1);
        SuspectEvidenceRecorded second = evidence("zj-2", FraudCategory.BRUSHING_TASKS, 2);
        projection.on(first, "event-1", 0L, T0);
        projection.on(second, "event-2", 1L, T0.plusSeconds(60));
        // redelivered after a crash: the processor had not recorded its progress past them
        projection.on(first, "event-1", 0L, T0);
        projection.on(second, "event-2", 1L, T0.plusSeconds(60));

        var view = readModel.find("s-1").orElseThrow();
        assertThat(view.categories()).isEqualTo(Map.of("INVESTMENT_SCAM", 1, "BRUSHING_TASKS", 1));
        assertThat(view.victimsReached()).isEqualTo(2);
        assertThat(view.number()).as("masked, written with the first clue").matches("\\+86\\d{3}\\*{4}\\d{4}");
        assertThat(view.firstSeen()).isEqualTo(T0);
        assertThat(view.lastSeen()).isEqualTo(T0);
        assertThat(mongo.database().getCollection("suspect_history").countDocuments()).isEqualTo(2);
    }

    @Test
    void historyEntriesAreKeyedInTheOrderOfTheirEventsTimes() {
        projection.on(evidence("zj-1", FraudCategory.INVESTMENT_SCAM, 1), "f-9", 0L, T0);
        projection.on(evidence("zj-2", FraudCategory.LOAN_SCAM, 2), "a-1", 1L, T0.plusSeconds(1));

        assertThat(mongo.database().getCollection("suspect_history").find()
                .sort(new org.bson.Document("_id", 1)).map(d -> d.getLong("seq")))
                .containsExactly(0L, 1L);
        assertThat(readModel.find("s-1").orElseThrow().history()).hasSize(2);
    }

    @Test
    void anEventWritesItsNumbersDocumentOnceWithItsHistoryEntryListedAndEvidenceOnceMoreForItsCount() {
        CollectionWrites writes = new CollectionWrites();
        SuspectProjection counted = new SuspectProjection(mongo.database(writes));
        counted.on(evidence("zj-1", FraudCategory.INVESTMENT_SCAM, 1), "e-1", 0L, T0);
        assertThat(writes.of("suspect_numbers")).as("evidence: its change with the listing, then the count: %s", writes)
                .isEqualTo(2);
        writes.clear();
        counted.on(new NumberIntercepted("s-1", "r-1", "evidence", "supervisor"), "e-2", 1L, T0.plusSeconds(1));
        assertThat(writes.of("suspect_numbers")).as("interception: %s", writes).isEqualTo(1);

        var view = readModel.find("s-1").orElseThrow();
        assertThat(view.history()).hasSize(2);
        assertThat(view.categories()).isEqualTo(Map.of("INVESTMENT_SCAM", 1));
        assertThat(mongo.database().getCollection("suspect_numbers").find().first().getBoolean("intercepted")).isTrue();
    }

    @Test
    void cluesOfOneCategoryAddUp() {
        projection.on(evidence("zj-1", FraudCategory.INVESTMENT_SCAM, 1), "event-1", 0L, T0);
        projection.on(evidence("zj-2", FraudCategory.INVESTMENT_SCAM, 2), "event-2", 1L, T0);

        assertThat(readModel.find("s-1").orElseThrow().categories()).isEqualTo(Map.of("INVESTMENT_SCAM", 2));
    }

    private static SuspectEvidenceRecorded evidence(String clueId, FraudCategory category, int victims) {
        return new SuspectEvidenceRecorded("s-1", NUMBER, clueId, "p-" + victims, category, T0, true, victims,
                "system:suspect-evidence");
    }
}

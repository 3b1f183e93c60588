package org.forewarn.adapters.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.forewarn.domain.Clue;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.ClueMerged;
import org.forewarn.domain.person.api.WarningSmsSent;

/**
 * Builds the case read models in MongoDB: {@code cases} (one document per case, for the queue
 * and the case page) and {@code case_history} (one document per event, for the timeline).
 * Every write is keyed by the case id or the event id, so an event handled twice writes the same
 * documents; the projection can be replayed from the event store at any time.
 *
 * <p>Phone numbers enter these collections masked only.
 */
@ProcessingGroup(CaseProjection.PROCESSING_GROUP)
public class CaseProjection {

    public static final String PROCESSING_GROUP = "case-projection";

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> history;

    public CaseProjection(MongoDatabase database) {
        this.cases = database.getCollection(CaseReadModel.CASES);
        this.history = database.getCollection(CaseReadModel.HISTORY);
    }

    @EventHandler
    public void on(CaseOpened event, @MessageIdentifier String eventId, @SequenceNumber Long seq,
            @Timestamp Instant at) {
        Clue clue = event.clue();
        cases.updateOne(eq("_id", event.caseId()), Updates.combine(
                Updates.setOnInsert("personId", event.personId()),
                Updates.setOnInsert("status", "OPEN"),
                Updates.setOnInsert("openedAt", Date.from(at)),
                Updates.setOnInsert("category", clue.category().name()),
                Updates.setOnInsert("channel", clue.channel().name()),
                Updates.setOnInsert("ageGroup", clue.ageGroup() == null ? null : clue.ageGroup().name()),
                Updates.setOnInsert("victimNumber", clue.victimNumber().masked()),
                Updates.setOnInsert("riskLevel", clue.riskLevel().name()),
                Updates.addToSet("clueIds", clue.clueId().value())), new UpdateOptions().upsert(true));
        record(eventId, event.caseId(), seq, "CaseOpened", at, event.actor(), clueData(clue));
    }

    @EventHandler
    public void on(ClueMerged event, @MessageIdentifier String eventId, @SequenceNumber Long seq,
            @Timestamp Instant at) {
        cases.updateOne(eq("_id", event.caseId()), Updates.combine(
                Updates.addToSet("clueIds", event.clue().clueId().value()),
                // events of one person arrive in order, and the case risk they carry never falls
                Updates.set("riskLevel", event.caseRisk().name())));
        Map<String, Object> data = clueData(event.clue());
        data.put("caseRisk", event.caseRisk().name());
        data.put("riskRaised", event.riskRaised());
        record(eventId, event.caseId(), seq, "ClueMerged", at, event.actor(), data);
    }

    @EventHandler
    public void on(WarningSmsSent event, @MessageIdentifier String eventId, @SequenceNumber Long seq,
            @Timestamp Instant at) {
        cases.updateOne(eq("_id", event.caseId()), Updates.min("warningSmsSentAt", Date.from(at)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attemptId", event.attemptId());
        data.put("messageId", event.messageId());
        data.put("provider", event.provider());
        record(eventId, event.caseId(), seq, "WarningSmsSent", at, event.actor(), data);
    }

    @ResetHandler
    void reset() {
        cases.deleteMany(new Document());
        history.deleteMany(new Document());
    }

    private void record(String eventId, String caseId, long seq, String type, Instant at, String actor,
                        Map<String, Object> data) {
        Document entry = new Document("_id", eventId)
                .append("caseId", caseId)
                .append("seq", seq)
                .append("type", type)
                .append("occurredAt", Date.from(at))
                .append("actor", actor)
                .append("data", new Document(data));
        history.replaceOne(eq("_id", eventId), entry, new ReplaceOptions().upsert(true));
    }

    private static Map<String, Object> clueData(Clue clue) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clueId", clue.clueId().value());
        data.put("victimNumber", clue.victimNumber().masked());
        data.put("suspectNumber", masked(clue.suspectNumber()));
        data.put("category", clue.category().name());
        data.put("riskLevel", clue.riskLevel().name());
        data.put("channel", clue.channel().name());
        data.put("ageGroup", clue.ageGroup() == null ? null : clue.ageGroup().name());
        data.put("detectedAt", Date.from(clue.detectedAt()));
        data.put("source", clue.source());
        return data;
    }

    private static String masked(PhoneNumber number) {
        return number == null ? null : number.masked();
    }
}

package org.forewarn.adapters.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.forewarn.domain.suspect.api.AppealDismissed;
import org.forewarn.domain.suspect.api.AppealFiled;
import org.forewarn.domain.suspect.api.AppealUpheld;
import org.forewarn.domain.suspect.api.HolderDelisted;
import org.forewarn.domain.suspect.api.HolderListed;
import org.forewarn.domain.suspect.api.InterceptionLifted;
import org.forewarn.domain.suspect.api.LinkedAccountsReported;
import org.forewarn.domain.suspect.api.NumberIntercepted;
import org.forewarn.domain.suspect.api.NumberTerminated;
import org.forewarn.domain.suspect.api.ReverificationFailed;
import org.forewarn.domain.suspect.api.ReverificationPassed;
import org.forewarn.domain.suspect.api.ReverificationRequested;
import org.forewarn.domain.suspect.api.ReverificationWaived;
import org.forewarn.domain.suspect.api.ServiceRestored;
import org.forewarn.domain.suspect.api.SuspectEvent;
import org.forewarn.domain.suspect.api.SuspectEvidenceRecorded;

/**
 * Builds the suspect-number read models: {@code suspect_numbers} (evidence, restrictions in force,
 * appeals; the number masked) and {@code suspect_history} (every event, in order). Writes are
 * keyed by suspect or event id, and the one count ({@code categories}) is guarded by the clue ids
 * it counted, so redelivery and replay write the same documents.
 */
@ProcessingGroup(SuspectProjection.PROCESSING_GROUP)
public class SuspectProjection {

    public static final String PROCESSING_GROUP = "suspect-projection";

    private final MongoCollection<Document> suspects;
    private final MongoCollection<Document> history;

    public SuspectProjection(MongoDatabase database) {
        this.suspects = database.getCollection(SuspectReadModel.SUSPECTS);
        this.history = database.getCollection(SuspectReadModel.HISTORY);
    }

    @EventHandler
    public void on(SuspectEvent event, @MessageIdentifier String eventId, @SequenceNumber Long seq,
                   @Timestamp Instant at) {
        Bson update = switch (event) {
            case SuspectEvidenceRecorded e -> Updates.combine(
                    Updates.setOnInsert("number", e.number().masked()),
                    Updates.set("victimsReached", e.victimsReached()),
                    Updates.min("firstSeen", Date.from(e.seenAt())),
                    Updates.max("lastSeen", Date.from(e.seenAt())));
            case NumberIntercepted e -> Updates.set("intercepted", true);
            case InterceptionLifted e -> Updates.set("intercepted", false);
            case ReverificationRequested e -> Updates.set("reverification", "PENDING");
            case ReverificationPassed e -> Updates.set("reverification", "PASSED");
            case ReverificationFailed e -> Updates.set("reverification", "FAILED");
            case ReverificationWaived e -> Updates.set("reverification", "WAIVED");
            case NumberTerminated e -> Updates.set("terminated", true);
            case ServiceRestored e -> Updates.set("terminated", false);
            case HolderListed e -> Updates.set("listedUntil", e.listedUntil().toString());
            case HolderDelisted e -> Updates.set("listedUntil", null);
            case LinkedAccountsReported e -> Updates.addToSet("platformsReported", e.platform());
            case AppealFiled e -> Updates.combine(
                    Updates.set("appeals." + CaseProjection.key(e.appealId()) + ".appealId", e.appealId()),
                    Updates.set("appeals." + CaseProjection.key(e.appealId()) + ".status", "FILED"),
                    Updates.set("appeals." + CaseProjection.key(e.appealId()) + ".filedAt", Date.from(at)));
            case AppealUpheld e -> Updates.set("appeals." + CaseProjection.key(e.appealId()) + ".status", "UPHELD");
            case AppealDismissed e -> Updates.set("appeals." + CaseProjection.key(e.appealId()) + ".status",
                    "DISMISSED");
            default -> null;
        };
        EventData.Rendered rendered = EventData.render((Record) event);
        String key = CaseProjection.historyKey(at, eventId); // appended in time order, as the cases' entries
        Document entry = new Document("_id", key)
                .append("suspectId", event.suspectId())
                .append("seq", seq)
                .append("type", event.getClass().getSimpleName())
                .append("occurredAt", Date.from(at))
                .append("actor", event.actor())
                .append("data", rendered.data());
        history.replaceOne(eq("_id", key), entry, new ReplaceOptions().upsert(true));
        // the number's entries are read by primary key (see CaseProjection: no secondary index
        // embedded), listed in the same update as the event's change of the number
        Bson listed = Updates.addToSet(SuspectReadModel.HISTORY_IDS, key);
        suspects.updateOne(eq("_id", event.suspectId()), update == null ? listed : Updates.combine(update, listed),
                new UpdateOptions().upsert(true));
        if (event instanceof SuspectEvidenceRecorded evidence) {
            // after the update above, which creates the document with its number on the first clue
            countCategory(evidence);
        }
    }

    /**
     * Counts the clue under its category once: the clue id joins {@code clueIds} in the same
     * update that increments the count, and only when it is not there yet, so the event handled
     * again (a redelivery after a crash, a processor set back) counts nothing.
     */
    private void countCategory(SuspectEvidenceRecorded e) {
        Bson notCounted = and(eq("_id", e.suspectId()), ne("clueIds", e.clueId()));
        Bson count = Updates.combine(Updates.addToSet("clueIds", e.clueId()),
                Updates.inc("categories." + e.category().name(), 1));
        try {
            suspects.updateOne(notCounted, count, new UpdateOptions().upsert(true));
        } catch (MongoWriteException counted) {
            // the upsert found the suspect with this clue counted and tried to insert it again
            if (counted.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw counted;
            }
        }
    }

    @ResetHandler
    void reset() {
        suspects.deleteMany(new Document());
        history.deleteMany(new Document());
    }

    static List<String> restrictions(Document d) {
        List<String> inForce = new ArrayList<>();
        if (Boolean.TRUE.equals(d.getBoolean("intercepted"))) {
            inForce.add("INTERCEPTED");
        }
        if (Boolean.TRUE.equals(d.getBoolean("terminated"))) {
            inForce.add("TERMINATED");
        }
        String reverification = d.getString("reverification");
        if ("PENDING".equals(reverification) || "FAILED".equals(reverification)) {
            inForce.add("REVERIFICATION_" + reverification);
        }
        if (d.getString("listedUntil") != null) {
            inForce.add("HOLDER_LISTED");
        }
        return inForce;
    }
}

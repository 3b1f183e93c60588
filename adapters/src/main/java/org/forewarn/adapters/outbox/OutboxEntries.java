package org.forewarn.adapters.outbox;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads the outbox for the console: what the embedded stand-ins would have sent or ordered,
 * newest first, to whom by masked number only (the warning SMS entry also keeps the whole number
 * for the SMS centre it stands in for; that never leaves this class).
 */
public class OutboxEntries {

    private final MongoCollection<Document> entries;

    public OutboxEntries(MongoDatabase database) {
        this.entries = database.getCollection(Outbox.COLLECTION);
        entries.createIndex(Indexes.descending(Outbox.CREATED_AT));
    }

    /** The newest {@code limit} entries, of one case when {@code caseId} is given. */
    public List<Entry> newest(String caseId, int limit) {
        Bson filter = caseId == null ? new Document() : eq("caseId", caseId);
        List<Entry> found = new ArrayList<>();
        for (Document d : entries.find(filter).sort(Sorts.descending(Outbox.CREATED_AT)).limit(limit)) {
            Date at = d.getDate(Outbox.CREATED_AT);
            String text = d.getString("text") != null ? d.getString("text")
                    : d.getString("script") != null ? d.getString("script") : d.getString("action");
            found.add(new Entry(d.getString("kind"), d.getString("caseId"), d.getString("toMasked"), text,
                    at == null ? null : at.toInstant()));
        }
        return found;
    }

    /** One thing that would have been sent: its kind, the case, the masked recipient, the text or order, when. */
    public record Entry(String kind, String caseId, String toMasked, String text, Instant createdAt) {
    }
}

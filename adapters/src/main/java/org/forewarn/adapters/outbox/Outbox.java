package org.forewarn.adapters.outbox;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;

/**
 * The {@code outbox} collection, where the embedded stand-ins for providers, the carrier and the
 * payment side write what they would have sent or ordered, for the console to show. Each entry
 * is keyed by its idempotency key (the document id): a retried attempt finds its entry already
 * there and is answered with it, however many deliveries race.
 */
final class Outbox {

    static final String COLLECTION = "outbox";
    static final String PROVIDER = "outbox";
    static final String CREATED_AT = "createdAt";

    private final MongoCollection<Document> entries;
    private final Clock clock;

    Outbox(MongoDatabase database, Clock clock) {
        this.entries = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /**
     * Writes an entry of {@code kind} under {@code key}, with a new reference in
     * {@code referenceField} and the time, unless the key has an entry already.
     *
     * @param fields what the entry holds besides its id, kind, reference and time; a number only
     *               masked, unless the counterpart it stands in for needs it whole
     * @return the entry as stored: the new one, or the one the key already had
     */
    Document writeOnce(String key, String kind, String referenceField, Document fields) {
        Document existing = entries.find(eq("_id", key)).first();
        if (existing != null) {
            return ofKind(existing, key, kind);
        }
        Document entry = new Document("_id", key)
                .append(referenceField, PROVIDER + "-" + UUID.randomUUID())
                .append("kind", kind);
        entry.putAll(fields);
        entry.append(CREATED_AT, Date.from(clock.instant()));
        try {
            entries.insertOne(entry);
            return entry;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // another delivery of the same attempt got there first
            return ofKind(entries.find(eq("_id", key)).first(), key, kind);
        }
    }

    /** Keys name a case or countermeasure and a step, so one key never serves two kinds; if it did, say so. */
    private static Document ofKind(Document entry, String key, String kind) {
        if (!kind.equals(entry.getString("kind"))) {
            throw new IllegalStateException("outbox entry " + key + " is a " + entry.getString("kind") + ", not a "
                    + kind);
        }
        return entry;
    }
}

package org.forewarn.adapters.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Reads what {@link SuspectProjection} writes: a suspect number's evidence, restrictions, appeals and history. */
public class SuspectReadModel {

    static final String SUSPECTS = "suspect_numbers";
    static final String HISTORY = "suspect_history";
    static final String HISTORY_IDS = "historyIds";

    private final MongoCollection<Document> suspects;
    private final MongoCollection<Document> history;

    public SuspectReadModel(MongoDatabase database) {
        this.suspects = database.getCollection(SUSPECTS);
        this.history = database.getCollection(HISTORY);
    }

    public Optional<SuspectView> find(String suspectId) {
        Document d = suspects.find(eq("_id", suspectId)).first();
        if (d == null) {
            return Optional.empty();
        }
        Map<String, Integer> categories = new LinkedHashMap<>();
        if (d.get("categories") instanceof Document c) {
            c.forEach((k, v) -> categories.put(k, ((Number) v).intValue()));
        }
        List<Map<String, Object>> appeals = new ArrayList<>();
        if (d.get("appeals") instanceof Document a) {
            a.values().forEach(v -> appeals.add(plain((Document) v)));
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (Document e : history.find(in("_id", d.getList(HISTORY_IDS, String.class, List.of()))).sort(Sorts.ascending("seq"))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("seq", e.getLong("seq"));
            entry.put("type", e.getString("type"));
            entry.put("occurredAt", instant(e, "occurredAt"));
            entry.put("actor", e.getString("actor"));
            entry.put("data", plain(e.get("data", Document.class)));
            events.add(entry);
        }
        return Optional.of(new SuspectView(suspectId, d.getString("number"),
                d.getInteger("victimsReached", 0), categories, instant(d, "firstSeen"), instant(d, "lastSeen"),
                SuspectProjection.restrictions(d), d.getString("listedUntil"),
                d.getList("platformsReported", String.class, List.of()), appeals, events));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static Map<String, Object> plain(Document d) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (d != null) {
            d.forEach((k, v) -> out.put(k, v instanceof Date date ? date.toInstant()
                    : v instanceof Document nested ? plain(nested) : v));
        }
        return out;
    }

    /** A suspect number as operators see it: masked, with its evidence and what is in force. */
    public record SuspectView(String suspectId, String number, int victimsReached, Map<String, Integer> categories,
                              Instant firstSeen, Instant lastSeen, List<String> restrictionsInForce,
                              String listedUntil, List<String> platformsReported, List<Map<String, Object>> appeals,
                              List<Map<String, Object>> history) {
    }
}

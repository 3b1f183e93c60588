package org.forewarn.adapters.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Reads the case read models that {@link CaseProjection} writes. */
public class CaseReadModel {

    static final String CASES = "cases";
    static final String HISTORY = "case_history";

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> history;

    public CaseReadModel(MongoDatabase database) {
        this.cases = database.getCollection(CASES);
        this.history = database.getCollection(HISTORY);
        history.createIndex(Indexes.ascending("caseId", "seq"));
    }

    public Optional<CaseView> find(String caseId) {
        Document d = cases.find(eq("_id", caseId)).first();
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new CaseView(d.getString("_id"), d.getString("personId"), d.getString("status"),
                d.getString("riskLevel"), d.getString("category"), d.getString("channel"), d.getString("ageGroup"),
                d.getString("victimNumber"), instant(d, "openedAt"), instant(d, "warningSmsSentAt"),
                d.getList("clueIds", String.class, List.of())));
    }

    public List<HistoryEntry> history(String caseId) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (Document d : history.find(eq("caseId", caseId)).sort(Sorts.ascending("seq"))) {
            entries.add(new HistoryEntry(d.getLong("seq"), d.getString("type"), instant(d, "occurredAt"),
                    d.getString("actor"), plain(d.get("data", Document.class))));
        }
        return entries;
    }

    /** Open cases whose warning SMS has not been recorded: the ones whose process must still send it. */
    public List<CaseView> openWithoutWarning() {
        List<CaseView> open = new ArrayList<>();
        for (Document d : cases.find(com.mongodb.client.model.Filters.and(eq("status", "OPEN"),
                com.mongodb.client.model.Filters.exists("warningSmsSentAt", false)))) {
            find(d.getString("_id")).ifPresent(open::add);
        }
        return open;
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static Map<String, Object> plain(Document data) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (data != null) {
            data.forEach((k, v) -> out.put(k, v instanceof Date date ? date.toInstant() : v));
        }
        return out;
    }

    /** A case as the queue and the case page show it; the number is masked. */
    public record CaseView(String caseId, String personId, String status, String riskLevel, String category,
                           String channel, String ageGroup, String victimNumber, Instant openedAt,
                           Instant warningSmsSentAt, List<String> clueIds) {
    }

    /** One event of a case's history, in the API's shape. */
    public record HistoryEntry(long seq, String type, Instant occurredAt, String actor, Map<String, Object> data) {
    }
}

package org.forewarn.adapters.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Reads the case read models that {@link CaseProjection} writes. */
public class CaseReadModel {

    static final String CASES = "cases";
    static final String HISTORY = "case_history";
    static final String PERSONS = "persons";
    /** Case field: the ids of the case's history entries (see {@link CaseProjection}). */
    static final String HISTORY_IDS = "historyIds";

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> history;
    private final MongoCollection<Document> persons;

    public CaseReadModel(MongoDatabase database) {
        this.cases = database.getCollection(CASES);
        this.history = database.getCollection(HISTORY);
        this.persons = database.getCollection(PERSONS);
        history.createIndex(Indexes.ascending("personId")); // the erasure finds a person's entries
    }

    public Optional<CaseView> find(String caseId) {
        Document d = cases.find(eq("_id", caseId)).first();
        if (d == null) {
            return Optional.empty();
        }
        Document person = persons.find(eq("_id", d.getString("personId"))).first();
        return Optional.of(new CaseView(d.getString("_id"), d.getString("personId"), d.getString("status"),
                d.getString("riskLevel"), d.getString("category"), d.getString("channel"), d.getString("ageGroup"),
                d.getString("victimNumber"), instant(d, "openedAt"), instant(d, "warningSmsSentAt"),
                d.getList("clueIds", String.class, List.of()), d.getString("outcome"), instant(d, "closedAt"),
                d.getLong("lossAmountFen"), d.getLong("amountSavedFen"), d.getString("currentRung"),
                instant(d, "rungDueAt"), d.getList("overdueSteps", String.class, List.of()),
                list(d.getList("channelFailures", Document.class, List.of())), entries(d.get("countermeasures")),
                person == null ? List.of() : entries(person.get("relatives"))));
    }

    public List<HistoryEntry> history(String caseId) {
        List<HistoryEntry> entries = new ArrayList<>();
        Document c = cases.find(eq("_id", caseId)).projection(Projections.include(HISTORY_IDS)).first();
        if (c == null) {
            return entries;
        }
        for (Document d : history.find(in("_id", c.getList(HISTORY_IDS, String.class, List.of())))
                .sort(Sorts.ascending("seq"))) {
            entries.add(new HistoryEntry(d.getLong("seq"), d.getString("type"), instant(d, "occurredAt"),
                    d.getString("actor"), plain(d.get("data", Document.class))));
        }
        return entries;
    }

    /** Open cases whose warning SMS has not been recorded: the ones whose process must still send it. */
    /** Every open case, oldest first: for recovery, which re-opens their processes. */
    /**
     * The cases whose processes must run: every open case, and every closed case that still
     * has a countermeasure in force (it must be lifted), oldest first.
     */
    public List<CaseToRecover> casesToRecover() {
        List<CaseToRecover> found = new ArrayList<>();
        Bson filter = or(eq("status", "OPEN"), exists(CaseProjection.IN_FORCE + ".0"));
        for (Document d : cases.find(filter).sort(new Document("openedAt", 1))) {
            found.add(new CaseToRecover(d.getString("_id"), d.getString("personId"), "OPEN".equals(d.getString("status"))));
        }
        return found;
    }

    /** A case whose processes may need re-opening, and its person. */
    public record CaseToRecover(String caseId, String personId, boolean open) {
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    /** The person whose case this is, for commands addressed by case id. */
    public Optional<String> personOf(String caseId) {
        Document d = cases.find(eq("_id", caseId)).first();
        return d == null ? Optional.empty() : Optional.ofNullable(d.getString("personId"));
    }

    private static List<Map<String, Object>> entries(Object keyed) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (keyed instanceof Document d) {
            d.values().forEach(v -> {
                if (v instanceof Document entry) {
                    out.add(plain(entry));
                }
            });
        }
        return out;
    }

    private static List<Map<String, Object>> list(List<Document> documents) {
        return documents.stream().map(CaseReadModel::plain).toList();
    }

    private static Map<String, Object> plain(Document data) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (data != null) {
            data.forEach((k, v) -> out.put(k, plainValue(v)));
        }
        return out;
    }

    private static Object plainValue(Object v) {
        if (v instanceof Date date) {
            return date.toInstant();
        }
        if (v instanceof Document d) {
            return plain(d);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(CaseReadModel::plainValue).toList();
        }
        return v;
    }

    /**
     * A case as the queue and the case page show it; the number is masked. {@code currentRung}
     * is null until the ladder records its first step, {@code rungDueAt} also after a skip until
     * the process enters the rung skipped to.
     */
    public record CaseView(String caseId, String personId, String status, String riskLevel, String category,
                           String channel, String ageGroup, String victimNumber, Instant openedAt,
                           Instant warningSmsSentAt, List<String> clueIds, String outcome, Instant closedAt,
                           Long lossAmountFen, Long amountSavedFen, String currentRung, Instant rungDueAt,
                           List<String> overdueSteps, List<Map<String, Object>> channelFailures,
                           List<Map<String, Object>> countermeasures, List<Map<String, Object>> relatives) {
    }

    /** One event of a case's history, in the API's shape. */
    public record HistoryEntry(long seq, String type, Instant occurredAt, String actor, Map<String, Object> data) {
    }
}

package org.forewarn.adapters.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
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

/**
 * Reads the case read models that {@link CaseProjection} writes. The work queue (status OPEN) is
 * one query on {@code work_queue}, which holds the open cases only: equality on the rung, risk or
 * category when asked, ordered by {@code riskRank} then {@code dueSort}. On MongoDB a page of it
 * reads a page of an index; the embedded server, which uses no secondary index, reads the open
 * cases, not every case there ever was. Status CLOSED is a search among closed cases, read from
 * {@code cases} with the same filters and order (indexed on MongoDB, a scan of every case
 * embedded): not the work queue. A claim whose {@code until} has passed reads as none.
 */
public class CaseReadModel {

    static final String CASES = "cases";
    /** One entry per open case: what the work queue lists and filters on (see {@link CaseProjection}). */
    static final String WORK_QUEUE = "work_queue";
    /** The cases that left the work queue lately, by the second they left it (see {@link CaseProjection}). */
    static final String QUEUE_REMOVALS = "work_queue_removals";
    /**
     * How many seconds of removals {@link #QUEUE_REMOVALS} keeps, one slot each: a live queue must
     * look back less than this ({@code forewarn.console.changes.overlap} plus one poll).
     */
    static final int REMOVAL_SLOTS = 600;
    /** Which read models were built once from others ({@code {_id: collection, builtFrom, at}}). */
    static final String BUILDS = "read_model_builds";
    static final String HISTORY = "case_history";
    static final String PERSONS = "persons";
    /** Case field: the ids of the case's history entries (see {@link CaseProjection}). */
    static final String HISTORY_IDS = "historyIds";
    /** Queue entry field: since when the case's oldest unsettled stall waits for a person (absent when none). */
    static final String STALLED_SINCE = "stalledSince";

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> workQueue;
    private final MongoCollection<Document> removals;
    private final MongoCollection<Document> history;
    private final MongoCollection<Document> persons;

    public CaseReadModel(MongoDatabase database) {
        this.cases = database.getCollection(CASES);
        this.workQueue = database.getCollection(WORK_QUEUE);
        this.removals = database.getCollection(QUEUE_REMOVALS);
        this.history = database.getCollection(HISTORY);
        this.persons = database.getCollection(PERSONS);
        history.createIndex(Indexes.ascending("personId")); // the erasure finds a person's entries
        cases.createIndex(Indexes.ascending("personId")); // the erasure finds a person's cases
        // the queue's order under each of its equality filters, the claims of one operator, the
        // live queue's changes and lapsed claims, and a person's open case
        workQueue.createIndex(Indexes.ascending("riskRank", "dueSort", "_id"));
        workQueue.createIndex(Indexes.ascending("currentRung", "riskRank", "dueSort", "_id"));
        workQueue.createIndex(Indexes.ascending("category", "riskRank", "dueSort", "_id"));
        workQueue.createIndex(Indexes.ascending("riskLevel", "riskRank", "dueSort", "_id"));
        workQueue.createIndex(Indexes.ascending("claim.operator", "claim.until"));
        workQueue.createIndex(Indexes.ascending("queueChangedAt"));
        workQueue.createIndex(Indexes.ascending("claim.until"));
        workQueue.createIndex(Indexes.ascending("personId"));
        // the search among closed cases, in the queue's order under each equality filter
        cases.createIndex(Indexes.ascending("status", "riskRank", "dueSort", "_id"));
        cases.createIndex(Indexes.ascending("status", "currentRung", "riskRank", "dueSort", "_id"));
        cases.createIndex(Indexes.ascending("status", "category", "riskRank", "dueSort", "_id"));
        cases.createIndex(Indexes.ascending("status", "riskLevel", "riskRank", "dueSort", "_id"));
    }

    /**
     * A page of the work queue as of {@code now} (status OPEN), or of the closed cases (CLOSED):
     * most urgent risk first, then the earliest deadline.
     */
    public QueuePage queue(QueueQuery query, Instant now) {
        boolean open = "OPEN".equals(query.status());
        MongoCollection<Document> source = open ? workQueue : cases;
        List<Bson> filters = new ArrayList<>();
        if (!open) {
            filters.add(eq("status", query.status()));
        }
        if (query.rung() != null) {
            filters.add(eq("currentRung", query.rung()));
        }
        if (query.risk() != null) {
            filters.add(eq("riskLevel", query.risk()));
        }
        if (query.category() != null) {
            filters.add(eq("category", query.category()));
        }
        Date at = Date.from(now);
        if (Boolean.TRUE.equals(query.overdue())) {
            filters.add(lt("rungDueAt", at));
        } else if (Boolean.FALSE.equals(query.overdue())) {
            filters.add(or(eq("rungDueAt", null), gte("rungDueAt", at)));
        }
        if (Boolean.TRUE.equals(query.stalled())) {
            filters.add(open ? exists(STALLED_SINCE) : stalledCase());
        } else if (Boolean.FALSE.equals(query.stalled())) {
            filters.add(open ? exists(STALLED_SINCE, false) : Filters.not(stalledCase()));
        }
        if (query.claimedBy() != null) {
            filters.add(eq("claim.operator", query.claimedBy()));
            filters.add(gt("claim.until", at));
        }
        Bson filter = filters.isEmpty() ? new Document() : and(filters);
        List<QueueItem> items = new ArrayList<>();
        for (Document d : source.find(filter)
                               .sort(Sorts.ascending("riskRank", "dueSort", "_id"))
                               .skip(query.page() * query.size())
                               .limit(query.size())) {
            items.add(queueItem(d, now));
        }
        return new QueuePage(items, query.page(), query.size(), source.countDocuments(filter));
    }

    /** A case document with at least one unsettled stall (a stall settled is removed, so an empty map is none). */
    private static Bson stalledCase() {
        return Filters.and(exists(CaseProjection.STALLS), Filters.ne(CaseProjection.STALLS, new Document()));
    }

    /** The open cases {@code operator} holds a running claim on, as of {@code now}. */
    public List<String> claimedBy(String operator, Instant now) {
        List<String> found = new ArrayList<>();
        for (Document d : workQueue.find(and(eq("claim.operator", operator), gt("claim.until", Date.from(now))))
                .projection(new Document("_id", 1))) {
            found.add(d.getString("_id"));
        }
        return found;
    }

    /**
     * The cases whose queue entry changed after {@code since} (a projection wrote it, or removed it
     * as the case closed) or whose claim lapsed in ({@code since}, {@code now}]: what the consoles
     * must reload. It reads the open cases' entries and the recent removals, never every case.
     */
    public List<QueueChange> queueChanges(Instant since, Instant now) {
        List<QueueChange> found = new ArrayList<>();
        removedBetween(since, now, found);
        Bson changed = or(gt("queueChangedAt", Date.from(since)),
                and(gt("claim.until", Date.from(since)), lte("claim.until", Date.from(now))));
        for (Document d : workQueue.find(changed).projection(new Document("queueChangedAt", 1).append("claim", 1))) {
            Instant at = instant(d, "queueChangedAt");
            Document claim = d.get("claim", Document.class);
            Instant lapsed = claim == null ? null : instant(claim, "until");
            if (lapsed != null && lapsed.isAfter(since) && !lapsed.isAfter(now) && (at == null || lapsed.isAfter(at))) {
                at = lapsed;
            }
            found.add(new QueueChange(d.getString("_id"), at));
        }
        return found;
    }

    /** The cases that left the queue after {@code since}, read by the slots of the seconds up to {@code now}. */
    private void removedBetween(Instant since, Instant now, List<QueueChange> found) {
        long last = now.getEpochSecond();
        long first = Math.max(since.getEpochSecond(), last - REMOVAL_SLOTS + 1);
        List<Long> slots = new ArrayList<>();
        for (long second = first; second <= last; second++) {
            slots.add(Math.floorMod(second, (long) REMOVAL_SLOTS));
        }
        for (Document slot : removals.find(in("_id", slots))) {
            Long second = slot.getLong("second");
            Document cases = slot.get("cases", Document.class);
            if (second == null || second < first || second > last || cases == null) {
                continue; // the slot holds a second outside the window
            }
            for (Object value : cases.values()) {
                if (value instanceof Document removal && instant(removal, "at").isAfter(since)) {
                    found.add(new QueueChange(removal.getString("caseId"), instant(removal, "at")));
                }
            }
        }
    }

    /** A queue entry that changed at {@code at} (its last write, or its claim lapsing). */
    public record QueueChange(String caseId, Instant at) {
    }

    private static QueueItem queueItem(Document d, Instant now) {
        Instant due = instant(d, "rungDueAt");
        Document note = d.get("handoverNote", Document.class);
        return new QueueItem(d.getString("_id"), d.getString("personId"), d.getString("victimNumber"),
                d.getString("category"), d.getString("riskLevel"), d.getString("currentRung"), due,
                due != null && due.isBefore(now), claim(d, now),
                note == null ? null : note.getString("text"), note == null ? null : note.getString("by"),
                note == null ? null : instant(note, "at"), instant(d, "openedAt"), instant(d, STALLED_SINCE));
    }

    private static Claim claim(Document d, Instant now) {
        Document claim = d.get("claim", Document.class);
        if (claim == null) {
            return null;
        }
        Instant until = instant(claim, "until");
        return until != null && until.isAfter(now) ? new Claim(claim.getString("operator"), until) : null;
    }

    public Optional<CaseView> find(String caseId) {
        return find(caseId, Instant.now());
    }

    /** The case as of {@code now}, which tells whether its claim still runs. */
    public Optional<CaseView> find(String caseId, Instant now) {
        Document d = cases.find(eq("_id", caseId)).first();
        if (d == null) {
            return Optional.empty();
        }
        Document person = persons.find(eq("_id", d.getString("personId"))).first();
        Document note = d.get("handoverNote", Document.class);
        return Optional.of(new CaseView(d.getString("_id"), d.getString("personId"), d.getString("status"),
                note == null ? null : note.getString("text"), note == null ? null : note.getString("by"),
                note == null ? null : instant(note, "at"), claim(d, now),
                d.getString("riskLevel"), d.getString("category"), d.getString("channel"), d.getString("ageGroup"),
                d.getString("victimNumber"), instant(d, "openedAt"), instant(d, "warningSmsSentAt"),
                d.getList("clueIds", String.class, List.of()), d.getString("outcome"), instant(d, "closedAt"),
                d.getLong("lossAmountFen"), d.getLong("amountSavedFen"), d.getString("currentRung"),
                instant(d, "rungDueAt"), d.getList("overdueSteps", String.class, List.of()),
                list(d.getList("channelFailures", Document.class, List.of())),
                list(d.getList("stepFailures", Document.class, List.of())), stalls(d),
                entries(d.get("countermeasures")),
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

    /** The case's unsettled stalls, oldest first, without the bookkeeping flag. */
    private static List<Map<String, Object>> stalls(Document c) {
        List<Map<String, Object>> out = new ArrayList<>(entries(c.get(CaseProjection.STALLS)));
        out.forEach(stall -> stall.remove("ladder"));
        out.sort(java.util.Comparator.comparing(stall -> (Instant) stall.get("since"),
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return out;
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
    public record CaseView(String caseId, String personId, String status, String handoverNote, String handoverBy,
                           Instant handoverAt, Claim claim, String riskLevel, String category,
                           String channel, String ageGroup, String victimNumber, Instant openedAt,
                           Instant warningSmsSentAt, List<String> clueIds, String outcome, Instant closedAt,
                           Long lossAmountFen, Long amountSavedFen, String currentRung, Instant rungDueAt,
                           List<String> overdueSteps, List<Map<String, Object>> channelFailures,
                           List<Map<String, Object>> stepFailures, List<Map<String, Object>> stalls,
                           List<Map<String, Object>> countermeasures,
                           List<Map<String, Object>> relatives) {
    }

    /**
     * The filters of the work queue, already validated: {@code status} OPEN or CLOSED; the others
     * null when not asked for.
     */
    public record QueueQuery(String status, String rung, String risk, String category, Boolean overdue,
                             Boolean stalled, String claimedBy, int page, int size) {
    }

    /** A page of the queue and how many cases match in all. */
    public record QueuePage(List<QueueItem> items, int page, int size, long total) {
    }

    /**
     * One case as the queue lists it. {@code overdue}: the current rung's deadline has passed;
     * {@code claim}: null when nobody holds a running claim; {@code handoverNote}: the latest
     * release's or reassignment's note, read first.
     */
    public record QueueItem(String caseId, String personId, String maskedNumber, String category, String riskLevel,
                            String rung, Instant rungDeadline, boolean overdue, Claim claim, String handoverNote,
                            String handoverBy, Instant handoverAt, Instant openedAt, Instant stalledSince) {
    }

    /** Who works a case, until when. */
    public record Claim(String operator, Instant until) {
    }

    /** One event of a case's history, in the API's shape. */
    public record HistoryEntry(long seq, String type, Instant occurredAt, String actor, Map<String, Object> data) {
    }
}

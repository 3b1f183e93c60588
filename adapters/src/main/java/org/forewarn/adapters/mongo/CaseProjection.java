package org.forewarn.adapters.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.Clue;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.*;

/**
 * Builds the case read models in MongoDB: {@code cases} (one document per case, for the case page
 * and the search among closed cases), {@code work_queue} (one small document per open case, for
 * the work queue), {@code persons} (the relatives registered for a person) and
 * {@code case_history} (one document per event, for the timeline; events of the person rather
 * than of one case, such as a relative registered, go to the case open at the time). The case
 * document lists its entries' ids ({@code historyIds}), so a timeline is read by primary key: the
 * embedded MongoDB-wire server uses no secondary index, and a query on {@code caseId} read every
 * entry of every case. An entry's key is its event's time, then the event id
 * ({@link #historyKey}; entries of a store written before keys had the time keep their event ids,
 * which the case lists as they are). The listing goes in the same update of the case as the
 * event's own change of it, written after the entry: one write of the case document per event.
 * Every write is keyed by the case, the person or the event, so
 * an event handled twice writes the same documents; the projection can be replayed from the event
 * store at any time.
 *
 * <p>The ladder of a case shows on its document as {@code currentRung} and {@code rungDueAt} (of
 * the latest step started; a skip sets the rung and clears the deadline until the process enters
 * it), {@code steps} keyed by step id ({@code {stepId, rung, startedAt, dueAt, overdue}}),
 * {@code overdueSteps} (every step flagged overdue, in order, never cleared: a supervisor's
 * record of where the shift fell behind), {@code channelFailures} (the operator's tasks:
 * {@code {attemptId, rung, failure, failedAt}}) and {@code stepFailures} (steps the engine could
 * not carry out, where the ladder waits on an incident: {@code {stepId, step, rung, failure,
 * failedAt}}); {@code stalls} holds those of both kinds nobody has settled yet, keyed by attempt or
 * step id (see {@link #settleStalls}), and the queue entry carries the oldest one's time as
 * {@code stalledSince}. A lift request shows on its countermeasure as {@code liftRequest} without its
 * note, and the notice of the lift as {@code liftNoticeSentAt}.
 *
 * <p>The queue's fields are kept on the case document: {@code riskRank} (0 for EXTREME … 3 for
 * LOW) and {@code dueSort} (the deadline of the current rung, or the time the case opened until
 * the ladder gives one) order it; {@code claim} ({@code {operator, until}}) is who works the case —
 * it is removed when released or closed, and read as none once {@code until} has passed, so a
 * claim lapses without an event; {@code handoverNote} ({@code {text, by, at}}) is the note of the
 * latest release or reassignment with one. {@code queueChangedAt} is set, by this node's clock,
 * whenever any of that changes, so that {@link CaseQueueChanges} can tell every console.
 *
 * <p>The work queue is a copy of those fields of the open cases only ({@code work_queue}, keyed by
 * case id), because the embedded server scans a whole collection for any query that is not by
 * primary key: a queue page over {@code cases} read every case there ever was. After each event
 * that changes the queue, the entry is made to follow the case as it now is; when the case closes
 * its entry goes, and {@code work_queue_removals} records it for the live queue, which must tell
 * the consoles (a ring of one slot per second, see {@link #recordRemoval}). A store from before this
 * collection existed gets it built once from {@code cases} when the projection is created (marked
 * done in {@code read_model_builds}); a reset empties it with the others and the replay refills it.
 *
 * <p>Phone numbers enter these collections masked only, and personal text (notes, reasons of a
 * skip or a lift request) only the history — except the handover note, which the queue shows
 * and which the erasure overwrites as well. When a person's data is erased, every personal
 * value already copied here is overwritten with {@code [erased]} too.
 */
@ProcessingGroup(CaseProjection.PROCESSING_GROUP)
public class CaseProjection {

    public static final String PROCESSING_GROUP = "case-projection";
    /** Case field: the ids of the case's countermeasures applied and not lifted. */
    static final String IN_FORCE = "countermeasuresInForce";
    /** Case field: the steps the engine could not carry out and nobody has settled, keyed by attempt or step id. */
    static final String STALLS = "stalls";

    /** The events {@link #settles} may find settling a stall. */
    private static final Set<Class<? extends PersonEvent>> SETTLING = Set.of(RungStarted.class,
            RungOverdue.class, HomeVisitRequested.class, CountermeasureProposed.class, RungSkipped.class,
            CaseResolved.class, WarningSmsSent.class, FlashWarningSent.class, AutomatedCallPlaced.class,
            FamilyWarningSent.class, CountermeasureApplied.class, CountermeasureLifted.class,
            CountermeasureNoticeSent.class);

    /** The case fields a queue entry copies (and the status, which decides whether there is one). */
    private static final Bson QUEUE_FIELDS = Projections.include("personId", "status", "victimNumber", "category",
            "riskLevel", "riskRank", "currentRung", "rungDueAt", "dueSort", "claim", "handoverNote", "openedAt",
            "queueChangedAt", STALLS);

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> workQueue;
    private final MongoCollection<Document> removals;
    private final MongoCollection<Document> persons;
    private final MongoCollection<Document> history;
    private final Clock clock;

    public CaseProjection(MongoDatabase database) {
        this(database, Clock.systemUTC());
    }

    /** Builds {@code work_queue} from {@code cases} first if this store has never had one (see the class). */
    public CaseProjection(MongoDatabase database, Clock clock) {
        this.clock = clock;
        this.cases = database.getCollection(CaseReadModel.CASES);
        this.workQueue = database.getCollection(CaseReadModel.WORK_QUEUE);
        this.removals = database.getCollection(CaseReadModel.QUEUE_REMOVALS);
        this.persons = database.getCollection(CaseReadModel.PERSONS);
        this.history = database.getCollection(CaseReadModel.HISTORY);
        buildWorkQueueOnce(database.getCollection(CaseReadModel.BUILDS));
    }

    /**
     * A store written before the work queue had a collection of its own has open cases in
     * {@code cases} only. This runs before the projection handles its first event on this node
     * (the handler does not exist yet), so no event can change a case between its read and its
     * copy; the mark is written last, so an interrupted build runs again from the start.
     */
    private void buildWorkQueueOnce(MongoCollection<Document> builds) {
        if (builds.find(eq("_id", CaseReadModel.WORK_QUEUE)).first() != null) {
            return;
        }
        for (Document c : cases.find(eq("status", "OPEN")).projection(QUEUE_FIELDS)) {
            workQueue.replaceOne(eq("_id", c.getString("_id")), queueEntry(c), new ReplaceOptions().upsert(true));
        }
        builds.replaceOne(eq("_id", CaseReadModel.WORK_QUEUE), new Document("_id", CaseReadModel.WORK_QUEUE)
                .append("builtFrom", CaseReadModel.CASES).append("at", Date.from(clock.instant())),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    public void on(PersonEvent event, @MessageIdentifier String eventId, @SequenceNumber Long seq,
                   @Timestamp Instant at) {
        if (event instanceof PersonalDataErased) {
            erase(event.personId());
            // the erasure belongs to the history of every case of the person
            for (Document c : cases.find(eq("personId", event.personId()))) {
                String caseId = c.getString("_id");
                apply(Change.none(caseId), listing(record(eventId + ":" + caseId, event, caseId, seq, at)), false);
            }
            return;
        }
        Change change = updateState(event, at);
        String key = record(eventId, event, change.caseId(), seq, at);
        if (change.caseId() != null) {
            settleStalls(change.caseId(), event, apply(change, listing(key), maySettle(event)));
        }
    }

    /**
     * What an event changes on its case: the case's id (null: the event belongs to no case) and
     * the update of its document (null: none), {@code queued} when the update changes the queue's
     * fields ({@link #queueUpdate}), {@code upsert} when it creates the case.
     */
    private record Change(String caseId, Bson update, boolean queued, boolean upsert) {

        static Change queued(String caseId, boolean upsert, Bson update) {
            return new Change(caseId, update, true, upsert);
        }

        static Change ofCase(String caseId, Bson update) {
            return new Change(caseId, update, false, false);
        }

        static Change none(String caseId) {
            return new Change(caseId, null, false, false);
        }
    }

    /** The update that lists a history entry on its case. */
    private static Bson listing(String historyKey) {
        return Updates.addToSet(CaseReadModel.HISTORY_IDS, historyKey);
    }

    /**
     * Writes the event's change of its case together with {@code listed} (the listing of the
     * event's history entry) in one update of the case document; answers the case's stalls as they
     * now are when the event may settle one ({@code maySettle}), null otherwise. An update of the
     * queue's fields comes back with them anyway; any other needs no read of its own either.
     */
    private Document apply(Change change, Bson listed, boolean maySettle) {
        Bson update = change.update() == null ? listed : Updates.combine(change.update(), listed);
        if (change.queued()) {
            Document c = queueUpdate(change.caseId(), change.upsert(), update);
            return c == null || !maySettle ? null : c.get(STALLS, Document.class);
        }
        if (!maySettle) {
            cases.updateOne(eq("_id", change.caseId()), update);
            return null;
        }
        Document c = cases.findOneAndUpdate(eq("_id", change.caseId()), update, new FindOneAndUpdateOptions()
                .returnDocument(ReturnDocument.AFTER).projection(Projections.include(STALLS)));
        return c == null ? null : c.get(STALLS, Document.class);
    }

    /**
     * Applies the event to the person documents; answers the case its history entry belongs to
     * and the update the event makes to the case, if any, for {@link #apply} to write together with
     * the listing of the entry.
     */
    private Change updateState(PersonEvent event, Instant at) {
        switch (event) {
            case CaseOpened e -> {
                Clue clue = e.clue();
                return Change.queued(e.caseId(), true, Updates.combine(
                        Updates.setOnInsert("personId", e.personId()),
                        Updates.setOnInsert("status", "OPEN"),
                        Updates.setOnInsert("openedAt", Date.from(at)),
                        Updates.setOnInsert("category", clue.category().name()),
                        Updates.setOnInsert("channel", clue.channel().name()),
                        Updates.setOnInsert("ageGroup", clue.ageGroup() == null ? null : clue.ageGroup().name()),
                        Updates.setOnInsert("victimNumber", clue.victimNumber().masked()),
                        Updates.setOnInsert("riskLevel", clue.riskLevel().name()),
                        Updates.setOnInsert("riskRank", clue.riskLevel().ordinal()),
                        Updates.setOnInsert("dueSort", Date.from(at)),
                        changed(),
                        Updates.addToSet("clueIds", clue.clueId().value())));
            }
            case ClueMerged e -> {
                return Change.queued(e.caseId(), false, Updates.combine(
                        Updates.addToSet("clueIds", e.clue().clueId().value()),
                        // events of one person arrive in order, and the case risk they carry never falls
                        Updates.set("riskLevel", e.caseRisk().name()),
                        Updates.set("riskRank", e.caseRisk().ordinal()),
                        changed()));
            }
            case RungStarted e -> {
                String key = "steps." + key(e.stepId());
                return Change.queued(e.caseId(), false, Updates.combine(
                        Updates.set("currentRung", e.rung().name()),
                        Updates.set("rungDueAt", Date.from(e.dueAt())),
                        Updates.set("dueSort", Date.from(e.dueAt())),
                        changed(),
                        Updates.set(key + ".stepId", e.stepId()),
                        Updates.set(key + ".rung", e.rung().name()),
                        Updates.set(key + ".startedAt", Date.from(at)),
                        Updates.set(key + ".dueAt", Date.from(e.dueAt()))));
            }
            case RungSkipped e -> {
                return Change.queued(e.caseId(), false, Updates.combine(
                        Updates.set("currentRung", e.toRung().name()),
                        Updates.set("rungDueAt", null),
                        changed()));
            }
            case RungOverdue e -> {
                String key = "steps." + key(e.stepId());
                return Change.queued(e.caseId(), false, Updates.combine(
                        Updates.addToSet("overdueSteps", e.stepId()),
                        Updates.set(key + ".stepId", e.stepId()),
                        Updates.set(key + ".rung", e.rung().name()),
                        Updates.set(key + ".dueAt", Date.from(e.dueAt())),
                        Updates.set(key + ".overdue", true),
                        changed()));
            }
            case ChannelFailed e -> {
                return Change.queued(e.caseId(), false, Updates.combine(Updates.addToSet("channelFailures",
                        new Document("attemptId", e.attemptId()).append("rung", e.rung().name())
                                .append("failure", e.failure()).append("failedAt", Date.from(at))),
                        stall(e.attemptId(), "channel", null, e.rung(), e.failure(), at,
                                e.rung() != Rung.COUNTERMEASURE)));
            }
            case StepFailed e -> {
                Document failure = new Document("stepId", e.stepId()).append("step", e.step())
                        .append("rung", e.rung() == null ? null : e.rung().name())
                        .append("failure", e.failure()).append("failedAt", Date.from(at));
                return Change.queued(e.caseId(), false, Updates.combine(Updates.addToSet("stepFailures", failure),
                        stall(e.stepId(), "step", e.step(), e.rung(), e.failure(), at, true)));
            }
            case CountermeasureLiftRequested e -> {
                return Change.ofCase(e.caseId(), Updates.set("countermeasures." + key(e.countermeasureId())
                        + ".liftRequest", new Document("requestId", e.requestId()).append("reason", e.reason().name())
                        .append("requestedBy", e.actor()).append("requestedAt", Date.from(at))));
            }
            case CountermeasureNoticeSent e -> {
                return Change.ofCase(e.caseId(), Updates.min("countermeasures." + key(e.countermeasureId())
                        + ".liftNoticeSentAt", Date.from(at)));
            }
            case WarningSmsSent e -> {
                return Change.ofCase(e.caseId(), Updates.min("warningSmsSentAt", Date.from(at)));
            }
            case CaseResolved e -> {
                return Change.queued(e.caseId(), false, Updates.combine(
                        Updates.set("status", "CLOSED"),
                        Updates.unset("claim"),
                        changed(),
                        Updates.set("outcome", e.outcome().name()),
                        Updates.set("closedAt", Date.from(at)),
                        Updates.set("lossAmountFen", e.lossAmountFen()),
                        Updates.set("amountSavedFen", e.amountSavedFen())));
            }
            case CountermeasureProposed e -> {
                String key = "countermeasures." + key(e.countermeasureId());
                return Change.ofCase(e.caseId(), Updates.combine(
                        Updates.set(key + ".countermeasureId", e.countermeasureId()),
                        Updates.set(key + ".type", e.type().name()),
                        Updates.set(key + ".status", "PROPOSED"),
                        Updates.set(key + ".reason", e.reason()),
                        Updates.set(key + ".proposedBy", e.actor()),
                        Updates.set(key + ".proposedAt", Date.from(at)),
                        Updates.set(key + ".approvals", 0),
                        Updates.set(key + ".approvalsRequired", e.approvalsRequired())));
            }
            case CountermeasureApproved e -> {
                String key = "countermeasures." + key(e.countermeasureId());
                return Change.ofCase(e.caseId(), Updates.combine(
                        Updates.set(key + ".approvals", e.approvals()),
                        Updates.addToSet(key + ".approvedBy", e.actor()),
                        Updates.set(key + ".status", e.approvals() >= e.approvalsRequired() ? "APPROVED" : "PROPOSED")));
            }
            case CountermeasureRejected e -> {
                return countermeasureStatus(e.caseId(), e.countermeasureId(), "REJECTED", null);
            }
            case CountermeasureWithdrawn e -> {
                return countermeasureStatus(e.caseId(), e.countermeasureId(), "WITHDRAWN", null);
            }
            case CountermeasureApplied e -> {
                return countermeasureStatus(e.caseId(), e.countermeasureId(), "APPLIED", Updates.combine(
                        Updates.set("countermeasures." + key(e.countermeasureId()) + ".expiresAt",
                                e.expiresAt() == null ? null : Date.from(e.expiresAt())),
                        Updates.addToSet(IN_FORCE, e.countermeasureId())));
            }
            case CountermeasureLifted e -> {
                return countermeasureStatus(e.caseId(), e.countermeasureId(), "LIFTED",
                        Updates.pull(IN_FORCE, e.countermeasureId()));
            }
            case RelativeRegistered e -> {
                String key = "relatives." + key(e.relativeId());
                persons.updateOne(eq("_id", e.personId()), Updates.combine(
                        Updates.set(key + ".relativeId", e.relativeId()),
                        Updates.set(key + ".relation", e.relation().name()),
                        Updates.set(key + ".name", e.name().text()),
                        Updates.set(key + ".number", e.number().masked()),
                        Updates.set(key + ".consent", e.consent().name()),
                        Updates.set(key + ".active", true)), new UpdateOptions().upsert(true));
                return Change.none(openCaseOf(e.personId()));
            }
            case RelativeRemoved e -> {
                persons.updateOne(eq("_id", e.personId()),
                        Updates.set("relatives." + key(e.relativeId()) + ".active", false));
                return Change.none(openCaseOf(e.personId()));
            }
            case CaseClaimed e -> {
                return claim(e.caseId(), e.operator(), e.until(), null);
            }
            case ClaimRenewed e -> {
                return claim(e.caseId(), e.operator(), e.until(), null);
            }
            case CaseAssigned e -> {
                return claim(e.caseId(), e.operator(), e.until(), e.note().isEmpty() ? null
                        : handover(e.note(), e.actor(), at));
            }
            case ClaimReleased e -> {
                Bson release = Updates.combine(Updates.unset("claim"), changed());
                return Change.queued(e.caseId(), false, e.handoverNote().isEmpty() ? release
                        : Updates.combine(release, Updates.set("handoverNote", handover(e.handoverNote(), e.actor(), at))));
            }
            case PersonalDataErased e -> {
                return Change.none(null);
            }
            default -> {
                return Change.none(caseIdOf(event));
            }
        }
    }

    /**
     * Records a step the engine could not carry out as a stall of the case, keyed by the
     * attempt's or step's id, and marks the queue entry changed. {@code ladder}: the stall is in
     * the case's dissuasion process (everything but the countermeasure process's own steps, whose
     * channel failures carry the rung {@code COUNTERMEASURE}).
     */
    private Bson stall(String id, String kind, String step, Rung rung, String failure, Instant at, boolean ladder) {
        return Updates.combine(Updates.set(STALLS + "." + key(id), new Document("id", id).append("kind", kind)
                .append("step", step).append("rung", rung == null ? null : rung.name())
                .append("failure", failure).append("since", Date.from(at)).append("ladder", ladder)), changed());
    }

    /**
     * Clears the stalls of the case that {@code event} settles, given the stalls the case had
     * when the event was recorded. A stall is settled by the same attempt or step succeeding
     * later (Operations retried the incident), by the result its step exists for (the overdue
     * flag recorded, the countermeasure proposed), by the ladder moving past it (a later rung
     * started: the failed step's element was left, as when a raised risk jumps ahead; a failed
     * overdue flag is moot once another step started), and, for the stalls of the ladder, by an
     * operator's skip or the case's close. The countermeasure process's stalls stay until their
     * own attempt succeeds.
     */
    private void settleStalls(String caseId, PersonEvent event, Document stalls) {
        if (stalls == null || stalls.isEmpty()) {
            return;
        }
        List<Bson> cleared = new ArrayList<>();
        stalls.forEach((k, v) -> {
            if (v instanceof Document stall && settles(event, stall)) {
                cleared.add(Updates.unset(STALLS + "." + k));
            }
        });
        if (!cleared.isEmpty()) {
            cleared.add(changed());
            queueUpdate(caseId, false, Updates.combine(cleared));
        }
    }

    private static boolean settles(PersonEvent event, Document stall) {
        String id = stall.getString("id");
        String step = stall.getString("step");
        String rung = stall.getString("rung");
        boolean ladder = stall.getBoolean("ladder", true);
        return switch (event) {
            case RungStarted e -> id.equals(e.stepId()) || JobTypes.FLAG_OVERDUE.equals(step)
                    || ladder && rung != null && e.rung().isAheadOf(Rung.valueOf(rung));
            case RungOverdue e -> JobTypes.FLAG_OVERDUE.equals(step) && e.rung().name().equals(rung);
            case HomeVisitRequested e -> id.equals(e.visitId());
            case CountermeasureProposed e -> JobTypes.PROPOSE_COUNTERMEASURE.equals(step);
            case RungSkipped e -> ladder;
            case CaseResolved e -> ladder;
            case WarningSmsSent e -> id.equals(e.attemptId());
            case FlashWarningSent e -> id.equals(e.attemptId());
            case AutomatedCallPlaced e -> id.equals(e.attemptId());
            case FamilyWarningSent e -> id.equals(e.attemptId());
            case CountermeasureApplied e -> id.equals(e.attemptId());
            case CountermeasureLifted e -> id.equals(e.attemptId());
            case CountermeasureNoticeSent e -> id.equals(e.attemptId());
            default -> false;
        };
    }

    private Change claim(String caseId, String operator, Instant until, Document handoverNote) {
        Bson set = Updates.combine(Updates.set("claim", new Document("operator", operator)
                .append("until", Date.from(until))), changed());
        return Change.queued(caseId, false, handoverNote == null ? set
                : Updates.combine(set, Updates.set("handoverNote", handoverNote)));
    }

    /**
     * Applies an update that changes the case's queue entry to the case, then makes the entry
     * follow the case as it now is: an open case's entry is written whole, a closed case's entry
     * is removed and the removal recorded for the live queue. Deriving the entry from the case,
     * rather than repeating each update, keeps the two equal under redelivery and replay (an
     * old {@code CaseOpened} handed over again after the close finds the case closed and adds
     * nothing to the queue). Answers the case's queue fields (with its stalls) after the update;
     * null for a case this read model never saw opened.
     */
    private Document queueUpdate(String caseId, boolean upsert, Bson update) {
        Document c = cases.findOneAndUpdate(eq("_id", caseId), update, new FindOneAndUpdateOptions()
                .upsert(upsert).returnDocument(ReturnDocument.AFTER).projection(QUEUE_FIELDS));
        if (c == null) {
            return null;
        }
        if ("OPEN".equals(c.getString("status"))) {
            workQueue.replaceOne(eq("_id", caseId), queueEntry(c), new ReplaceOptions().upsert(true));
            return c;
        }
        workQueue.deleteOne(eq("_id", caseId));
        Date removedAt = c.getDate("queueChangedAt");
        recordRemoval(caseId, removedAt == null ? clock.instant() : removedAt.toInstant());
        return c;
    }

    /**
     * Records that the case left the queue at {@code at}, in the slot of {@code at}'s second in
     * {@code work_queue_removals}: a ring of {@link CaseReadModel#REMOVAL_SLOTS} documents keyed by
     * the second modulo its size, each {@code {_id: slot, second, cases: {<case>: {caseId, at}}}}.
     * The live queue reads the slots of the seconds it looks at by primary key, so neither a burst
     * of closes (a replay) nor time makes its poll read more, and nothing has to be pruned: a slot
     * is started afresh when a later second comes round to it. Entries are keyed by case, so a
     * close handed over again within the second adds none; later, it is told again, which costs a
     * console one reload.
     */
    private void recordRemoval(String caseId, Instant at) {
        long second = at.getEpochSecond();
        long slot = Math.floorMod(second, CaseReadModel.REMOVAL_SLOTS);
        Bson entry = Updates.set("cases." + key(caseId), new Document("caseId", caseId).append("at", Date.from(at)));
        Bson thisSecond = and(eq("_id", slot), eq("second", second));
        if (removals.updateOne(thisSecond, entry).getMatchedCount() > 0) {
            return;
        }
        try {
            // the slot holds an earlier second, or nothing yet: start it for this one
            removals.updateOne(and(eq("_id", slot), lt("second", second)), Updates.combine(
                    Updates.set("second", second), Updates.set("cases", new Document())), new UpdateOptions().upsert(true));
        } catch (MongoWriteException started) {
            // another writer started it for this second first, or it holds a later second already
            if (started.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw started;
            }
        }
        // no match: the slot has moved on to a later second, and no poll looks this far back
        removals.updateOne(thisSecond, entry);
    }

    /** A case's queue entry: the case's queue fields as they are, without the status (every entry is open). */
    private static Document queueEntry(Document c) {
        Document entry = new Document(c);
        entry.remove("status");
        entry.remove(STALLS);
        Date stalledSince = null;
        if (c.get(STALLS) instanceof Document stalls) {
            for (Object v : stalls.values()) {
                if (v instanceof Document stall && stall.getDate("since") != null
                        && (stalledSince == null || stall.getDate("since").before(stalledSince))) {
                    stalledSince = stall.getDate("since");
                }
            }
        }
        if (stalledSince != null) {
            entry.append(CaseReadModel.STALLED_SINCE, stalledSince);
        }
        return entry;
    }

    private static Document handover(PersonalText note, String by, Instant at) {
        return new Document("text", note.text()).append("by", by).append("at", Date.from(at));
    }

    /** Marks the case's queue entry as changed now; read by {@link CaseQueueChanges}. */
    private Bson changed() {
        return Updates.set("queueChangedAt", Date.from(clock.instant()));
    }

    private static Change countermeasureStatus(String caseId, String countermeasureId, String status, Bson more) {
        Bson set = Updates.set("countermeasures." + key(countermeasureId) + ".status", status);
        return Change.ofCase(caseId, more == null ? set : Updates.combine(set, more));
    }

    /** Overwrites every personal value of the person already copied into the read models. */
    private void erase(String personId) {
        for (Document entry : history.find(eq("personId", personId))) {
            List<String> paths = entry.getList("personal", String.class, List.of());
            if (paths.isEmpty()) {
                continue;
            }
            List<Bson> sets = new ArrayList<>();
            for (String path : paths) {
                sets.add(Updates.set("data." + path, PersonalText.ERASED_MARK));
            }
            history.updateOne(eq("_id", entry.getString("_id")), Updates.combine(sets));
        }
        cases.updateMany(eq("personId", personId), Updates.set("victimNumber", PersonalText.ERASED_MARK));
        cases.updateMany(and(eq("personId", personId), exists("handoverNote")),
                Updates.set("handoverNote.text", PersonalText.ERASED_MARK));
        // a person's data is erased once no case of theirs is open, so the queue holds none; should
        // it still, the entry is overwritten as the case is
        workQueue.updateMany(eq("personId", personId), Updates.set("victimNumber", PersonalText.ERASED_MARK));
        workQueue.updateMany(and(eq("personId", personId), exists("handoverNote")),
                Updates.set("handoverNote.text", PersonalText.ERASED_MARK));
        Document person = persons.find(eq("_id", personId)).first();
        if (person != null && person.get("relatives") instanceof Document relatives) {
            List<Bson> sets = new ArrayList<>();
            for (String key : relatives.keySet()) {
                sets.add(Updates.set("relatives." + key + ".name", PersonalText.ERASED_MARK));
                sets.add(Updates.set("relatives." + key + ".number", PersonalText.ERASED_MARK));
                sets.add(Updates.set("relatives." + key + ".active", false));
            }
            if (!sets.isEmpty()) {
                persons.updateOne(eq("_id", personId), Updates.combine(sets));
            }
        }
    }

    private String openCaseOf(String personId) {
        // the queue holds the open cases only: a few, where cases holds every case there ever was
        Document open = workQueue.find(eq("personId", personId)).projection(Projections.include("_id")).first();
        return open == null ? null : open.getString("_id");
    }

    private static String caseIdOf(PersonEvent event) {
        try {
            return (String) event.getClass().getMethod("caseId").invoke(event);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Ids become keys of sub-documents, where a dot would mean nesting. */
    static String key(String id) {
        return id.replace('.', '_').replace('$', '_');
    }

    @ResetHandler
    void reset() {
        cases.deleteMany(new Document());
        workQueue.deleteMany(new Document());
        removals.deleteMany(new Document());
        persons.deleteMany(new Document());
        history.deleteMany(new Document());
    }

    /** Writes the event's history entry; answers its key, for the case to list. */
    private String record(String eventId, PersonEvent event, String caseId, long seq, Instant at) {
        EventData.Rendered rendered = EventData.render((Record) event);
        String key = historyKey(at, eventId);
        Document entry = new Document("_id", key)
                .append("caseId", caseId)
                .append("personId", event.personId())
                .append("seq", seq)
                .append("type", event.getClass().getSimpleName())
                .append("occurredAt", Date.from(at))
                .append("actor", actorOf(event))
                .append("data", rendered.data())
                .append("personal", rendered.personalPaths());
        history.replaceOne(eq("_id", key), entry, new ReplaceOptions().upsert(true));
        return key;
    }

    /**
     * A history entry's key: the event's time (epoch milliseconds, 13 hex digits, so the keys sort
     * by it), then its id, which keeps the key unique and the same when the event is handled again.
     * Entries arrive in about the order of their events' times, so each one lands at the end of the
     * collection's key order: the embedded store then changes the same last page of the collection
     * and of its {@code _id} index for a run of entries, where keys by event id alone (random UUIDs)
     * sent every entry to a page of its own anywhere in the collection, read back from the file,
     * deserialised and written again whole for one entry (docs/performance.md, "steady state").
     */
    static String historyKey(Instant at, String eventId) {
        return String.format(Locale.ROOT, "%013x:%s", at.toEpochMilli(), eventId);
    }

    /** Whether the event is of a kind that can settle a stall ({@link #settles}); most are not. */
    private static boolean maySettle(PersonEvent event) {
        return SETTLING.contains(event.getClass());
    }

    private static String actorOf(PersonEvent event) {
        try {
            return (String) event.getClass().getMethod("actor").invoke(event);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}

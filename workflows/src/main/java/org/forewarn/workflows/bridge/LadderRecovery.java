package org.forewarn.workflows.bridge;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.ClueMerged;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.domain.person.api.CountermeasureApplied;
import org.forewarn.domain.person.api.CountermeasureLiftRequested;
import org.forewarn.domain.person.api.CountermeasureLifted;
import org.forewarn.domain.person.api.FamilyContacted;
import org.forewarn.domain.person.api.RungSkipped;
import org.forewarn.domain.person.api.RungStarted;
import org.forewarn.workflows.bridge.CaseProcessBridge.CaseStart;
import org.forewarn.workflows.bridge.CaseProcessBridge.Resume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-opens the processes of an open case from the event store alone: the case's ladder at the
 * rung its last {@code RungStarted} (or skip) names, with that rung's deadline, round and
 * whether the family was contacted; and the countermeasure process of every countermeasure
 * still in force, with its original expiry, told again to lift it when its lift was requested
 * or its case closed (that message may have died with the engine: a line or an account must
 * not stay restricted until expiry, or for ever, by a case that is over). The start messages
 * have no time to live, so a case
 * whose process is still running is left alone: Zeebe starts a message start event only when no
 * instance for that correlation key is active. Steps already done are not repeated, because
 * every worker's attempt id is the same for the re-opened step.
 */
public class LadderRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(LadderRecovery.class);

    private final EventStore events;
    private final CaseProcessBridge bridge;

    public LadderRecovery(EventStore events, CaseProcessBridge bridge) {
        this.events = events;
        this.bridge = bridge;
    }

    /** What recovery found for one case. */
    public record Position(String caseId, boolean open, Rung rung, Instant dueAt, int round, boolean familyDone,
                           int countermeasuresInForce, int liftsRequested) {
    }

    /** Re-opens the ladder of the case, if it is open, and the processes of its countermeasures in force. */
    public Position recover(String personId, String caseId) {
        Fold fold = new Fold(caseId);
        DomainEventStream stream = events.readEvents(personId);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            fold.on(message.getPayload());
        }
        if (fold.opened == null) {
            throw new IllegalArgumentException("case " + caseId + " is not a case of person " + personId);
        }
        Map<String, LiftReason> lifts = fold.liftsDue();
        for (CountermeasureApplied applied : fold.inForce.values()) {
            bridge.resumeCountermeasure(applied);
            LiftReason reason = lifts.get(applied.countermeasureId());
            if (reason != null) {
                bridge.resumeLift(applied.countermeasureId(), reason);
            }
        }
        if (fold.open) {
            Clue clue = fold.opened.clue();
            Resume resume = fold.rung == null ? null : new Resume(fold.rung, fold.dueAt, fold.round, fold.familyDone);
            bridge.resumeProcess(new CaseStart(caseId, personId, fold.risk, clue.category(),
                    fold.channel, clue.ageGroup(), resume));
        }
        LOG.info("recovery of case {}: open={}, rung={}, countermeasures in force={}, lifts requested again={}",
                caseId, fold.open, fold.rung, fold.inForce.size(), lifts.size());
        return new Position(caseId, fold.open, fold.rung, fold.dueAt, fold.round, fold.familyDone,
                fold.inForce.size(), lifts.size());
    }

    private static final class Fold {
        private final String caseId;
        private CaseOpened opened;
        private boolean open;
        private RiskLevel risk;
        private ClueChannel channel;
        private Rung rung;
        private Instant dueAt;
        private int round;
        private boolean familyDone;
        private final Map<String, CountermeasureApplied> inForce = new LinkedHashMap<>();
        private final Map<String, LiftReason> liftRequested = new LinkedHashMap<>();

        Fold(String caseId) {
            this.caseId = caseId;
        }

        void on(Object event) {
            switch (event) {
                case CaseOpened e when e.caseId().equals(caseId) -> {
                    opened = e;
                    open = true;
                    risk = e.clue().riskLevel();
                    channel = e.clue().channel();
                }
                case ClueMerged e when e.caseId().equals(caseId) -> {
                    risk = e.caseRisk();
                    if (e.riskRaised()) {
                        channel = e.clue().channel();
                    }
                }
                case RungStarted e when e.caseId().equals(caseId) -> {
                    rung = e.rung();
                    dueAt = e.dueAt();
                    round = roundOf(e.stepId());
                }
                case RungSkipped e when e.caseId().equals(caseId) -> {
                    rung = e.toRung();
                    dueAt = null;
                }
                case FamilyContacted e when e.caseId().equals(caseId) -> familyDone = true;
                case CaseResolved e when e.caseId().equals(caseId) -> open = false;
                case CountermeasureApplied e when e.caseId().equals(caseId) -> inForce.put(e.countermeasureId(), e);
                case CountermeasureLiftRequested e when e.caseId().equals(caseId) ->
                        liftRequested.put(e.countermeasureId(), e.reason());
                case CountermeasureLifted e when e.caseId().equals(caseId) -> {
                    inForce.remove(e.countermeasureId());
                    liftRequested.remove(e.countermeasureId());
                }
                default -> {
                }
            }
        }

        /** The countermeasures in force that must be lifted now, and why: requested, or their case closed. */
        Map<String, LiftReason> liftsDue() {
            Map<String, LiftReason> due = new LinkedHashMap<>();
            for (String countermeasureId : inForce.keySet()) {
                LiftReason reason = liftRequested.get(countermeasureId);
                if (reason == null && !open) {
                    reason = LiftReason.CASE_CLOSED;
                }
                if (reason != null) {
                    due.put(countermeasureId, reason);
                }
            }
            return due;
        }

        /** Step ids end with the round: {@code caseId:elementId:round}. */
        private static int roundOf(String stepId) {
            int colon = stepId.lastIndexOf(':');
            try {
                return colon < 0 ? 0 : Integer.parseInt(stepId.substring(colon + 1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}

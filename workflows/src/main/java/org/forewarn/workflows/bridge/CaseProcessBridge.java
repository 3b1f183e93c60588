package org.forewarn.workflows.bridge;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.forewarn.bpmn.Processes.Messages;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.Actors;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.AutomatedCallCompleted;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.ClueMerged;
import org.forewarn.domain.person.api.CountermeasureApplied;
import org.forewarn.domain.person.api.CountermeasureApproved;
import org.forewarn.domain.person.api.CountermeasureLiftRequested;
import org.forewarn.domain.person.api.CountermeasureProposed;
import org.forewarn.domain.person.api.CountermeasureRejected;
import org.forewarn.domain.person.api.FamilyContacted;
import org.forewarn.domain.person.api.HomeVisitReported;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.domain.person.api.OperatorCallRecorded;
import org.forewarn.domain.person.api.RungSkipped;
import org.forewarn.domain.person.api.WarningSmsFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns case events into Zeebe messages. Runs in its own tracking processor, which is never reset
 * or replayed: a replay would re-drive processes. Delivery is at least once, so every message has
 * a message id that Zeebe deduplicates on, and Zeebe's {@code ALREADY_EXISTS} answer counts as
 * success. Any other failure is thrown, so the processor retries the event (with the rest of its
 * batch) rather than skip it.
 *
 * <p>Variables carry identifiers and the clue's classification only, never a phone number.
 */
@ProcessingGroup(CaseProcessBridge.PROCESSING_GROUP)
@DisallowReplay
public class CaseProcessBridge {

    public static final String PROCESSING_GROUP = "zeebe-bridge";
    private static final Logger LOG = LoggerFactory.getLogger(CaseProcessBridge.class);

    private final CamundaClient zeebe;
    private final Duration messageTimeToLive;

    public CaseProcessBridge(CamundaClient zeebe, Duration messageTimeToLive) {
        this.zeebe = zeebe;
        this.messageTimeToLive = messageTimeToLive;
    }

    @EventHandler
    public void on(CaseOpened event) {
        Clue clue = event.clue();
        startProcess(new CaseStart(event.caseId(), event.personId(), clue.riskLevel(), clue.category(),
                clue.channel(), clue.ageGroup(), null));
    }

    /** A merged clue that raised the case's risk makes the ladder choose its plan again. */
    @EventHandler
    public void on(ClueMerged event, @MessageIdentifier String eventId) {
        if (!event.riskRaised()) {
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.RISK_LEVEL, event.caseRisk().name());
        variables.put(Variables.CHANNEL, event.clue().channel().name());
        publish(Messages.RISK_RAISED, event.caseId(), eventId, variables);
    }

    @EventHandler
    public void on(WarningSmsFailed event, @MessageIdentifier String eventId) {
        publish(Messages.WARNING_SMS_FAILED, event.caseId(), eventId, Map.of());
    }

    @EventHandler
    public void on(AutomatedCallCompleted event, @MessageIdentifier String eventId) {
        publish(Messages.AUTOMATED_CALL_RESULT, event.caseId(), eventId,
                Map.of(Variables.CALL_RESULT, event.result().name(), Variables.HEARD_WARNING, event.heardWarning()));
    }

    @EventHandler
    public void on(OperatorCallRecorded event, @MessageIdentifier String eventId) {
        publish(Messages.CALL_OUTCOME, event.caseId(), eventId, Map.of(Variables.OUTCOME, event.outcome().name()));
    }

    @EventHandler
    public void on(FamilyContacted event, @MessageIdentifier String eventId) {
        publish(Messages.FAMILY_CONTACTED, event.caseId(), eventId,
                Map.of(Variables.FAMILY_RESULT, event.result().name()));
    }

    @EventHandler
    public void on(HomeVisitReported event, @MessageIdentifier String eventId) {
        publish(Messages.HOME_VISIT_REPORTED, event.caseId(), eventId,
                Map.of(Variables.VISIT_RESULT, event.result().name()));
    }

    @EventHandler
    public void on(RungSkipped event, @MessageIdentifier String eventId) {
        publish(Messages.RUNG_SKIPPED, event.caseId(), eventId, Map.of(Variables.TARGET_RUNG, event.toRung().name()));
    }

    /**
     * An operator's proposal completes the ladder's proposal step. The ladder's own proposals
     * (the emergency branch's) already know their id, so they are not published.
     */
    @EventHandler
    public void on(CountermeasureProposed event, @MessageIdentifier String eventId) {
        if (!Actors.isHuman(event.actor())) {
            return;
        }
        publish(Messages.COUNTERMEASURE_PROPOSED, event.caseId(), eventId,
                Map.of(Variables.COUNTERMEASURE_ID, event.countermeasureId(),
                        Variables.COUNTERMEASURE_TYPE, event.type().name()));
    }

    /** The approval that completes the approvals required decides, and starts the countermeasure's own process. */
    @EventHandler
    public void on(CountermeasureApproved event, @MessageIdentifier String eventId) {
        if (event.approvals() < event.approvalsRequired()) {
            return;
        }
        publish(Messages.COUNTERMEASURE_DECIDED, event.countermeasureId(), eventId, Map.of(Variables.APPROVED, true));
        publish(Messages.COUNTERMEASURE_APPROVED, event.countermeasureId(), eventId + ":start",
                Map.of(Variables.CASE_ID, event.caseId(), Variables.PERSON_ID, event.personId(),
                        Variables.COUNTERMEASURE_ID, event.countermeasureId(),
                        Variables.COUNTERMEASURE_TYPE, event.type().name()));
    }

    @EventHandler
    public void on(CountermeasureRejected event, @MessageIdentifier String eventId) {
        publish(Messages.COUNTERMEASURE_DECIDED, event.countermeasureId(), eventId, Map.of(Variables.APPROVED, false));
    }

    @EventHandler
    public void on(CountermeasureApplied event, @MessageIdentifier String eventId) {
        publish(Messages.COUNTERMEASURE_APPLIED, event.countermeasureId(), eventId, Map.of());
    }

    @EventHandler
    public void on(CountermeasureLiftRequested event, @MessageIdentifier String eventId) {
        publish(Messages.COUNTERMEASURE_LIFT, event.countermeasureId(), eventId,
                Map.of(Variables.LIFT_REASON, event.reason().name()));
    }

    /** Ends the case's ladder, and has every countermeasure still in force lifted. */
    @EventHandler
    public void on(CaseResolved event, @MessageIdentifier String eventId) {
        publish(Messages.CASE_RESOLVED, event.caseId(), eventId, Map.of());
        for (String countermeasureId : event.countermeasuresToLift()) {
            publish(Messages.COUNTERMEASURE_LIFT, countermeasureId, eventId + ":" + countermeasureId,
                    Map.of(Variables.LIFT_REASON, LiftReason.CASE_CLOSED.name()));
        }
    }

    /**
     * Starts the case's dissuasion process, or does nothing if the message that starts it was
     * published before. Used for new cases, and to re-open the processes of open cases when an
     * engine that lost its state (the embedded one, after a restart) comes up: then
     * {@code resume} says at which rung, by when, in which round, and whether the family was
     * contacted already.
     */
    public void startProcess(CaseStart start) {
        publish(Messages.CASE_OPENED, start.caseId(), start.caseId(), startVariables(start), messageTimeToLive);
    }

    /**
     * Re-opens a case's process after an engine lost it (see {@link LadderRecovery}). The message
     * has no time to live, so it starts a process only if none of this case is active.
     */
    public void resumeProcess(CaseStart start) {
        new Publication(Messages.CASE_OPENED, start.caseId(), start.caseId() + ":resumed", startVariables(start),
                Duration.ZERO).awaitNow();
    }

    private static Map<String, Object> startVariables(CaseStart start) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.CASE_ID, start.caseId());
        variables.put(Variables.PERSON_ID, start.personId());
        variables.put(Variables.RISK_LEVEL, start.risk().name());
        variables.put(Variables.CATEGORY, start.category().name());
        variables.put(Variables.CHANNEL, start.channel().name());
        if (start.ageGroup() != null) {
            variables.put(Variables.AGE_GROUP, start.ageGroup().name());
        }
        Resume resume = start.resume();
        if (resume != null) {
            variables.put(Variables.RESUME_RUNG, resume.rung().name());
            if (resume.dueAt() != null) {
                variables.put(Variables.RESUME_DUE_AT, resume.dueAt().toString());
            }
            variables.put(Variables.ROUND, resume.round());
            variables.put(Variables.FAMILY_DONE, resume.familyDone());
        }
        return variables;
    }

    /**
     * Re-starts the process of a countermeasure in force with its original expiry; the apply step
     * finds it applied already and only reports that expiry again. No time to live: nothing
     * happens if its process is still running.
     */
    public void resumeCountermeasure(CountermeasureApplied applied) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.CASE_ID, applied.caseId());
        variables.put(Variables.PERSON_ID, applied.personId());
        variables.put(Variables.COUNTERMEASURE_ID, applied.countermeasureId());
        variables.put(Variables.COUNTERMEASURE_TYPE, applied.type().name());
        variables.put(Variables.EXPIRES_AT, applied.expiresAt() == null ? null : applied.expiresAt().toString());
        new Publication(Messages.COUNTERMEASURE_APPROVED, applied.countermeasureId(),
                applied.countermeasureId() + ":resumed", variables, Duration.ZERO).awaitNow();
    }

    /**
     * Tells a re-opened countermeasure process to lift its countermeasure: the lift requested
     * before the engine lost its state. With the bridge's time to live, so that it waits for the
     * process started just before; a process that is lifting already has no use for it.
     */
    public void resumeLift(String countermeasureId, LiftReason reason) {
        new Publication(Messages.COUNTERMEASURE_LIFT, countermeasureId, countermeasureId + ":lift:resumed",
                Map.of(Variables.LIFT_REASON, reason.name()), messageTimeToLive).awaitNow();
    }

    /** What a process start needs to know of its case: identifiers and classification only. */
    public record CaseStart(String caseId, String personId, RiskLevel risk, FraudCategory category,
                            ClueChannel channel, AgeGroup ageGroup, Resume resume) {
    }

    /** Where a re-opened process enters its ladder. */
    public record Resume(Rung rung, Instant dueAt, int round, boolean familyDone) {
    }

    private void publish(String name, String correlationKey, String messageId, Map<String, Object> variables) {
        publish(name, correlationKey, messageId, variables, messageTimeToLive);
    }

    /**
     * Publishes within the processor's batch when there is one, else now (recovery publishes now,
     * and reports what it did). A batch's messages are sent without waiting for one another (each
     * waits only for the message before it of the same aggregate, so one case's messages keep
     * their order) and all are awaited before the batch's token is stored: one round trip to the
     * engine per batch instead of one per event.
     */
    private void publish(String name, String correlationKey, String messageId, Map<String, Object> variables,
                         Duration timeToLive) {
        Publication publication = new Publication(name, correlationKey, messageId, variables, timeToLive);
        if (!CurrentUnitOfWork.isStarted()) {
            publication.awaitNow();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        String order = unitOfWork.getMessage() instanceof DomainEventMessage<?> event
                ? event.getAggregateIdentifier() : correlationKey;
        unitOfWork.root().getOrComputeResource(IN_FLIGHT, key -> {
            InFlight inFlight = new InFlight();
            unitOfWork.root().onPrepareCommit(u -> inFlight.awaitAll());
            return inFlight;
        }).add(order, publication);
    }

    private static final String IN_FLIGHT = CaseProcessBridge.class.getName() + ".inFlight";

    /** One message to publish. {@code ALREADY_EXISTS} is success: it was published before. */
    private final class Publication {
        private final String name;
        private final String correlationKey;
        private final String messageId;
        private final Map<String, Object> variables;
        private final Duration timeToLive;

        Publication(String name, String correlationKey, String messageId, Map<String, Object> variables,
                    Duration timeToLive) {
            this.name = name;
            this.correlationKey = correlationKey;
            this.messageId = messageId;
            this.variables = variables;
            this.timeToLive = timeToLive;
        }

        CompletableFuture<Void> send() {
            return zeebe.newPublishMessageCommand()
                        .messageName(name)
                        .correlationKey(correlationKey)
                        .messageId(messageId)
                        .timeToLive(timeToLive)
                        .variables(variables)
                        .send()
                        .toCompletableFuture()
                        .handle((response, failure) -> {
                            settle(failure);
                            return null;
                        });
        }

        void awaitNow() {
            try {
                send().join();
            } catch (CompletionException e) {
                throw unwrapped(e);
            }
        }

        private void settle(Throwable failure) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause == null) {
                LOG.info("published {} for {}", name, correlationKey);
            } else if (codeOf(cause) == Status.Code.ALREADY_EXISTS) {
                LOG.info("{} for {} was published before (message id {}): nothing to do", name, correlationKey,
                        messageId);
            } else if (cause instanceof StatusRuntimeException || cause instanceof StatusException) {
                // as join() throws it, and as the processor's log has always shown it
                throw new ClientStatusException(Status.fromThrowable(cause), cause);
            } else {
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            }
        }
    }

    /** The publications of one batch: in flight together, in order per aggregate. */
    private static final class InFlight {
        private final Map<String, CompletableFuture<Void>> lastOf = new LinkedHashMap<>();

        void add(String order, Publication publication) {
            CompletableFuture<Void> before = lastOf.get(order);
            lastOf.put(order, before == null ? publication.send() : before.thenCompose(done -> publication.send()));
        }

        void awaitAll() {
            RuntimeException first = null;
            for (CompletableFuture<Void> last : lastOf.values()) {
                try {
                    last.join();
                } catch (CompletionException e) {
                    if (first == null) {
                        first = unwrapped(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /**
     * The gRPC status of a failed call: {@code join()} throws it as the client's
     * {@link ClientStatusException}, while the future itself fails with gRPC's own exception.
     */
    static Status.Code codeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClientStatusException e) {
                return e.getStatusCode();
            }
            if (t instanceof StatusRuntimeException || t instanceof StatusException) {
                return Status.fromThrowable(t).getCode();
            }
        }
        return Status.Code.UNKNOWN;
    }

    private static RuntimeException unwrapped(CompletionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : e;
    }
}

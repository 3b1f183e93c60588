package org.forewarn.domain.person;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.forewarn.domain.Actors;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.Money;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.CallerIds;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Rung;
import org.forewarn.domain.Texts;
import org.forewarn.domain.person.api.AutomatedCallCompleted;
import org.forewarn.domain.person.api.AutomatedCallPlaced;
import org.forewarn.domain.person.api.CallResult;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseOpening;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.ChannelFailed;
import org.forewarn.domain.person.api.ClueMerged;
import org.forewarn.domain.person.api.CountermeasureApplied;
import org.forewarn.domain.person.api.CountermeasureApproved;
import org.forewarn.domain.person.api.CountermeasureLiftRequested;
import org.forewarn.domain.person.api.CountermeasureLifted;
import org.forewarn.domain.person.api.CountermeasureNoticeSent;
import org.forewarn.domain.person.api.CountermeasureProposed;
import org.forewarn.domain.person.api.CountermeasureRejected;
import org.forewarn.domain.person.api.CountermeasureWithdrawn;
import org.forewarn.domain.person.api.DecideCountermeasure;
import org.forewarn.domain.person.api.ErasePersonalData;
import org.forewarn.domain.person.api.FamilyContacted;
import org.forewarn.domain.person.api.FamilyWarningSent;
import org.forewarn.domain.person.api.FlagOverdue;
import org.forewarn.domain.person.api.FlashWarningDelivered;
import org.forewarn.domain.person.api.FlashWarningFailed;
import org.forewarn.domain.person.api.FlashWarningSent;
import org.forewarn.domain.person.api.HomeVisitReported;
import org.forewarn.domain.person.api.HomeVisitRequested;
import org.forewarn.domain.person.api.LiftCountermeasure;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.domain.person.api.OpenCase;
import org.forewarn.domain.person.api.OperatorCallRecorded;
import org.forewarn.domain.person.api.PersonalDataErased;
import org.forewarn.domain.person.api.ProposeCountermeasure;
import org.forewarn.domain.person.api.RecordAutomatedCallPlaced;
import org.forewarn.domain.person.api.RecordAutomatedCallResult;
import org.forewarn.domain.person.api.RecordCallOutcome;
import org.forewarn.domain.person.api.RecordChannelFailure;
import org.forewarn.domain.person.api.RecordCountermeasureApplied;
import org.forewarn.domain.person.api.RecordCountermeasureNoticeSent;
import org.forewarn.domain.person.api.RecordFamilyContact;
import org.forewarn.domain.person.api.RecordFamilyWarningSent;
import org.forewarn.domain.person.api.RecordFlashWarningDelivery;
import org.forewarn.domain.person.api.RecordFlashWarningSent;
import org.forewarn.domain.person.api.RecordRungStarted;
import org.forewarn.domain.person.api.RecordStepFailure;
import org.forewarn.domain.person.api.RecordWarningSmsDelivery;
import org.forewarn.domain.person.api.RecordWarningSmsSent;
import org.forewarn.domain.person.api.RegisterRelative;
import org.forewarn.domain.person.api.RelativeRegistered;
import org.forewarn.domain.person.api.RelativeRemoved;
import org.forewarn.domain.person.api.RemoveRelative;
import org.forewarn.domain.person.api.ReportHomeVisit;
import org.forewarn.domain.person.api.RequestCountermeasureLift;
import org.forewarn.domain.person.api.RequestHomeVisit;
import org.forewarn.domain.person.api.ResolveCase;
import org.forewarn.domain.person.api.RungOverdue;
import org.forewarn.domain.person.api.RungSkipped;
import org.forewarn.domain.person.api.RungStarted;
import org.forewarn.domain.person.api.SkipToRung;
import org.forewarn.domain.person.api.StepFailed;
import org.forewarn.domain.person.api.WarningSmsDelivered;
import org.forewarn.domain.person.api.WarningSmsFailed;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.forewarn.domain.person.api.CaseOpening.IntakeStatus;
import org.forewarn.domain.person.api.AddNote;
import org.forewarn.domain.person.api.AssignCase;
import org.forewarn.domain.person.api.CaseAssigned;
import org.forewarn.domain.person.api.CaseClaim;
import org.forewarn.domain.person.api.CaseClaimed;
import org.forewarn.domain.person.api.ClaimCase;
import org.forewarn.domain.person.api.ClaimReleased;
import org.forewarn.domain.person.api.ClaimRenewed;
import org.forewarn.domain.person.api.NoteAdded;
import org.forewarn.domain.person.api.NumberRevealed;
import org.forewarn.domain.person.api.ReleaseClaim;
import org.forewarn.domain.person.api.RenewClaim;
import org.forewarn.domain.person.api.RevealNumber;

/**
 * One person at risk, identified by the keyed hash of their phone number, and every rule of
 * their casework: at most one open case, which keeps every clue and whose risk only rises; the
 * ladder of that case, whose current rung an operator may only move ahead, and the rungs taken
 * on it, each step and attempt recorded once; the outcome that closes it, after which no rung
 * or outcome is accepted; countermeasures that only a human may approve (never the proposer,
 * and two supervisors for the intrusive ones) and that are lifted again, on appeal only when a
 * person asked for it; the relatives the family rung may contact; who works an open case (one
 * operator's claim at a time, which lapses at its {@code until} unless the claimant renews it by
 * working the case, and which a supervisor may reassign); notes; every reading of the unmasked
 * number; and the erasure of the person's personal data.
 */
public class AtRiskPerson {

    static final int MAX_RELATIVES = 5;
    static final Duration MAX_COUNTERMEASURE_TERM = Duration.ofDays(90);
    private static final int MAX_REASON = 2000;
    private static final int MAX_SHORT = 200;
    static final int MAX_FAILURE = 500;
    private static final int MAX_OPERATOR = 128;

    @AggregateIdentifier
    private String personId;
    private PhoneNumber ownNumber;
    private String openCaseId;
    private final Map<String, CaseState> cases = new HashMap<>();
    private final Map<String, CaseOpening> cluesTakenIn = new HashMap<>();
    /** Attempt and request ids already recorded, namespaced by what they recorded. */
    private final Set<String> requestsDone = new HashSet<>();
    private final Map<String, SmsAttempt> smsAttempts = new HashMap<>();
    private final Map<String, SmsAttempt> flashAttempts = new HashMap<>();
    private final Map<String, CallAttempt> callAttempts = new HashMap<>();
    private final Map<String, Visit> visits = new HashMap<>();
    private final Map<String, Countermeasure> countermeasures = new LinkedHashMap<>();
    private final Map<String, Relative> relatives = new LinkedHashMap<>();
    /** The claim on each case, as last claimed, renewed or assigned; an expired one is kept until replaced. */
    private final Map<String, CaseClaim> claims = new HashMap<>();
    /** The answer each claim or assignment request got, so that a retry gets it again. */
    private final Map<String, CaseClaim> claimAnswers = new HashMap<>();

    protected AtRiskPerson() {
        // for Axon
    }

    // ---- intake ---------------------------------------------------------------------------

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CaseOpening handle(OpenCase command) {
        CaseOpening earlier = cluesTakenIn.get(command.clue().clueId().value());
        if (earlier != null) {
            return earlier.asDuplicate();
        }
        if (openCaseId == null) {
            apply(new CaseOpened(command.personId(), command.newCaseId(), command.clue(), command.actor()));
            return new CaseOpening(command.newCaseId(), command.personId(), IntakeStatus.OPENED, false);
        }
        RiskLevel openCaseRisk = cases.get(openCaseId).risk();
        RiskLevel clueRisk = command.clue().riskLevel();
        boolean raised = clueRisk.isHigherThan(openCaseRisk);
        apply(new ClueMerged(personId, openCaseId, command.clue(), raised ? clueRisk : openCaseRisk, raised,
                command.actor()));
        return new CaseOpening(openCaseId, personId, IntakeStatus.MERGED, false);
    }

    // ---- the ladder -----------------------------------------------------------------------

    /** A machine or a person may record it: the process's listener does, once per step. */
    @CommandHandler
    public void handle(RecordRungStarted command) {
        if (!firstTime("rung", "stepId", command.stepId())) {
            return; // a step started again (redelivered job, recovered process) keeps its first deadline
        }
        requireOpen(command.caseId());
        Actors.required(command.actor());
        required("rung", command.rung());
        required("dueAt", command.dueAt());
        apply(new RungStarted(personId, command.caseId(), command.stepId(), command.rung(), command.dueAt(),
                command.actor()));
    }

    /**
     * Only ahead: the lower rungs were either tried or judged too weak, and going back would
     * warn the person again in a milder way than they have already been warned.
     */
    @CommandHandler
    public void handle(SkipToRung command) {
        if (!firstTime("skip", "requestId", command.requestId())) {
            return;
        }
        requireOpen(command.caseId());
        requireHuman(command.actor(), "the ladder is moved ahead by an operator who knows why");
        required("rung", command.rung());
        String reason = Texts.required("reason", command.reason() == null ? null : command.reason().text(),
                MAX_REASON);
        Rung current = cases.get(command.caseId()).rung();
        if (!command.rung().isAheadOf(current)) {
            throw new DomainRuleViolation("case " + command.caseId() + " is at rung " + current + "; the ladder "
                    + "only moves ahead, and " + command.rung() + " is not ahead of " + current);
        }
        apply(new RungSkipped(personId, command.caseId(), command.requestId(), current, command.rung(),
                new PersonalText(reason), command.actor()));
    }

    @CommandHandler
    public void handle(FlagOverdue command) {
        if (!firstTime("overdue", "stepId", command.stepId())) {
            return;
        }
        requireOpen(command.caseId());
        Actors.required(command.actor());
        required("rung", command.rung());
        required("dueAt", command.dueAt());
        apply(new RungOverdue(personId, command.caseId(), command.stepId(), command.rung(), command.dueAt(),
                command.actor()));
    }

    /**
     * The failure is a provider's or an exception's text that we do not control: it is cut to
     * {@value #MAX_FAILURE} characters and stray control characters become spaces rather than
     * being refused, since refusing it would lose the very failure an operator must see.
     */
    @CommandHandler
    public void handle(RecordChannelFailure command) {
        if (!firstTime("channel-failed", "attemptId", command.attemptId())) {
            return;
        }
        requireOpen(command.caseId());
        Actors.required(command.actor());
        required("rung", command.rung());
        apply(new ChannelFailed(personId, command.caseId(), command.attemptId(), command.rung(),
                failure(command.failure()), command.actor()));
    }

    @CommandHandler
    public void handle(RecordStepFailure command) {
        if (!firstTime("step-failed", "stepId", command.stepId())) {
            return;
        }
        requireOpen(command.caseId());
        Actors.required(command.actor());
        CallerIds.required("step", command.step());
        apply(new StepFailed(personId, command.caseId(), command.stepId(), command.step(), command.rung(),
                failure(command.failure()), command.actor()));
    }

    // ---- rungs ----------------------------------------------------------------------------

    @CommandHandler
    public void handle(RecordWarningSmsSent command) {
        if (firstTime("sms", "attemptId", command.attemptId())) {
            requireOpen(command.caseId());
            apply(new WarningSmsSent(personId, command.caseId(), command.attemptId(), command.messageId(),
                    command.provider(), command.actor()));
        }
    }

    /** A delivery report is a result of an attempt made while the case was open, so it is kept even after it closed. */
    @CommandHandler
    public void handle(RecordWarningSmsDelivery command) {
        SmsAttempt attempt = smsAttempts.get(command.attemptId());
        if (attempt == null || !attempt.caseId().equals(command.caseId())) {
            throw DomainRuleViolation.notFound("no warning SMS attempt " + command.attemptId() + " in case "
                    + command.caseId());
        }
        if (attempt.finalStatusKnown()) {
            return; // the first final status a provider reports is the one that counts
        }
        if (command.delivered()) {
            apply(new WarningSmsDelivered(personId, command.caseId(), command.attemptId(), command.providerStatus(),
                    command.at(), command.actor()));
        } else {
            apply(new WarningSmsFailed(personId, command.caseId(), command.attemptId(), command.providerStatus(),
                    command.at(), command.actor()));
        }
    }

    @CommandHandler
    public void handle(RecordFlashWarningSent command) {
        if (firstTime("flash", "attemptId", command.attemptId())) {
            requireOpen(command.caseId());
            apply(new FlashWarningSent(personId, command.caseId(), command.attemptId(), command.messageId(),
                    command.provider(), command.actor()));
        }
    }

    /** As for the warning SMS: a report of an attempt made while the case was open is kept even after it closed. */
    @CommandHandler
    public void handle(RecordFlashWarningDelivery command) {
        SmsAttempt attempt = flashAttempts.get(command.attemptId());
        if (attempt == null || !attempt.caseId().equals(command.caseId())) {
            throw DomainRuleViolation.notFound("no flash warning attempt " + command.attemptId() + " in case "
                    + command.caseId());
        }
        if (attempt.finalStatusKnown()) {
            return; // the first final status the SMSC reports is the one that counts
        }
        if (command.delivered()) {
            apply(new FlashWarningDelivered(personId, command.caseId(), command.attemptId(), command.providerStatus(),
                    command.at(), command.actor()));
        } else {
            apply(new FlashWarningFailed(personId, command.caseId(), command.attemptId(), command.providerStatus(),
                    command.at(), command.actor()));
        }
    }

    @CommandHandler
    public void handle(RecordAutomatedCallPlaced command) {
        if (firstTime("call", "attemptId", command.attemptId())) {
            requireOpen(command.caseId());
            apply(new AutomatedCallPlaced(personId, command.caseId(), command.attemptId(), command.callId(),
                    command.provider(), command.actor()));
        }
    }

    @CommandHandler
    public void handle(RecordAutomatedCallResult command) {
        CallAttempt call = callAttempts.get(command.attemptId());
        if (call == null || !call.caseId().equals(command.caseId())) {
            throw DomainRuleViolation.notFound("no automated call " + command.attemptId() + " in case "
                    + command.caseId());
        }
        if (call.completed()) {
            return;
        }
        if (command.heardWarning() && command.result() != CallResult.ANSWERED) {
            throw new InvalidValueException("heardWarning", "can only be true for an answered call");
        }
        apply(new AutomatedCallCompleted(personId, command.caseId(), command.attemptId(), command.result(),
                command.heardWarning(), command.at(), command.actor()));
    }

    @CommandHandler
    public void handle(RecordCallOutcome command) {
        if (!firstTime("call-outcome", "requestId", command.requestId())) {
            return;
        }
        requireOpen(command.caseId());
        requireHuman(command.actor(), "an operator call outcome is recorded by the operator who called");
        checkAmounts(command.outcome(), command.lossAmountFen(), command.amountSavedFen());
        apply(new OperatorCallRecorded(personId, command.caseId(), command.requestId(), command.outcome(),
                command.lossAmountFen(), command.amountSavedFen(), note(command.note()), command.actor()));
    }

    @CommandHandler
    public void handle(RecordFamilyContact command) {
        if (!firstTime("family", "attemptId", command.attemptId())) {
            return;
        }
        requireOpen(command.caseId());
        Relative relative = relatives.get(command.relativeId());
        if (relative == null || relative.removed()) {
            throw DomainRuleViolation.notFound("no registered relative " + command.relativeId());
        }
        apply(new FamilyContacted(personId, command.caseId(), command.attemptId(), command.relativeId(),
                command.method(), command.result(), note(command.note()), command.actor()));
    }

    /**
     * The family rung's SMS to one relative. Only to a relative registered and not removed: one
     * removed while the job waited is not warned, and the job completes without it.
     */
    @CommandHandler
    public void handle(RecordFamilyWarningSent command) {
        if (!firstTime("family-sms", "attemptId", command.attemptId())) {
            return;
        }
        requireOpen(command.caseId());
        Relative relative = relatives.get(command.relativeId());
        if (relative == null || relative.removed()) {
            throw DomainRuleViolation.notFound("no registered relative " + command.relativeId());
        }
        apply(new FamilyWarningSent(personId, command.caseId(), command.attemptId(), command.relativeId(),
                command.messageId(), command.provider(), command.actor()));
    }

    @CommandHandler
    public void handle(RequestHomeVisit command) {
        CallerIds.required("visitId", command.visitId());
        if (visits.containsKey(command.visitId())) {
            return;
        }
        requireOpen(command.caseId());
        for (Visit visit : visits.values()) {
            if (visit.caseId().equals(command.caseId()) && !visit.reported()) {
                if (!Actors.isHuman(command.actor())) {
                    return; // the ladder reached the rung again: it waits for the visit already on its way
                }
                throw new DomainRuleViolation("home visit " + visit.visitId
                        + " of this case is still waiting for its report");
            }
        }
        apply(new HomeVisitRequested(personId, command.caseId(), command.visitId(), command.dueBy(),
                command.actor()));
    }

    @CommandHandler
    public void handle(ReportHomeVisit command) {
        if (!firstTime("visit-report", "requestId", command.requestId())) {
            return;
        }
        Visit visit = visits.get(command.visitId());
        if (visit == null || !visit.caseId().equals(command.caseId())) {
            throw DomainRuleViolation.notFound("no home visit " + command.visitId() + " in case " + command.caseId());
        }
        if (visit.reported()) {
            throw new DomainRuleViolation("home visit " + command.visitId() + " was already reported");
        }
        requireOpen(command.caseId());
        requireHuman(command.actor(), "a home visit is reported by a person");
        String visitedBy = Texts.required("visitedBy", command.visitedBy(), MAX_SHORT);
        apply(new HomeVisitReported(personId, command.caseId(), command.visitId(), command.requestId(), visitedBy, command.visitedAt(),
                command.result(), note(command.note()), command.actor()));
    }

    // ---- who works the case ---------------------------------------------------------------

    /**
     * One operator at a time: a claim by another that has not reached its {@code until} refuses
     * the command. The claimant claiming again renews it. An expired claim needs no event to end:
     * it simply no longer counts, and the queue reads it the same way.
     */
    @CommandHandler
    public CaseClaim handle(ClaimCase command) {
        if (!firstTime("claim", "requestId", command.requestId())) {
            return claimAnswers.get(command.requestId());
        }
        requireOpen(command.caseId());
        requireHuman(command.actor(), "a case is claimed by the operator who works it");
        Instant until = claimUntil(command.at(), command.until());
        CaseClaim held = claims.get(command.caseId());
        if (held != null && !held.operator().equals(command.actor()) && held.until().isAfter(command.at())) {
            throw new DomainRuleViolation("case " + command.caseId() + " is claimed by " + held.operator()
                    + " until " + held.until() + "; ask them or a supervisor to hand it over");
        }
        apply(new CaseClaimed(personId, command.caseId(), command.requestId(), command.actor(), until,
                command.actor()));
        return claimAnswers.get(command.requestId());
    }

    /** Working the case keeps it: only the claimant's claim that is still running is renewed. */
    @CommandHandler
    public void handle(RenewClaim command) {
        if (!firstTime("renew", "requestId", command.requestId())) {
            return;
        }
        CaseState state = cases.get(command.caseId());
        CaseClaim held = claims.get(command.caseId());
        if (state == null || state.outcome() != null || held == null || !held.operator().equals(command.actor())
                || !held.until().isAfter(command.at())) {
            return;
        }
        Instant until = claimUntil(command.at(), command.until());
        if (!until.isAfter(held.until())) {
            return;
        }
        apply(new ClaimRenewed(personId, command.caseId(), command.requestId(), command.actor(), until,
                command.actor()));
    }

    /** Only the claimant gives a case back; a supervisor moves another's case by assigning it. */
    @CommandHandler
    public void handle(ReleaseClaim command) {
        if (!firstTime("release", "requestId", command.requestId())) {
            return;
        }
        requireOpen(command.caseId());
        requireHuman(command.actor(), "a claim is released by the operator who holds it");
        required("at", command.at());
        CaseClaim held = claims.get(command.caseId());
        if (held == null || !held.operator().equals(command.actor()) || !held.until().isAfter(command.at())) {
            throw new DomainRuleViolation("you hold no claim on case " + command.caseId()
                    + (held != null && held.until().isAfter(command.at()) ? "; " + held.operator() + " does" : ""));
        }
        apply(new ClaimReleased(personId, command.caseId(), command.requestId(), command.actor(),
                note("handoverNote", command.handoverNote()), command.actor()));
    }

    @CommandHandler
    public CaseClaim handle(AssignCase command) {
        if (!firstTime("assign", "requestId", command.requestId())) {
            return claimAnswers.get(command.requestId());
        }
        requireOpen(command.caseId());
        requireHuman(command.actor(), "a case is reassigned by a supervisor");
        String operator = Texts.required("operator", command.operator(), MAX_OPERATOR);
        if (!Actors.isHuman(operator) || operator.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValueException("operator", "must be the user name of a person");
        }
        Instant until = claimUntil(command.at(), command.until());
        CaseClaim held = claims.get(command.caseId());
        String previous = held != null && held.until().isAfter(command.at()) ? held.operator() : null;
        apply(new CaseAssigned(personId, command.caseId(), command.requestId(), operator, previous, until,
                note("note", command.note()), command.actor()));
        return claimAnswers.get(command.requestId());
    }

    // ---- notes and the unmasked number ----------------------------------------------------

    @CommandHandler
    public void handle(AddNote command) {
        if (!firstTime("note", "requestId", command.requestId())) {
            return;
        }
        requireOpen(command.caseId());
        requireHuman(command.actor(), "a note is written by a person");
        if (command.text() == null || command.text().text().isBlank()) {
            throw new InvalidValueException("text", "is required");
        }
        Texts.check("text", command.text().text(), PersonalText.MAX_LENGTH);
        apply(new NoteAdded(personId, command.caseId(), command.requestId(), command.text(), command.actor()));
    }

    /**
     * The number for the call, while the case is open. A retried request answers the number
     * again and records nothing more. After an erasure there is no number left to show.
     */
    @CommandHandler
    public PhoneNumber handle(RevealNumber command) {
        boolean first = firstTime("reveal", "requestId", command.requestId());
        if (!cases.containsKey(command.caseId())) {
            throw DomainRuleViolation.notFound("case " + command.caseId() + " is not a case of this person");
        }
        if (ownNumber == null || ownNumber.isErased()) {
            throw DomainRuleViolation.erased("the personal data of the person of case " + command.caseId()
                    + " was erased; there is no number to reveal");
        }
        if (!first) {
            return ownNumber;
        }
        requireOpen(command.caseId());
        requireHuman(command.actor(), "a number is revealed to the person who asks for it");
        apply(new NumberRevealed(personId, command.caseId(), command.requestId(), command.actor()));
        return ownNumber;
    }

    private static Instant claimUntil(Instant at, Instant until) {
        required("at", at);
        required("until", until);
        if (!until.isAfter(at)) {
            throw new InvalidValueException("until", "must be after the time of the claim");
        }
        return until;
    }

    // ---- outcome --------------------------------------------------------------------------

    @CommandHandler
    public void handle(ResolveCase command) {
        if (!firstTime("resolve", "requestId", command.requestId())) {
            return;
        }
        requireOpen(command.caseId());
        checkAmounts(command.outcome(), command.lossAmountFen(), command.amountSavedFen());
        List<String> toLift = new ArrayList<>();
        List<Countermeasure> toWithdraw = new ArrayList<>();
        for (Countermeasure c : countermeasures.values()) {
            if (!c.caseId().equals(command.caseId())) {
                continue;
            }
            if (c.status() == CountermeasureStatus.APPLIED) {
                toLift.add(c.id());
            } else if (c.status() == CountermeasureStatus.PROPOSED || c.status() == CountermeasureStatus.APPROVED) {
                toWithdraw.add(c);
            }
        }
        apply(new CaseResolved(personId, command.caseId(), command.requestId(), command.outcome(), command.lossAmountFen(),
                command.amountSavedFen(), note(command.note()), List.copyOf(toLift), command.actor()));
        for (Countermeasure c : toWithdraw) {
            apply(new CountermeasureWithdrawn(personId, c.caseId(), c.id(), c.type(), command.actor()));
        }
    }

    // ---- countermeasures ------------------------------------------------------------------

    /**
     * Answers the id of the countermeasure the proposal is about. When the process proposes a
     * type already proposed or in force (the emergency branch reached again), that one is the
     * answer, so the process follows it instead of failing; a person is told of the conflict.
     */
    @CommandHandler
    public String handle(ProposeCountermeasure command) {
        CallerIds.required("countermeasureId", command.countermeasureId());
        if (countermeasures.containsKey(command.countermeasureId())) {
            return command.countermeasureId();
        }
        requireOpen(command.caseId());
        String reason = Texts.required("reason", command.reason(), MAX_REASON);
        for (Countermeasure c : countermeasures.values()) {
            if (c.type() == command.type() && c.isActive()) {
                if (!Actors.isHuman(command.actor())) {
                    return c.id();
                }
                throw new DomainRuleViolation(command.type() + " is already " + c.status().name().toLowerCase()
                        + " for this person as countermeasure " + c.id());
            }
        }
        apply(new CountermeasureProposed(personId, command.caseId(), command.countermeasureId(), command.type(),
                reason, command.type().approvalsRequired(), command.actor()));
        return command.countermeasureId();
    }

    @CommandHandler
    public void handle(DecideCountermeasure command) {
        Countermeasure c = countermeasure(command.countermeasureId(), command.caseId());
        requireHuman(command.actor(), "a countermeasure is approved or rejected by a supervisor, "
                + "never automatically (PIPL art. 24)");
        if (command.actor().equals(c.proposer())) {
            throw DomainRuleViolation.forbidden("the proposer of countermeasure " + c.id()
                    + " cannot approve or reject it; another supervisor must decide");
        }
        if (c.approvers().contains(command.actor())) {
            throw new DomainRuleViolation(command.actor() + " has already approved countermeasure " + c.id()
                    + "; a second supervisor must approve");
        }
        if (c.status() != CountermeasureStatus.PROPOSED) {
            throw new DomainRuleViolation("countermeasure " + c.id() + " is already " + c.status().name().toLowerCase()
                    + "; it cannot be decided again");
        }
        requireOpen(c.caseId());
        String note = command.note() == null ? "" : command.note().strip();
        Texts.check("note", note, MAX_REASON);
        if (command.approve()) {
            apply(new CountermeasureApproved(personId, c.caseId(), c.id(), c.type(), note, c.approvers().size() + 1,
                    c.type().approvalsRequired(), command.actor()));
        } else {
            if (note.isEmpty()) {
                throw new InvalidValueException("note", "is required when rejecting: say why");
            }
            apply(new CountermeasureRejected(personId, c.caseId(), c.id(), c.type(), note, command.actor()));
        }
    }

    @CommandHandler
    public void handle(RecordCountermeasureApplied command) {
        Countermeasure c = countermeasure(command.countermeasureId(), null);
        if (c.status() == CountermeasureStatus.APPLIED || c.status() == CountermeasureStatus.LIFTED) {
            return; // applied once; a redelivered attempt changes nothing
        }
        if (c.status() != CountermeasureStatus.APPROVED) {
            throw new DomainRuleViolation("countermeasure " + c.id() + " is " + c.status().name().toLowerCase()
                    + "; only a countermeasure approved by " + c.type().approvalsRequired()
                    + " supervisor(s) can be applied");
        }
        if (command.notice() == null) {
            throw new InvalidValueException("notice", "is required: the person must be told the reason, "
                    + "how to appeal and what to send (Anti-Telecom Fraud Law art. 32)");
        }
        if (command.appliedAt() == null) {
            throw new InvalidValueException("appliedAt", "is required");
        }
        if (!c.type().expires() && command.expiresAt() != null) {
            throw new InvalidValueException("expiresAt", c.type() + " has no expiry");
        }
        if (c.type().expires()) {
            if (command.expiresAt() == null || !command.expiresAt().isAfter(command.appliedAt())) {
                throw new InvalidValueException("expiresAt", "is required for " + c.type()
                        + " and must be after the time it was applied");
            }
            if (Duration.between(command.appliedAt(), command.expiresAt()).compareTo(MAX_COUNTERMEASURE_TERM) > 0) {
                throw new InvalidValueException("expiresAt", "must be at most "
                        + MAX_COUNTERMEASURE_TERM.toDays() + " days after the time it was applied");
            }
        }
        apply(new CountermeasureApplied(personId, c.caseId(), c.id(), c.type(), command.attemptId(), command.appliedAt(),
                command.expiresAt(), command.notice(), command.actor()));
    }

    @CommandHandler
    public void handle(LiftCountermeasure command) {
        Countermeasure c = countermeasure(command.countermeasureId(), null);
        if (c.status() == CountermeasureStatus.LIFTED) {
            return;
        }
        if (c.status() != CountermeasureStatus.APPLIED) {
            throw new DomainRuleViolation("countermeasure " + c.id() + " is " + c.status().name().toLowerCase()
                    + ", not in force; there is nothing to lift");
        }
        switch (command.reason()) {
            case EXPIRED -> {
                if (c.expiresAt() == null || command.at().isBefore(c.expiresAt())) {
                    throw new DomainRuleViolation("countermeasure " + c.id() + " has not expired"
                            + (c.expiresAt() == null ? " (it has no expiry)" : " (it expires at " + c.expiresAt() + ")"));
                }
            }
            case CASE_CLOSED -> {
                if (cases.get(c.caseId()).outcome() == null) {
                    throw new DomainRuleViolation("case " + c.caseId() + " of countermeasure " + c.id() + " is still open");
                }
            }
            case APPEAL_UPHELD, VERIFICATION_PASSED -> {
                if (command.reason() != c.liftRequested()) {
                    requireHuman(command.actor(), "an appeal or verification is judged by a person, and no "
                            + "supervisor requested this lift for " + command.reason());
                }
            }
        }
        apply(new CountermeasureLifted(personId, c.caseId(), c.id(), c.type(), command.attemptId(), command.reason(),
                command.at(), command.actor()));
    }

    /**
     * The supervisor's judgement that lets the countermeasure process lift on their behalf. It
     * may come after the case closed: appeals and verifications do.
     */
    @CommandHandler
    public void handle(RequestCountermeasureLift command) {
        if (!firstTime("lift-request", "requestId", command.requestId())) {
            return;
        }
        requireHuman(command.actor(), "an appeal or verification is judged by a person");
        if (command.reason() == null) {
            throw new InvalidValueException("reason", "is required");
        }
        if (command.reason() != LiftReason.APPEAL_UPHELD && command.reason() != LiftReason.VERIFICATION_PASSED) {
            throw new InvalidValueException("reason", "must be APPEAL_UPHELD or VERIFICATION_PASSED; "
                    + command.reason() + " lifts are recorded by the countermeasure process itself");
        }
        Countermeasure c = countermeasure(command.countermeasureId(), command.caseId());
        if (c.status() != CountermeasureStatus.APPLIED) {
            throw new DomainRuleViolation("countermeasure " + c.id() + " is " + c.status().name().toLowerCase()
                    + ", not in force; there is nothing to lift");
        }
        if (c.liftRequested() != null) {
            throw new DomainRuleViolation("a lift of countermeasure " + c.id() + " was already requested ("
                    + c.liftRequested() + "); it is being lifted");
        }
        apply(new CountermeasureLiftRequested(personId, c.caseId(), c.id(), c.type(), command.requestId(),
                command.reason(), note(command.note()), command.actor()));
    }

    /** The art. 32 notice of a lift: recorded once the countermeasure is lifted, case open or not. */
    @CommandHandler
    public void handle(RecordCountermeasureNoticeSent command) {
        if (!firstTime("notice", "attemptId", command.attemptId())) {
            return;
        }
        Countermeasure c = countermeasure(command.countermeasureId(), command.caseId());
        if (c.status() != CountermeasureStatus.LIFTED) {
            throw new DomainRuleViolation("countermeasure " + c.id() + " is " + c.status().name().toLowerCase()
                    + ", not lifted; the person is told of a lift once it is done");
        }
        Actors.required(command.actor());
        apply(new CountermeasureNoticeSent(personId, c.caseId(), c.id(), command.attemptId(), command.messageId(),
                command.provider(), command.actor()));
    }

    // ---- relatives ------------------------------------------------------------------------

    @CommandHandler
    public void handle(RegisterRelative command) {
        CallerIds.required("relativeId", command.relativeId());
        if (relatives.containsKey(command.relativeId())) {
            return;
        }
        if (command.consent() == null || command.consentGivenAt() == null) {
            throw new InvalidValueException("consent", "is required: a relative is registered only with the "
                    + "person's consent, and how and when it was given");
        }
        if (command.relation() == null) {
            throw new InvalidValueException("relation", "is required");
        }
        if (command.number() == null || command.number().isErased()) {
            throw new InvalidValueException("number", "is required");
        }
        if (command.number().equals(ownNumber)) {
            throw new DomainRuleViolation("a relative's number must not be the person's own number");
        }
        long active = 0;
        for (Relative r : relatives.values()) {
            if (!r.removed()) {
                active++;
                if (command.number().equals(r.number())) {
                    throw new DomainRuleViolation("this number is already registered as relative " + r.relativeId());
                }
            }
        }
        if (active >= MAX_RELATIVES) {
            throw new DomainRuleViolation("at most " + MAX_RELATIVES + " relatives can be registered; remove one first");
        }
        PersonalText name = command.name() == null ? PersonalText.NONE : command.name();
        Texts.check("name", name.text(), MAX_SHORT);
        apply(new RelativeRegistered(personId, command.relativeId(), command.relation(), name, command.number(),
                command.consent(), command.consentGivenAt(), command.actor()));
    }

    @CommandHandler
    public void handle(RemoveRelative command) {
        Relative relative = relatives.get(command.relativeId());
        if (relative == null) {
            throw DomainRuleViolation.notFound("no registered relative " + command.relativeId());
        }
        if (relative.removed()) {
            return;
        }
        String reason = Texts.required("reason", command.reason(), MAX_REASON);
        apply(new RelativeRemoved(personId, command.relativeId(), reason, command.actor()));
    }

    // ---- erasure --------------------------------------------------------------------------

    @CommandHandler
    public void handle(ErasePersonalData command) {
        if (!firstTime("erase", "requestId", command.requestId())) {
            return;
        }
        requireHuman(command.actor(), "erasure is decided by a person");
        String reason = Texts.required("reason", command.reason(), MAX_REASON);
        if (openCaseId != null) {
            throw new DomainRuleViolation("case " + openCaseId + " is open; close it before erasing the person's data");
        }
        for (Countermeasure c : countermeasures.values()) {
            if (c.status() == CountermeasureStatus.APPLIED) {
                throw new DomainRuleViolation("countermeasure " + c.id() + " (" + c.type()
                        + ") is in force; lift it before erasing the person's data");
            }
        }
        apply(new PersonalDataErased(personId, command.requestId(), reason, command.actor()));
    }

    // ---- rules shared by the handlers -----------------------------------------------------

    /** Marks {@code id} as done for {@code kind}; false when it had been done before. */
    private boolean firstTime(String kind, String field, String id) {
        CallerIds.required(field, id);
        return !requestsDone.contains(kind + "/" + id);
    }

    private void requireOpen(String caseId) {
        CaseState state = cases.get(caseId);
        if (state == null) {
            throw DomainRuleViolation.notFound("case " + caseId + " is not a case of this person");
        }
        if (state.outcome() != null) {
            throw DomainRuleViolation.closed("case " + caseId + " is closed (" + state.outcome()
                    + "); no rung or outcome can be recorded on it");
        }
    }

    private static void requireHuman(String actor, String why) {
        Actors.required(actor);
        if (!Actors.isHuman(actor)) {
            throw DomainRuleViolation.forbidden(why + "; " + actor + " is not a person");
        }
    }

    private Countermeasure countermeasure(String id, String caseId) {
        Countermeasure c = countermeasures.get(id);
        if (c == null || (caseId != null && !c.caseId().equals(caseId))) {
            throw DomainRuleViolation.notFound("no countermeasure " + id
                    + (caseId == null ? "" : " in case " + caseId));
        }
        return c;
    }

    private static void checkAmounts(Outcome outcome, Long lossAmountFen, Long amountSavedFen) {
        if (outcome == null) {
            throw new InvalidValueException("outcome", "is required");
        }
        if (outcome == Outcome.LOSS_OCCURRED) {
            Money.positive("lossAmount", lossAmountFen);
        } else if (lossAmountFen != null) {
            throw new InvalidValueException("lossAmount", "is only given with the outcome LOSS_OCCURRED");
        }
        if (outcome == Outcome.PERSUADED) {
            if (amountSavedFen != null) {
                Money.positive("amountSaved", amountSavedFen);
            }
        } else if (amountSavedFen != null) {
            throw new InvalidValueException("amountSaved", "is only given with the outcome PERSUADED");
        }
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
    }

    /** A channel's or step's technical failure text: required, control characters blanked, cut to {@link #MAX_FAILURE}. */
    private static String failure(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException("failure", "is required");
        }
        StringBuilder text = new StringBuilder(raw.strip());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                text.setCharAt(i, ' ');
            }
        }
        if (text.length() > MAX_FAILURE) {
            int end = Character.isHighSurrogate(text.charAt(MAX_FAILURE - 1)) ? MAX_FAILURE - 1 : MAX_FAILURE;
            text.setLength(end);
        }
        return text.toString();
    }

    private static PersonalText note(PersonalText note) {
        return note("note", note);
    }

    private static PersonalText note(String field, PersonalText note) {
        if (note == null) {
            return PersonalText.NONE;
        }
        Texts.check(field, note.text(), PersonalText.MAX_LENGTH);
        return note;
    }

    // ---- state ----------------------------------------------------------------------------

    @EventSourcingHandler
    void on(CaseOpened event) {
        personId = event.personId();
        openCaseId = event.caseId();
        ownNumber = event.clue().victimNumber();
        cases.put(event.caseId(), new CaseState(event.clue().riskLevel(), null, null));
        cluesTakenIn.put(event.clue().clueId().value(),
                new CaseOpening(event.caseId(), event.personId(), IntakeStatus.OPENED, false));
    }

    @EventSourcingHandler
    void on(ClueMerged event) {
        cases.computeIfPresent(event.caseId(), (id, c) -> new CaseState(event.caseRisk(), c.outcome(), c.rung()));
        cluesTakenIn.put(event.clue().clueId().value(),
                new CaseOpening(event.caseId(), event.personId(), IntakeStatus.MERGED, false));
    }

    @EventSourcingHandler
    void on(RungStarted event) {
        requestsDone.add("rung/" + event.stepId());
        cases.computeIfPresent(event.caseId(), (id, c) -> new CaseState(c.risk(), c.outcome(), event.rung()));
    }

    @EventSourcingHandler
    void on(RungSkipped event) {
        requestsDone.add("skip/" + event.requestId());
        cases.computeIfPresent(event.caseId(), (id, c) -> new CaseState(c.risk(), c.outcome(), event.toRung()));
    }

    @EventSourcingHandler
    void on(RungOverdue event) {
        requestsDone.add("overdue/" + event.stepId());
    }

    @EventSourcingHandler
    void on(ChannelFailed event) {
        requestsDone.add("channel-failed/" + event.attemptId());
    }

    @EventSourcingHandler
    void on(StepFailed event) {
        requestsDone.add("step-failed/" + event.stepId());
    }

    @EventSourcingHandler
    void on(WarningSmsSent event) {
        requestsDone.add("sms/" + event.attemptId());
        smsAttempts.put(event.attemptId(), new SmsAttempt(event.caseId(), false));
    }

    @EventSourcingHandler
    void on(WarningSmsDelivered event) {
        smsAttempts.put(event.attemptId(), new SmsAttempt(event.caseId(), true));
    }

    @EventSourcingHandler
    void on(WarningSmsFailed event) {
        smsAttempts.put(event.attemptId(), new SmsAttempt(event.caseId(), true));
    }

    @EventSourcingHandler
    void on(FlashWarningSent event) {
        requestsDone.add("flash/" + event.attemptId());
        flashAttempts.put(event.attemptId(), new SmsAttempt(event.caseId(), false));
    }

    @EventSourcingHandler
    void on(FlashWarningDelivered event) {
        flashAttempts.put(event.attemptId(), new SmsAttempt(event.caseId(), true));
    }

    @EventSourcingHandler
    void on(FlashWarningFailed event) {
        flashAttempts.put(event.attemptId(), new SmsAttempt(event.caseId(), true));
    }

    @EventSourcingHandler
    void on(AutomatedCallPlaced event) {
        requestsDone.add("call/" + event.attemptId());
        callAttempts.put(event.attemptId(), new CallAttempt(event.caseId(), false));
    }

    @EventSourcingHandler
    void on(AutomatedCallCompleted event) {
        callAttempts.put(event.attemptId(), new CallAttempt(event.caseId(), true));
    }

    @EventSourcingHandler
    void on(OperatorCallRecorded event) {
        requestsDone.add("call-outcome/" + event.requestId());
    }

    @EventSourcingHandler
    void on(FamilyContacted event) {
        requestsDone.add("family/" + event.attemptId());
    }

    @EventSourcingHandler
    void on(FamilyWarningSent event) {
        requestsDone.add("family-sms/" + event.attemptId());
    }

    @EventSourcingHandler
    void on(HomeVisitRequested event) {
        visits.put(event.visitId(), new Visit(event.visitId(), event.caseId(), false));
    }

    @EventSourcingHandler
    void on(HomeVisitReported event) {
        visits.put(event.visitId(), new Visit(event.visitId(), event.caseId(), true));
        requestsDone.add("visit-report/" + event.requestId());
    }

    @EventSourcingHandler
    void on(CaseClaimed event) {
        requestsDone.add("claim/" + event.requestId());
        CaseClaim claim = new CaseClaim(event.operator(), event.until());
        claims.put(event.caseId(), claim);
        claimAnswers.put(event.requestId(), claim);
    }

    @EventSourcingHandler
    void on(ClaimRenewed event) {
        requestsDone.add("renew/" + event.requestId());
        claims.put(event.caseId(), new CaseClaim(event.operator(), event.until()));
    }

    @EventSourcingHandler
    void on(ClaimReleased event) {
        requestsDone.add("release/" + event.requestId());
        claims.remove(event.caseId());
    }

    @EventSourcingHandler
    void on(CaseAssigned event) {
        requestsDone.add("assign/" + event.requestId());
        CaseClaim claim = new CaseClaim(event.operator(), event.until());
        claims.put(event.caseId(), claim);
        claimAnswers.put(event.requestId(), claim);
    }

    @EventSourcingHandler
    void on(NoteAdded event) {
        requestsDone.add("note/" + event.requestId());
    }

    @EventSourcingHandler
    void on(NumberRevealed event) {
        requestsDone.add("reveal/" + event.requestId());
    }

    @EventSourcingHandler
    void on(CaseResolved event) {
        claims.remove(event.caseId());
        cases.computeIfPresent(event.caseId(), (id, c) -> new CaseState(c.risk(), event.outcome(), c.rung()));
        requestsDone.add("resolve/" + event.requestId());
        if (event.caseId().equals(openCaseId)) {
            openCaseId = null;
        }
    }

    @EventSourcingHandler
    void on(CountermeasureProposed event) {
        countermeasures.put(event.countermeasureId(), new Countermeasure(event.countermeasureId(), event.caseId(),
                event.type(), event.actor(), Set.of(), CountermeasureStatus.PROPOSED, null, null));
    }

    @EventSourcingHandler
    void on(CountermeasureApproved event) {
        Countermeasure c = countermeasures.get(event.countermeasureId());
        Set<String> approvers = new HashSet<>(c.approvers());
        approvers.add(event.actor());
        CountermeasureStatus status = event.approvals() >= event.approvalsRequired()
                ? CountermeasureStatus.APPROVED : CountermeasureStatus.PROPOSED;
        countermeasures.put(c.id(), new Countermeasure(c.id(), c.caseId(), c.type(), c.proposer(),
                Set.copyOf(approvers), status, null, null));
    }

    @EventSourcingHandler
    void on(CountermeasureRejected event) {
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> c.with(CountermeasureStatus.REJECTED));
    }

    @EventSourcingHandler
    void on(CountermeasureWithdrawn event) {
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> c.with(CountermeasureStatus.WITHDRAWN));
    }

    @EventSourcingHandler
    void on(CountermeasureApplied event) {
        Countermeasure c = countermeasures.get(event.countermeasureId());
        countermeasures.put(c.id(), new Countermeasure(c.id(), c.caseId(), c.type(), c.proposer(), c.approvers(),
                CountermeasureStatus.APPLIED, event.expiresAt(), null));
    }

    @EventSourcingHandler
    void on(CountermeasureLifted event) {
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> c.with(CountermeasureStatus.LIFTED));
    }

    @EventSourcingHandler
    void on(CountermeasureLiftRequested event) {
        requestsDone.add("lift-request/" + event.requestId());
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> new Countermeasure(c.id(), c.caseId(),
                c.type(), c.proposer(), c.approvers(), c.status(), c.expiresAt(), event.reason()));
    }

    @EventSourcingHandler
    void on(CountermeasureNoticeSent event) {
        requestsDone.add("notice/" + event.attemptId());
    }

    @EventSourcingHandler
    void on(RelativeRegistered event) {
        relatives.put(event.relativeId(), new Relative(event.relativeId(), event.number(), false));
    }

    @EventSourcingHandler
    void on(RelativeRemoved event) {
        relatives.computeIfPresent(event.relativeId(), (id, r) -> new Relative(id, r.number(), true));
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        // relatives were personal data: once erased they can no longer be contacted
        relatives.replaceAll((id, r) -> new Relative(id, PhoneNumber.ERASED, true));
        ownNumber = null;
        requestsDone.add("erase/" + event.requestId());
    }

    /** {@code rung} is the rung the ladder last started or was skipped to; null before the first. */
    private record CaseState(RiskLevel risk, Outcome outcome, Rung rung) {
    }

    private record SmsAttempt(String caseId, boolean finalStatusKnown) {
    }

    private record CallAttempt(String caseId, boolean completed) {
    }

    private record Visit(String visitId, String caseId, boolean reported) {
    }

    private enum CountermeasureStatus { PROPOSED, APPROVED, REJECTED, WITHDRAWN, APPLIED, LIFTED }

    /** {@code liftRequested} is the reason a supervisor asked for it to be lifted for, if any. */
    private record Countermeasure(String id, String caseId, CountermeasureType type, String proposer,
                                  Set<String> approvers, CountermeasureStatus status, Instant expiresAt,
                                  LiftReason liftRequested) {

        Countermeasure with(CountermeasureStatus newStatus) {
            return new Countermeasure(id, caseId, type, proposer, approvers, newStatus, expiresAt, liftRequested);
        }

        boolean isActive() {
            return status == CountermeasureStatus.PROPOSED || status == CountermeasureStatus.APPROVED
                    || status == CountermeasureStatus.APPLIED;
        }
    }

    private record Relative(String relativeId, PhoneNumber number, boolean removed) {
    }
}

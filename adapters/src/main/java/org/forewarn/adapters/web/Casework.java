package org.forewarn.adapters.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.web.CaseCommandRequests.AssignmentRequest;
import org.forewarn.adapters.web.CaseCommandRequests.DecisionRequest;
import org.forewarn.adapters.web.CaseCommandRequests.HandoverRequest;
import org.forewarn.adapters.web.CaseCommandRequests.NoteRequest;
import org.forewarn.adapters.web.CaseCommandRequests.ReleaseRequest;
import org.forewarn.adapters.web.CaseCommandRequests.FamilyContactRequest;
import org.forewarn.adapters.web.CaseCommandRequests.HomeVisitReportRequest;
import org.forewarn.adapters.web.CaseCommandRequests.HomeVisitRequest;
import org.forewarn.adapters.web.CaseCommandRequests.LiftRequest;
import org.forewarn.adapters.web.CaseCommandRequests.OutcomeRequest;
import org.forewarn.adapters.web.CaseCommandRequests.ProposalRequest;
import org.forewarn.adapters.web.CaseCommandRequests.ReasonRequest;
import org.forewarn.adapters.web.CaseCommandRequests.RelativeRequest;
import org.forewarn.adapters.web.CaseCommandRequests.SkipRequest;
import org.forewarn.adapters.web.CaseController.CaseNotFound;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.Rung;
import org.forewarn.domain.CallerIds;
import org.forewarn.domain.person.api.AddNote;
import org.forewarn.domain.person.api.AssignCase;
import org.forewarn.domain.person.api.CaseClaim;
import org.forewarn.domain.person.api.ClaimCase;
import org.forewarn.domain.person.api.ReleaseClaim;
import org.forewarn.domain.person.api.RenewClaim;
import org.forewarn.domain.person.api.RevealNumber;
import org.forewarn.domain.person.api.ConsentForm;
import org.forewarn.domain.person.api.ContactMethod;
import org.forewarn.domain.person.api.DecideCountermeasure;
import org.forewarn.domain.person.api.ErasePersonalData;
import org.forewarn.domain.person.api.FamilyContactResult;
import org.forewarn.domain.person.api.HomeVisitResult;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.domain.person.api.ProposeCountermeasure;
import org.forewarn.domain.person.api.RecordCallOutcome;
import org.forewarn.domain.person.api.RecordFamilyContact;
import org.forewarn.domain.person.api.RegisterRelative;
import org.forewarn.domain.person.api.Relation;
import org.forewarn.domain.person.api.RemoveRelative;
import org.forewarn.domain.person.api.ReportHomeVisit;
import org.forewarn.domain.person.api.RequestCountermeasureLift;
import org.forewarn.domain.person.api.RequestHomeVisit;
import org.forewarn.domain.person.api.ResolveCase;
import org.forewarn.domain.person.api.SkipToRung;

/**
 * Turns the API's case commands into domain commands: validates the body (all fields at once),
 * finds the person whose case it is, and derives the ids the command needs from the request's
 * {@code Idempotency-Key}, so that a retried request addresses the same attempt and changes
 * nothing. Without a key every request is a new attempt. A command of a person on a case they
 * have claimed renews the claim ({@link RenewClaim}, keyed by the command's own request id, so a
 * retried command renews once); a claim lasts {@code claimTtl} from its last renewal.
 */
public class Casework {

    private static final int ATTEMPTS = 3;

    private final CommandGateway commands;
    private final CaseReadModel cases;
    private final Clock clock;
    private final Duration claimTtl;

    public Casework(CommandGateway commands, CaseReadModel cases, Clock clock, Duration claimTtl) {
        if (claimTtl == null || claimTtl.isNegative() || claimTtl.isZero()) {
            throw new IllegalArgumentException("the claim's time to live must be positive: " + claimTtl);
        }
        this.commands = commands;
        this.cases = cases;
        this.clock = clock;
        this.claimTtl = claimTtl;
    }

    // ---- the console: claims, handover, notes, the unmasked number -------------------------

    public CaseClaim claim(String caseId, String key, String actor) {
        Instant now = now();
        return ask(new ClaimCase(personOf(caseId), caseId, requestId(key, caseId, "claim"), now, now.plus(claimTtl),
                actor));
    }

    public void release(String caseId, ReleaseRequest body, String key, String actor) {
        PersonalText note = body == null ? PersonalText.NONE : PersonalText.of("handoverNote", body.handoverNote());
        send(new ReleaseClaim(personOf(caseId), caseId, requestId(key, caseId, "release"), note, clock.instant(),
                actor));
    }

    /**
     * Releases every case the operator holds a running claim on, each with the note. Answers the
     * cases released. A repeat with the same key records nothing more; it answers the cases the
     * read model still shows as the caller's (released by the first call, its projection not yet
     * done) and none once it caught up.
     */
    public List<String> handover(HandoverRequest body, String key, String actor) {
        Fields f = Fields.of(body, "the handover note");
        PersonalText note = f.read(() -> PersonalText.of("note", Fields.required("note", body.note())));
        f.done();
        List<String> released = new ArrayList<>();
        for (String caseId : cases.claimedBy(actor, clock.instant())) {
            try {
                send(new ReleaseClaim(personOf(caseId), caseId, requestId(key, caseId, "handover"), note,
                        clock.instant(), actor));
                released.add(caseId);
            } catch (DomainRuleViolation e) {
                // closed, reassigned or lapsed since the read model listed it: it is no longer the caller's
            }
        }
        return released;
    }

    public CaseClaim assign(String caseId, AssignmentRequest body, String key, String actor) {
        Fields f = Fields.of(body, "the operator and a note");
        String operator = f.read(() -> Fields.required("operator", body.operator()));
        PersonalText note = f.read(() -> PersonalText.of("note", body.note()));
        f.done();
        Instant now = now();
        return ask(new AssignCase(personOf(caseId), caseId, requestId(key, caseId, "assign"), operator, note, now,
                now.plus(claimTtl), actor));
    }

    public String addNote(String caseId, NoteRequest body, String key, String actor) {
        Fields f = Fields.of(body, "the note's text");
        PersonalText text = f.read(() -> PersonalText.of("text", Fields.required("text", body.text())));
        f.done();
        String person = personOf(caseId);
        String requestId = requestId(key, caseId, "note");
        send(new AddNote(person, caseId, requestId, text, actor));
        renew(person, caseId, requestId, actor);
        return requestId;
    }

    /** The number, unmasked; never logged, and the reading is recorded on the case. */
    public PhoneNumber revealNumber(String caseId, String key, String actor) {
        String person = personOf(caseId);
        String requestId = requestId(key, caseId, "number-reveal");
        PhoneNumber number = ask(new RevealNumber(person, caseId, requestId, actor));
        renew(person, caseId, requestId, actor);
        return number;
    }

    /** To the millisecond, as the read models keep times: a claim reads the same in every answer. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The claimant's work keeps their claim; anyone else's changes nothing. */
    private void renew(String personId, String caseId, String requestId, String actor) {
        Instant now = now();
        send(new RenewClaim(personId, caseId, requestId, now, now.plus(claimTtl), actor));
    }

    // ---- the casework ----------------------------------------------------------------------

    public String recordCallOutcome(String caseId, OutcomeRequest body, String key, String actor) {
        OutcomeFields o = OutcomeFields.read(body, "the call outcome");
        String requestId = requestId(key, caseId, "call-outcome");
        String person = personOf(caseId);
        send(new RecordCallOutcome(person, caseId, requestId, o.outcome(), o.loss(), o.saved(), o.note(), actor));
        renew(person, caseId, requestId, actor);
        return requestId;
    }

    public void resolve(String caseId, OutcomeRequest body, String key, String actor) {
        OutcomeFields o = OutcomeFields.read(body, "the outcome");
        send(new ResolveCase(personOf(caseId), caseId, requestId(key, caseId, "resolve"), o.outcome(), o.loss(),
                o.saved(), o.note(), actor));
    }

    public Rung skipToRung(String caseId, SkipRequest body, String key, String actor) {
        Fields f = Fields.of(body, "the rung and the reason");
        Rung rung = f.read(() -> Rung.parse("rung", body.rung()));
        PersonalText reason = f.read(() -> PersonalText.of("reason", Fields.required("reason", body.reason())));
        f.done();
        String person = personOf(caseId);
        String requestId = requestId(key, caseId, "skip");
        send(new SkipToRung(person, caseId, requestId, rung, reason, actor));
        renew(person, caseId, requestId, actor);
        return rung;
    }

    public String proposeCountermeasure(String caseId, ProposalRequest body, String key, String actor) {
        Fields f = Fields.of(body, "the countermeasure's type and reason");
        CountermeasureType type = f.read(() -> CountermeasureType.parse("type", body.type()));
        String reason = f.read(() -> Fields.required("reason", body.reason()));
        f.done();
        String id = derivedId("cm", key, caseId, "countermeasure");
        String person = personOf(caseId);
        send(new ProposeCountermeasure(person, caseId, id, type, reason, actor));
        renew(person, caseId, id, actor);
        return id;
    }

    public boolean decideCountermeasure(String caseId, String countermeasureId, DecisionRequest body, String actor) {
        Fields f = Fields.of(body, "the decision");
        Boolean approve = f.read(() -> Fields.bool("approve", body.approve()));
        f.done();
        send(new DecideCountermeasure(personOf(caseId), caseId, countermeasureId, approve, body.note(), actor));
        return approve;
    }

    /** Only the reasons a person judges are offered: the others are the countermeasure process's own. */
    public void requestCountermeasureLift(String caseId, String countermeasureId, LiftRequest body, String key,
                                          String actor) {
        Fields f = Fields.of(body, "the reason for lifting");
        LiftReason reason = f.read(() -> requestableLiftReason(body.reason()));
        PersonalText note = f.read(() -> PersonalText.of("note", body.note()));
        f.done();
        String requestId = requestId(key, caseId + "/" + countermeasureId, "lift-request");
        send(new RequestCountermeasureLift(personOf(caseId), caseId, countermeasureId, requestId, reason, note,
                actor));
    }

    private static LiftReason requestableLiftReason(String code) {
        Fields.required("reason", code);
        if (!code.equals(LiftReason.APPEAL_UPHELD.name()) && !code.equals(LiftReason.VERIFICATION_PASSED.name())) {
            throw new InvalidValueException("reason", "must be one of APPEAL_UPHELD, VERIFICATION_PASSED");
        }
        return LiftReason.valueOf(code);
    }

    public String registerRelative(String caseId, RelativeRequest body, String key, String actor) {
        Fields f = Fields.of(body, "the relative");
        Relation relation = f.read(() -> Relation.parse("relation", body.relation()));
        PersonalText name = f.read(() -> PersonalText.of("name", body.name()));
        PhoneNumber number = f.read(() -> PhoneNumber.parse("number", body.number()));
        ConsentForm consent = f.read(() -> ConsentForm.parse("consent", body.consent()));
        Instant givenAt = f.read(() -> Fields.instant("consentGivenAt", body.consentGivenAt()));
        f.done();
        if (givenAt.isAfter(clock.instant().plusSeconds(600))) {
            throw new InvalidFields(List.of(
                    new InvalidFields.FieldError("consentGivenAt", "is in the future")));
        }
        String id = derivedId("rel", key, caseId, "relative");
        send(new RegisterRelative(personOf(caseId), id, relation, name, number, consent, givenAt, actor));
        return id;
    }

    public void removeRelative(String caseId, String relativeId, ReasonRequest body, String actor) {
        Fields f = Fields.of(body, "the reason");
        String reason = f.read(() -> Fields.required("reason", body.reason()));
        f.done();
        send(new RemoveRelative(personOf(caseId), relativeId, reason, actor));
    }

    public String requestHomeVisit(String caseId, HomeVisitRequest body, String key, String actor) {
        Fields f = Fields.of(body, "the home visit's deadline");
        Instant dueBy = f.read(() -> Fields.instant("dueBy", body.dueBy()));
        f.done();
        if (!dueBy.isAfter(clock.instant())) {
            throw new InvalidFields(List.of(new InvalidFields.FieldError("dueBy", "must be in the future")));
        }
        String visitId = derivedId("visit", key, caseId, "home-visit");
        send(new RequestHomeVisit(personOf(caseId), caseId, visitId, dueBy, actor));
        return visitId;
    }

    public void reportHomeVisit(String caseId, String visitId, HomeVisitReportRequest body, String key,
                                String actor) {
        Fields f = Fields.of(body, "the home visit report");
        String visitedBy = f.read(() -> Fields.required("visitedBy", body.visitedBy()));
        Instant visitedAt = f.read(() -> Fields.instant("visitedAt", body.visitedAt()));
        HomeVisitResult result = f.read(() -> HomeVisitResult.parse("result", body.result()));
        PersonalText note = f.read(() -> PersonalText.of("note", body.note()));
        f.done();
        send(new ReportHomeVisit(personOf(caseId), caseId, visitId, requestId(key, caseId, "visit-report"), visitedBy,
                visitedAt, result, note, actor));
    }

    public String recordFamilyContact(String caseId, FamilyContactRequest body, String key, String actor) {
        Fields f = Fields.of(body, "the family contact");
        String relativeId = f.read(() -> CallerIds.required("relativeId", body.relativeId()));
        ContactMethod method = f.read(() -> ContactMethod.parse("method", body.method()));
        FamilyContactResult result = f.read(() -> FamilyContactResult.parse("result", body.result()));
        PersonalText note = f.read(() -> PersonalText.of("note", body.note()));
        f.done();
        String attemptId = requestId(key, caseId, "family-contact");
        String person = personOf(caseId);
        send(new RecordFamilyContact(person, caseId, attemptId, relativeId, method, result, note, actor));
        renew(person, caseId, attemptId, actor);
        return attemptId;
    }

    public void erase(String personId, ReasonRequest body, String key, String actor) {
        Fields f = Fields.of(body, "the reason");
        String reason = f.read(() -> Fields.required("reason", body.reason()));
        f.done();
        send(new ErasePersonalData(personId, requestId(key, personId, "erase"), reason, actor));
    }

    /** The fields of a call outcome and of a resolution, which are the same. */
    private record OutcomeFields(Outcome outcome, Long loss, Long saved, PersonalText note) {

        static OutcomeFields read(OutcomeRequest body, String what) {
            Fields f = Fields.of(body, what);
            Outcome outcome = f.read(() -> Outcome.parse("outcome", body.outcome()));
            Long loss = f.read(() -> Fields.fen("lossAmount", body.lossAmount()));
            Long saved = f.read(() -> Fields.fen("amountSaved", body.amountSaved()));
            PersonalText note = f.read(() -> PersonalText.of("note", body.note()));
            f.done();
            return new OutcomeFields(outcome, loss, saved, note);
        }
    }

    private String personOf(String caseId) {
        return cases.personOf(caseId).orElseThrow(() -> new CaseNotFound(caseId));
    }

    /** The attempt id of a request: its idempotency key scoped to the case and the kind of call, or a new one. */
    static String requestId(String key, String scope, String kind) {
        return derivedId("req", key, scope, kind);
    }

    static String derivedId(String prefix, String key, String scope, String kind) {
        if (key == null) {
            return prefix + "-" + UUID.randomUUID();
        }
        try {
            CallerIds.required("Idempotency-Key", key);
        } catch (InvalidValueException e) {
            throw new InvalidFields(List.of(new InvalidFields.FieldError(e.field(), e.reason())));
        }
        byte[] name = (scope + "/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8);
        return prefix + "-" + UUID.nameUUIDFromBytes(name);
    }

    private void send(Object command) {
        ask(command);
    }

    /** Sends and waits for the answer; a concurrent write to the same person is retried, as the command may still apply. */
    private <R> R ask(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command);
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}

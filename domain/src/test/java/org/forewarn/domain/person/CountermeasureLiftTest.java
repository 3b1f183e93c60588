package org.forewarn.domain.person;

import static org.forewarn.domain.CountermeasureType.CANCEL_FORWARDING;
import static org.forewarn.domain.CountermeasureType.CUT_DATA;
import static org.forewarn.domain.person.PersonFixtures.CASE;
import static org.forewarn.domain.person.PersonFixtures.NOW;
import static org.forewarn.domain.person.PersonFixtures.NO_NOTE;
import static org.forewarn.domain.person.PersonFixtures.PERSON;
import static org.forewarn.domain.person.PersonFixtures.applied;
import static org.forewarn.domain.person.PersonFixtures.approved;
import static org.forewarn.domain.person.PersonFixtures.opened;
import static org.forewarn.domain.person.PersonFixtures.proposed;
import static org.forewarn.domain.person.PersonFixtures.resolved;
import static org.forewarn.domain.person.PersonFixtures.violation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.DomainRuleViolation.Kind;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.person.api.CountermeasureLiftRequested;
import org.forewarn.domain.person.api.CountermeasureLifted;
import org.forewarn.domain.person.api.CountermeasureNoticeSent;
import org.forewarn.domain.person.api.CountermeasureProposed;
import org.forewarn.domain.person.api.LiftCountermeasure;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.domain.person.api.ProposeCountermeasure;
import org.forewarn.domain.person.api.RecordCountermeasureNoticeSent;
import org.forewarn.domain.person.api.RequestCountermeasureLift;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The countermeasure process's part in the rules: a lift on appeal or verification that a
 * supervisor requested and the process then records, the notice of a lift, and the answer to a
 * proposal the process makes again.
 */
class CountermeasureLiftTest {

    private static final String CM = "cm-1";
    private static final String PROCESS = "system:countermeasure";
    private static final PersonalText NOTE = new PersonalText("本人持身份证到营业厅核验通过");
    private static final CountermeasureLiftRequested REQUESTED = new CountermeasureLiftRequested(PERSON, CASE, CM,
            CANCEL_FORWARDING, "req-1", LiftReason.VERIFICATION_PASSED, NOTE, "supervisor");
    private static final CountermeasureLifted LIFTED = new CountermeasureLifted(PERSON, CASE, CM, CANCEL_FORWARDING,
            "lift-1", LiftReason.VERIFICATION_PASSED, NOW, PROCESS);

    private FixtureConfiguration<AtRiskPerson> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AtRiskPerson.class);
    }

    private static Object[] inForce() {
        return new Object[] {opened(), proposed(CM, CANCEL_FORWARDING), approved(CM, CANCEL_FORWARDING, "s1", 1),
                applied(CM, CANCEL_FORWARDING)};
    }

    private static Object[] inForceAnd(Object... more) {
        Object[] base = inForce();
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    // ---- requesting a lift

    @Test
    void aSupervisorRequestsTheLiftOfACountermeasureInForce() {
        fixture.given(inForce())
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-1", LiftReason.VERIFICATION_PASSED, NOTE,
                       "supervisor"))
               .expectEvents(REQUESTED);
    }

    @Test
    void theNoteIsOptional() {
        fixture.given(inForce())
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-1", LiftReason.APPEAL_UPHELD, null,
                       "supervisor"))
               .expectEvents(new CountermeasureLiftRequested(PERSON, CASE, CM, CANCEL_FORWARDING, "req-1",
                       LiftReason.APPEAL_UPHELD, NO_NOTE, "supervisor"));
    }

    @Test
    void aRetriedLiftRequestChangesNothing() {
        fixture.given(inForceAnd(REQUESTED))
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-1", LiftReason.VERIFICATION_PASSED, NOTE,
                       "supervisor"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aSecondRequestWhileTheFirstIsBeingLiftedIsRefused() {
        fixture.given(inForceAnd(REQUESTED))
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-2", LiftReason.APPEAL_UPHELD, NOTE,
                       "supervisor2"))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("a lift of countermeasure cm-1 was already requested (VERIFICATION_PASSED); "
                       + "it is being lifted");
    }

    @Test
    void anAppealOrVerificationIsJudgedByAPerson() {
        fixture.given(inForce())
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-1", LiftReason.APPEAL_UPHELD, NOTE,
                       "system:appeals"))
               .expectException(violation(Kind.FORBIDDEN))
               .expectExceptionMessage("an appeal or verification is judged by a person; "
                       + "system:appeals is not a person");
    }

    @Test
    void onlyAnAppealOrAVerificationIsRequested() {
        fixture.given(inForce())
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-1", LiftReason.EXPIRED, NOTE, "supervisor"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("reason: must be APPEAL_UPHELD or VERIFICATION_PASSED; "
                       + "EXPIRED lifts are recorded by the countermeasure process itself");
        fixture.given(inForce())
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-1", null, NOTE, "supervisor"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("reason: is required");
    }

    @Test
    void aLiftIsRequestedForACountermeasureOfTheCase() {
        fixture.given(inForce())
               .when(new RequestCountermeasureLift(PERSON, CASE, "cm-9", "req-1", LiftReason.APPEAL_UPHELD, NOTE,
                       "supervisor"))
               .expectException(violation(Kind.NOT_FOUND))
               .expectExceptionMessage("no countermeasure cm-9 in case case-1");
        fixture.given(inForce())
               .when(new RequestCountermeasureLift(PERSON, "case-2", CM, "req-1", LiftReason.APPEAL_UPHELD, NOTE,
                       "supervisor"))
               .expectException(violation(Kind.NOT_FOUND))
               .expectExceptionMessage("no countermeasure cm-1 in case case-2");
    }

    @Test
    void onlyACountermeasureInForceIsLifted() {
        fixture.given(opened(), proposed(CM, CUT_DATA))
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-1", LiftReason.APPEAL_UPHELD, NOTE,
                       "supervisor"))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("countermeasure cm-1 is proposed, not in force; there is nothing to lift");
        fixture.given(inForceAnd(REQUESTED, LIFTED))
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-2", LiftReason.APPEAL_UPHELD, NOTE,
                       "supervisor"))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("countermeasure cm-1 is lifted, not in force; there is nothing to lift");
    }

    @Test
    void anAppealMayBeUpheldAfterTheCaseClosed() {
        fixture.given(inForceAnd(resolved(Outcome.PERSUADED)))
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-1", LiftReason.VERIFICATION_PASSED, NOTE,
                       "supervisor"))
               .expectEvents(REQUESTED);
    }

    @Test
    void theNoteIsAtMost2000Characters() {
        fixture.given(inForce())
               .when(new RequestCountermeasureLift(PERSON, CASE, CM, "req-1", LiftReason.APPEAL_UPHELD,
                       new PersonalText("x".repeat(2001)), "supervisor"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("note: is longer than 2000 characters");
    }

    // ---- the process lifts what was requested

    @Test
    void theProcessLiftsForTheReasonASupervisorRequested() {
        fixture.given(inForceAnd(REQUESTED))
               .when(new LiftCountermeasure(PERSON, CM, "lift-1", LiftReason.VERIFICATION_PASSED, NOW, PROCESS))
               .expectEvents(LIFTED);
    }

    @Test
    void theProcessDoesNotLiftForAReasonNobodyRequested() {
        fixture.given(inForceAnd(REQUESTED))
               .when(new LiftCountermeasure(PERSON, CM, "lift-1", LiftReason.APPEAL_UPHELD, NOW, PROCESS))
               .expectException(violation(Kind.FORBIDDEN))
               .expectExceptionMessage("an appeal or verification is judged by a person, and no supervisor "
                       + "requested this lift for APPEAL_UPHELD; system:countermeasure is not a person");
    }

    // ---- the notice of a lift

    @Test
    void theNoticeOfALiftIsRecordedOnceEvenAfterTheCaseClosed() {
        CountermeasureNoticeSent sent = new CountermeasureNoticeSent(PERSON, CASE, CM, "notice-1", "msg-1", "outbox",
                "system:send-countermeasure-notice");
        fixture.given(inForceAnd(resolved(Outcome.PERSUADED), LIFTED))
               .when(new RecordCountermeasureNoticeSent(PERSON, CASE, CM, "notice-1", "msg-1", "outbox",
                       "system:send-countermeasure-notice"))
               .expectEvents(sent);
        fixture.given(inForceAnd(LIFTED, sent))
               .when(new RecordCountermeasureNoticeSent(PERSON, CASE, CM, "notice-1", "msg-2", "outbox",
                       "system:send-countermeasure-notice"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void noNoticeOfALiftBeforeTheLift() {
        fixture.given(inForce())
               .when(new RecordCountermeasureNoticeSent(PERSON, CASE, CM, "notice-1", "msg-1", "outbox",
                       "system:send-countermeasure-notice"))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("countermeasure cm-1 is applied, not lifted; "
                       + "the person is told of a lift once it is done");
        fixture.given(opened())
               .when(new RecordCountermeasureNoticeSent(PERSON, CASE, CM, "notice-1", "msg-1", "outbox",
                       "system:send-countermeasure-notice"))
               .expectException(violation(Kind.NOT_FOUND))
               .expectExceptionMessage("no countermeasure cm-1 in case case-1");
    }

    // ---- what a proposal answers

    @Test
    void aProposalAnswersTheIdOfItsCountermeasure() {
        fixture.given(opened())
               .when(new ProposeCountermeasure(PERSON, CASE, CM, CANCEL_FORWARDING, "line forwarded", "operator"))
               .expectResultMessagePayload(CM);
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING))
               .when(new ProposeCountermeasure(PERSON, CASE, CM, CANCEL_FORWARDING, "line forwarded", "operator"))
               .expectNoEvents()
               .expectResultMessagePayload(CM);
    }

    @Test
    void theProcessProposingATypeAlreadyActiveIsAnsweredWithTheActiveOne() {
        fixture.given(inForce())
               .when(new ProposeCountermeasure(PERSON, CASE, "cm-2", CANCEL_FORWARDING, "line forwarded",
                       "system:propose-countermeasure"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(CM);
        fixture.given(inForceAnd(LIFTED))
               .when(new ProposeCountermeasure(PERSON, CASE, "cm-2", CANCEL_FORWARDING, "line forwarded",
                       "system:propose-countermeasure"))
               .expectEvents(new CountermeasureProposed(PERSON, CASE, "cm-2", CANCEL_FORWARDING, "line forwarded", 1,
                       "system:propose-countermeasure"))
               .expectResultMessagePayload("cm-2");
    }
}

package org.forewarn.domain.person;

import static org.forewarn.domain.person.PersonFixtures.CASE;
import static org.forewarn.domain.person.PersonFixtures.NOW;
import static org.forewarn.domain.person.PersonFixtures.PERSON;
import static org.forewarn.domain.person.PersonFixtures.opened;
import static org.forewarn.domain.person.PersonFixtures.resolved;
import static org.forewarn.domain.person.PersonFixtures.violation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.DomainRuleViolation.Kind;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.ChannelFailed;
import org.forewarn.domain.person.api.FlagOverdue;
import org.forewarn.domain.person.api.HomeVisitRequested;
import org.forewarn.domain.person.api.RecordCallOutcome;
import org.forewarn.domain.person.api.RecordChannelFailure;
import org.forewarn.domain.person.api.RecordRungStarted;
import org.forewarn.domain.person.api.RecordStepFailure;
import org.forewarn.domain.person.api.RequestHomeVisit;
import org.forewarn.domain.person.api.RungOverdue;
import org.forewarn.domain.person.api.RungSkipped;
import org.forewarn.domain.person.api.RungStarted;
import org.forewarn.domain.person.api.SkipToRung;
import org.forewarn.domain.person.api.StepFailed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ladder of a case: each step started once with its first deadline, the current rung that an
 * operator may only move ahead, overdue steps and channels that failed for good — and nothing of
 * it on a closed case, which a worker can tell from any other conflict.
 */
class LadderTest {

    private static final String LISTENER = "system:rung-started";
    private static final PersonalText WHY = new PersonalText("本人情绪激动，已转账两次");

    private FixtureConfiguration<AtRiskPerson> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AtRiskPerson.class);
    }

    private static RungStarted started(String stepId, Rung rung) {
        return new RungStarted(PERSON, CASE, stepId, rung, NOW.plusSeconds(3600), LISTENER);
    }

    // ---- rungs started

    @Test
    void aRungStartedIsRecordedWithItsDeadline() {
        fixture.given(opened())
               .when(new RecordRungStarted(PERSON, CASE, "step-1", Rung.WARNING_SMS, NOW.plusSeconds(3600), LISTENER))
               .expectEvents(started("step-1", Rung.WARNING_SMS));
    }

    @Test
    void aPersonMayRecordARungStartedToo() {
        fixture.given(opened())
               .when(new RecordRungStarted(PERSON, CASE, "step-1", Rung.OPERATOR_CALL, NOW, "operator"))
               .expectEvents(new RungStarted(PERSON, CASE, "step-1", Rung.OPERATOR_CALL, NOW, "operator"));
    }

    @Test
    void aStepStartedAgainKeepsItsFirstDeadline() {
        fixture.given(opened(), started("step-1", Rung.WARNING_SMS))
               .when(new RecordRungStarted(PERSON, CASE, "step-1", Rung.WARNING_SMS, NOW.plusSeconds(7200), LISTENER))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aRungStartedNamesItsRungAndDeadline() {
        fixture.given(opened())
               .when(new RecordRungStarted(PERSON, CASE, "step-1", Rung.WARNING_SMS, null, LISTENER))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("dueAt: is required");
        fixture.given(opened())
               .when(new RecordRungStarted(PERSON, CASE, "step-1", null, NOW, LISTENER))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("rung: is required");
        fixture.given(opened())
               .when(new RecordRungStarted(PERSON, CASE, "step-1", Rung.WARNING_SMS, NOW, " "))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("actor: is required");
    }

    @Test
    void noRungStartsOnAClosedCaseAndAWorkerCanTellWhy() {
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new RecordRungStarted(PERSON, CASE, "step-1", Rung.FLASH_WARNING, NOW, LISTENER))
               .expectException(violation(Kind.CLOSED))
               .expectExceptionMessage("case case-1 is closed (PERSUADED); no rung or outcome can be recorded on it");
    }

    @Test
    void everyCommandOnAClosedCaseIsRefusedAsClosed() {
        fixture.given(opened(), resolved(Outcome.FALSE_ALARM))
               .when(new RecordCallOutcome(PERSON, CASE, "req-1", Outcome.REFUSED, null, null, PersonalText.NONE,
                       "operator"))
               .expectException(violation(Kind.CLOSED));
    }

    @Test
    void aRungOfAnotherPersonsCaseIsNotFound() {
        fixture.given(opened())
               .when(new RecordRungStarted(PERSON, "case-9", "step-1", Rung.WARNING_SMS, NOW, LISTENER))
               .expectException(violation(Kind.NOT_FOUND))
               .expectExceptionMessage("case case-9 is not a case of this person");
    }

    // ---- skipping ahead

    @Test
    void anOperatorSkipsAheadFromTheCurrentRung() {
        fixture.given(opened(), started("step-1", Rung.WARNING_SMS))
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.OPERATOR_CALL, WHY, "operator"))
               .expectEvents(new RungSkipped(PERSON, CASE, "skip-1", Rung.WARNING_SMS, Rung.OPERATOR_CALL, WHY,
                       "operator"));
    }

    @Test
    void beforeAnyRungStartedEveryRungIsAhead() {
        fixture.given(opened())
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.WARNING_SMS, WHY, "operator"))
               .expectEvents(new RungSkipped(PERSON, CASE, "skip-1", null, Rung.WARNING_SMS, WHY, "operator"));
    }

    @Test
    void theLadderNeverSkipsBackNorToTheRungItIsOn() {
        fixture.given(opened(), started("step-1", Rung.WARNING_SMS), started("step-2", Rung.OPERATOR_CALL))
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.FLASH_WARNING, WHY, "operator"))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("case case-1 is at rung OPERATOR_CALL; the ladder only moves ahead, "
                       + "and FLASH_WARNING is not ahead of OPERATOR_CALL");
        fixture.given(opened(), started("step-2", Rung.OPERATOR_CALL))
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.OPERATOR_CALL, WHY, "operator"))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("case case-1 is at rung OPERATOR_CALL; the ladder only moves ahead, "
                       + "and OPERATOR_CALL is not ahead of OPERATOR_CALL");
    }

    @Test
    void theCurrentRungIsTheLatestStartedOrSkippedTo() {
        RungSkipped toHomeVisit = new RungSkipped(PERSON, CASE, "skip-1", Rung.WARNING_SMS, Rung.HOME_VISIT, WHY,
                "operator");
        fixture.given(opened(), started("step-1", Rung.WARNING_SMS), toHomeVisit)
               .when(new SkipToRung(PERSON, CASE, "skip-2", Rung.FAMILY_CONTACT, WHY, "operator"))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("case case-1 is at rung HOME_VISIT; the ladder only moves ahead, "
                       + "and FAMILY_CONTACT is not ahead of HOME_VISIT");
        fixture.given(opened(), started("step-1", Rung.WARNING_SMS), toHomeVisit, started("step-2", Rung.COUNTERMEASURE))
               .when(new SkipToRung(PERSON, CASE, "skip-2", Rung.EMERGENCY, WHY, "supervisor"))
               .expectEvents(new RungSkipped(PERSON, CASE, "skip-2", Rung.COUNTERMEASURE, Rung.EMERGENCY, WHY,
                       "supervisor"));
    }

    @Test
    void nothingIsAheadOfTheEmergency() {
        fixture.given(opened(), started("step-1", Rung.EMERGENCY))
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.COUNTERMEASURE, WHY, "operator"))
               .expectException(violation(Kind.CONFLICT));
    }

    @Test
    void onlyAPersonSkipsTheLadder() {
        fixture.given(opened())
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.HOME_VISIT, WHY, "system:policy"))
               .expectException(violation(Kind.FORBIDDEN))
               .expectExceptionMessage("the ladder is moved ahead by an operator who knows why; "
                       + "system:policy is not a person");
    }

    @Test
    void aSkipSaysWhereToAndWhy() {
        fixture.given(opened())
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.HOME_VISIT, new PersonalText("  "), "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("reason: is required");
        fixture.given(opened())
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.HOME_VISIT, null, "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("reason: is required");
        fixture.given(opened())
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.HOME_VISIT, new PersonalText("x".repeat(2001)),
                       "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("reason: is longer than 2000 characters");
        fixture.given(opened())
               .when(new SkipToRung(PERSON, CASE, "skip-1", null, WHY, "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("rung: is required");
    }

    @Test
    void theReasonIsKeptWithoutSurroundingBlanks() {
        fixture.given(opened())
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.HOME_VISIT, new PersonalText("  不接电话 \n"),
                       "operator"))
               .expectEvents(new RungSkipped(PERSON, CASE, "skip-1", null, Rung.HOME_VISIT,
                       new PersonalText("不接电话"), "operator"));
    }

    @Test
    void aRetriedSkipChangesNothingEvenOnceTheLadderMovedOn() {
        fixture.given(opened(), new RungSkipped(PERSON, CASE, "skip-1", null, Rung.HOME_VISIT, WHY, "operator"))
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.HOME_VISIT, WHY, "operator"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aClosedCaseIsNotSkipped() {
        fixture.given(opened(), resolved(Outcome.CONFIRMED_SAFE))
               .when(new SkipToRung(PERSON, CASE, "skip-1", Rung.HOME_VISIT, WHY, "operator"))
               .expectException(violation(Kind.CLOSED));
    }

    // ---- overdue steps

    @Test
    void anOverdueStepIsFlaggedOnce() {
        RungOverdue overdue = new RungOverdue(PERSON, CASE, "step-3", Rung.OPERATOR_CALL, NOW, "system:flag-overdue");
        fixture.given(opened(), started("step-3", Rung.OPERATOR_CALL))
               .when(new FlagOverdue(PERSON, CASE, "step-3", Rung.OPERATOR_CALL, NOW, "system:flag-overdue"))
               .expectEvents(overdue);
        fixture.given(opened(), started("step-3", Rung.OPERATOR_CALL), overdue)
               .when(new FlagOverdue(PERSON, CASE, "step-3", Rung.OPERATOR_CALL, NOW, "system:flag-overdue"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void anOverdueStepNamesItsRungAndDeadline() {
        fixture.given(opened())
               .when(new FlagOverdue(PERSON, CASE, "step-3", Rung.OPERATOR_CALL, null, "system:flag-overdue"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("dueAt: is required");
        fixture.given(opened())
               .when(new FlagOverdue(PERSON, CASE, "step-3", null, NOW, "system:flag-overdue"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("rung: is required");
    }

    @Test
    void aClosedCaseHasNoOverdueSteps() {
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new FlagOverdue(PERSON, CASE, "step-3", Rung.OPERATOR_CALL, NOW, "system:flag-overdue"))
               .expectException(violation(Kind.CLOSED));
    }

    // ---- channels that failed for good

    @Test
    void aChannelFailureIsRecordedOncePerAttempt() {
        ChannelFailed failed = new ChannelFailed(PERSON, CASE, "sms-1", Rung.WARNING_SMS, "provider answered 503",
                "system:send-warning-sms");
        fixture.given(opened())
               .when(new RecordChannelFailure(PERSON, CASE, "sms-1", Rung.WARNING_SMS, " provider answered 503 ",
                       "system:send-warning-sms"))
               .expectEvents(failed);
        fixture.given(opened(), failed)
               .when(new RecordChannelFailure(PERSON, CASE, "sms-1", Rung.WARNING_SMS, "timeout",
                       "system:send-warning-sms"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aLongOrGarbledFailureIsCutAndCleanedRatherThanRefused() {
        fixture.given(opened())
               .when(new RecordChannelFailure(PERSON, CASE, "call-1", Rung.AUTOMATED_CALL,
                       "e".repeat(AtRiskPerson.MAX_FAILURE + 100), "system:automated-call"))
               .expectEvents(new ChannelFailed(PERSON, CASE, "call-1", Rung.AUTOMATED_CALL,
                       "e".repeat(AtRiskPerson.MAX_FAILURE), "system:automated-call"));
        fixture.given(opened())
               .when(new RecordChannelFailure(PERSON, CASE, "call-1", Rung.AUTOMATED_CALL, "bad\u0000reply\nline 2",
                       "system:automated-call"))
               .expectEvents(new ChannelFailed(PERSON, CASE, "call-1", Rung.AUTOMATED_CALL, "bad reply\nline 2",
                       "system:automated-call"));
    }

    @Test
    void aChannelFailureSaysWhatFailed() {
        fixture.given(opened())
               .when(new RecordChannelFailure(PERSON, CASE, "sms-1", Rung.WARNING_SMS, " ", "system:send-warning-sms"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("failure: is required");
        fixture.given(opened())
               .when(new RecordChannelFailure(PERSON, CASE, "sms-1", null, "timeout", "system:send-warning-sms"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("rung: is required");
    }

    @Test
    void aChannelFailureOnAClosedCaseIsRefusedAsClosed() {
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new RecordChannelFailure(PERSON, CASE, "sms-1", Rung.WARNING_SMS, "timeout",
                       "system:send-warning-sms"))
               .expectException(violation(Kind.CLOSED));
    }

    // ---- steps that failed for good in the engine

    @Test
    void aStepFailureIsRecordedOncePerStepWithOrWithoutItsRung() {
        StepFailed failed = new StepFailed(PERSON, CASE, "case-1:rung_family:0", "rung-started", Rung.FAMILY_CONTACT,
                "command refused: unknown aggregate", LISTENER);
        fixture.given(opened())
               .when(new RecordStepFailure(PERSON, CASE, "case-1:rung_family:0", "rung-started", Rung.FAMILY_CONTACT,
                       " command refused:\u0000unknown aggregate ", LISTENER))
               .expectEvents(failed);
        fixture.given(opened(), failed)
               .when(new RecordStepFailure(PERSON, CASE, "case-1:rung_family:0", "rung-started", Rung.FAMILY_CONTACT,
                       "timeout", LISTENER))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
        fixture.given(opened())
               .when(new RecordStepFailure(PERSON, CASE, "case-1:flag:0", "flag-overdue", null, "timeout",
                       "system:flag-overdue"))
               .expectEvents(new StepFailed(PERSON, CASE, "case-1:flag:0", "flag-overdue", null, "timeout",
                       "system:flag-overdue"));
    }

    @Test
    void aStepFailureSaysWhichStepFailedAndWhy() {
        fixture.given(opened())
               .when(new RecordStepFailure(PERSON, CASE, "case-1:rung_family:0", "rung-started", Rung.FAMILY_CONTACT,
                       "  ", LISTENER))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("failure: is required");
        fixture.given(opened())
               .when(new RecordStepFailure(PERSON, CASE, "case-1:rung_family:0", "rung started!", Rung.FAMILY_CONTACT,
                       "timeout", LISTENER))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("step: must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
        fixture.given(opened())
               .when(new RecordStepFailure(PERSON, CASE, null, "rung-started", Rung.FAMILY_CONTACT, "timeout",
                       LISTENER))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("stepId: is required");
    }

    @Test
    void aStepFailureOnAClosedCaseIsRefusedAsClosed() {
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new RecordStepFailure(PERSON, CASE, "case-1:rung_family:0", "rung-started", Rung.FAMILY_CONTACT,
                       "timeout", LISTENER))
               .expectException(violation(Kind.CLOSED));
    }

    // ---- a home visit reached again

    @Test
    void theLadderReachingTheHomeVisitAgainWaitsForTheVisitOnItsWay() {
        fixture.given(opened(), new HomeVisitRequested(PERSON, CASE, "visit-1", NOW, "system:home-visit"))
               .when(new RequestHomeVisit(PERSON, CASE, "visit-2", NOW, "system:home-visit"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
        fixture.given(opened(), new HomeVisitRequested(PERSON, CASE, "visit-1", NOW, "system:home-visit"))
               .when(new RequestHomeVisit(PERSON, CASE, "visit-2", NOW, "operator"))
               .expectException(violation(Kind.CONFLICT));
    }
}

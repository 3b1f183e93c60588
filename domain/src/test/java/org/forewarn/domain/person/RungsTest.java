package org.forewarn.domain.person;

import static org.forewarn.domain.person.PersonFixtures.CASE;
import static org.forewarn.domain.person.PersonFixtures.NOW;
import static org.forewarn.domain.person.PersonFixtures.NO_NOTE;
import static org.forewarn.domain.person.PersonFixtures.PERSON;
import static org.forewarn.domain.person.PersonFixtures.opened;
import static org.forewarn.domain.person.PersonFixtures.resolved;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.person.api.AutomatedCallCompleted;
import org.forewarn.domain.person.api.AutomatedCallPlaced;
import org.forewarn.domain.person.api.CallResult;
import org.forewarn.domain.person.api.ConsentForm;
import org.forewarn.domain.person.api.ContactMethod;
import org.forewarn.domain.person.api.FamilyContactResult;
import org.forewarn.domain.person.api.FamilyContacted;
import org.forewarn.domain.person.api.FlashWarningDelivered;
import org.forewarn.domain.person.api.FlashWarningFailed;
import org.forewarn.domain.person.api.FlashWarningSent;
import org.forewarn.domain.person.api.HomeVisitReported;
import org.forewarn.domain.person.api.HomeVisitRequested;
import org.forewarn.domain.person.api.HomeVisitResult;
import org.forewarn.domain.person.api.OperatorCallRecorded;
import org.forewarn.domain.person.api.RecordAutomatedCallPlaced;
import org.forewarn.domain.person.api.RecordAutomatedCallResult;
import org.forewarn.domain.person.api.RecordCallOutcome;
import org.forewarn.domain.person.api.RecordFamilyContact;
import org.forewarn.domain.person.api.RecordFlashWarningDelivery;
import org.forewarn.domain.person.api.RecordFlashWarningSent;
import org.forewarn.domain.person.api.RecordWarningSmsDelivery;
import org.forewarn.domain.person.api.RecordWarningSmsSent;
import org.forewarn.domain.person.api.Relation;
import org.forewarn.domain.person.api.RelativeRegistered;
import org.forewarn.domain.person.api.RelativeRemoved;
import org.forewarn.domain.person.api.ReportHomeVisit;
import org.forewarn.domain.person.api.RequestHomeVisit;
import org.forewarn.domain.person.api.WarningSmsDelivered;
import org.forewarn.domain.person.api.WarningSmsFailed;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rungs taken: each an event with its attempt, recorded once, never on a closed case. */
class RungsTest {

    private static final WarningSmsSent SMS = new WarningSmsSent(PERSON, CASE, "sms-1", "msg-1", "outbox",
            "system:send-warning-sms");
    private static final FlashWarningSent FLASH = new FlashWarningSent(PERSON, CASE, "flash-1", "smsc-7", "smpp",
            "system:send-flash-warning");
    private static final AutomatedCallPlaced CALL = new AutomatedCallPlaced(PERSON, CASE, "call-1", "CA1", "twilio",
            "system:automated-call");
    private static final RelativeRegistered DAUGHTER = new RelativeRegistered(PERSON, "rel-1", Relation.CHILD,
            new PersonalText("王芳"), PhoneNumber.parse("number", "13900139001"), ConsentForm.RECORDED_CALL, NOW,
            "operator");

    private FixtureConfiguration<AtRiskPerson> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AtRiskPerson.class);
    }

    @Test
    void deliveredWarningSmsIsRecordedForItsAttempt() {
        fixture.given(opened(), SMS)
               .when(new RecordWarningSmsDelivery(PERSON, CASE, "sms-1", true, "delivered", NOW, "system:twilio"))
               .expectEvents(new WarningSmsDelivered(PERSON, CASE, "sms-1", "delivered", NOW, "system:twilio"));
    }

    @Test
    void failedWarningSmsIsRecordedForItsAttempt() {
        fixture.given(opened(), SMS)
               .when(new RecordWarningSmsDelivery(PERSON, CASE, "sms-1", false, "undelivered", NOW, "system:twilio"))
               .expectEvents(new WarningSmsFailed(PERSON, CASE, "sms-1", "undelivered", NOW, "system:twilio"));
    }

    @Test
    void theFirstFinalDeliveryStatusCountsAndLaterReportsChangeNothing() {
        fixture.given(opened(), SMS, new WarningSmsDelivered(PERSON, CASE, "sms-1", "delivered", NOW, "system:twilio"))
               .when(new RecordWarningSmsDelivery(PERSON, CASE, "sms-1", false, "failed", NOW, "system:twilio"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void deliveryReportOfAnUnknownAttemptIsRefused() {
        fixture.given(opened(), SMS)
               .when(new RecordWarningSmsDelivery(PERSON, CASE, "sms-9", true, "delivered", NOW, "system:twilio"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no warning SMS attempt sms-9 in case case-1");
    }

    @Test
    void deliveryReportOfAnAttemptMadeWhileOpenIsKeptAfterTheCaseClosed() {
        fixture.given(opened(), SMS, resolved(Outcome.PERSUADED))
               .when(new RecordWarningSmsDelivery(PERSON, CASE, "sms-1", true, "delivered", NOW, "system:twilio"))
               .expectEvents(new WarningSmsDelivered(PERSON, CASE, "sms-1", "delivered", NOW, "system:twilio"));
    }

    @Test
    void deliveredFlashWarningIsRecordedForItsAttempt() {
        fixture.given(opened(), FLASH)
               .when(new RecordFlashWarningDelivery(PERSON, CASE, "flash-1", true, "DELIVRD", NOW, "system:smsc"))
               .expectEvents(new FlashWarningDelivered(PERSON, CASE, "flash-1", "DELIVRD", NOW, "system:smsc"));
    }

    @Test
    void undeliveredFlashWarningIsRecordedAsFailed() {
        fixture.given(opened(), FLASH)
               .when(new RecordFlashWarningDelivery(PERSON, CASE, "flash-1", false, "EXPIRED", NOW, "system:smsc"))
               .expectEvents(new FlashWarningFailed(PERSON, CASE, "flash-1", "EXPIRED", NOW, "system:smsc"));
    }

    @Test
    void theFirstFinalFlashWarningStatusCountsAndLaterReportsChangeNothing() {
        fixture.given(opened(), FLASH, new FlashWarningFailed(PERSON, CASE, "flash-1", "UNDELIV", NOW, "system:smsc"))
               .when(new RecordFlashWarningDelivery(PERSON, CASE, "flash-1", true, "DELIVRD", NOW, "system:smsc"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void flashWarningReportOfAnUnknownAttemptIsRefusedAsNotFound() {
        fixture.given(opened(), FLASH)
               .when(new RecordFlashWarningDelivery(PERSON, CASE, "flash-9", true, "DELIVRD", NOW, "system:smsc"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no flash warning attempt flash-9 in case case-1");
    }

    @Test
    void flashWarningReportNamingAnotherCaseIsRefusedAsNotFound() {
        fixture.given(opened(), FLASH)
               .when(new RecordFlashWarningDelivery(PERSON, "case-2", "flash-1", true, "DELIVRD", NOW, "system:smsc"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no flash warning attempt flash-1 in case case-2");
    }

    @Test
    void warningSmsAttemptIsNoFlashWarningAttempt() {
        fixture.given(opened(), SMS)
               .when(new RecordFlashWarningDelivery(PERSON, CASE, "sms-1", true, "DELIVRD", NOW, "system:smsc"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no flash warning attempt sms-1 in case case-1");
    }

    @Test
    void flashWarningReportOfAnAttemptMadeWhileOpenIsKeptAfterTheCaseClosed() {
        fixture.given(opened(), FLASH, resolved(Outcome.PERSUADED))
               .when(new RecordFlashWarningDelivery(PERSON, CASE, "flash-1", true, "DELIVRD", NOW, "system:smsc"))
               .expectEvents(new FlashWarningDelivered(PERSON, CASE, "flash-1", "DELIVRD", NOW, "system:smsc"));
    }

    @Test
    void warningSmsOnAClosedCaseIsRefused() {
        fixture.given(opened(), resolved(Outcome.FALSE_ALARM))
               .when(new RecordWarningSmsSent(PERSON, CASE, "sms-2", "msg-2", "outbox", "system:send-warning-sms"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("case case-1 is closed (FALSE_ALARM); no rung or outcome can be recorded on it");
    }

    @Test
    void malformedAttemptIdIsRefused() {
        fixture.given(opened())
               .when(new RecordWarningSmsSent(PERSON, CASE, "sms 1/", "msg-2", "outbox", "system:send-warning-sms"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("attemptId: must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
    }

    @Test
    void flashWarningIsRecordedOncePerAttempt() {
        FlashWarningSent flash = new FlashWarningSent(PERSON, CASE, "flash-1", "smsc-7", "smpp", "system:flash");
        fixture.given(opened())
               .when(new RecordFlashWarningSent(PERSON, CASE, "flash-1", "smsc-7", "smpp", "system:flash"))
               .expectEvents(flash);
        fixture.given(opened(), flash)
               .when(new RecordFlashWarningSent(PERSON, CASE, "flash-1", "smsc-7", "smpp", "system:flash"))
               .expectNoEvents();
    }

    @Test
    void automatedCallIsPlacedOncePerAttempt() {
        fixture.given(opened(), CALL)
               .when(new RecordAutomatedCallPlaced(PERSON, CASE, "call-1", "CA1", "twilio", "system:automated-call"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void automatedCallResultIsRecordedOnceWithWhetherTheWarningWasHeard() {
        AutomatedCallCompleted answered = new AutomatedCallCompleted(PERSON, CASE, "call-1", CallResult.ANSWERED,
                true, NOW, "system:twilio");
        fixture.given(opened(), CALL)
               .when(new RecordAutomatedCallResult(PERSON, CASE, "call-1", CallResult.ANSWERED, true, NOW,
                       "system:twilio"))
               .expectEvents(answered);
        fixture.given(opened(), CALL, answered)
               .when(new RecordAutomatedCallResult(PERSON, CASE, "call-1", CallResult.ANSWERED, true, NOW,
                       "system:twilio"))
               .expectNoEvents();
    }

    @Test
    void onlyAnAnsweredCallCanHaveBeenHeard() {
        fixture.given(opened(), CALL)
               .when(new RecordAutomatedCallResult(PERSON, CASE, "call-1", CallResult.BUSY, true, NOW, "system:twilio"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("heardWarning: can only be true for an answered call");
    }

    @Test
    void resultOfACallNeverPlacedIsRefused() {
        fixture.given(opened())
               .when(new RecordAutomatedCallResult(PERSON, CASE, "call-1", CallResult.NO_ANSWER, false, NOW,
                       "system:twilio"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no automated call call-1 in case case-1");
    }

    @Test
    void operatorCallOutcomeIsRecordedAndTheCaseStaysOpen() {
        PersonalText note = new PersonalText("接通，本人表示会停止转账");
        fixture.given(opened())
               .when(new RecordCallOutcome(PERSON, CASE, "req-1", Outcome.PERSUADED, null, 500_000L, note, "operator"))
               .expectEvents(new OperatorCallRecorded(PERSON, CASE, "req-1", Outcome.PERSUADED, null, 500_000L, note,
                       "operator"));
        fixture.given(opened(), new OperatorCallRecorded(PERSON, CASE, "req-1", Outcome.UNREACHABLE, null, null,
                        NO_NOTE, "operator"))
               .when(new RecordFlashWarningSent(PERSON, CASE, "flash-1", "m", "smpp", "system:flash"))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void retriedCallOutcomeRequestChangesNothing() {
        fixture.given(opened(), new OperatorCallRecorded(PERSON, CASE, "req-1", Outcome.UNREACHABLE, null, null,
                        NO_NOTE, "operator"))
               .when(new RecordCallOutcome(PERSON, CASE, "req-1", Outcome.UNREACHABLE, null, null, NO_NOTE, "operator"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void operatorCallOutcomeIsRecordedByAPersonOnly() {
        fixture.given(opened())
               .when(new RecordCallOutcome(PERSON, CASE, "req-1", Outcome.UNREACHABLE, null, null, NO_NOTE,
                       "system:dialler"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("an operator call outcome is recorded by the operator who called; "
                       + "system:dialler is not a person");
    }

    @Test
    void callOutcomeOfAlreadyPaidNeedsTheAmountLost() {
        fixture.given(opened())
               .when(new RecordCallOutcome(PERSON, CASE, "req-1", Outcome.LOSS_OCCURRED, null, null, NO_NOTE,
                       "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("lossAmount: is required");
    }

    @Test
    void familyContactIsRecordedForARegisteredRelative() {
        fixture.given(opened(), DAUGHTER)
               .when(new RecordFamilyContact(PERSON, CASE, "family-1", "rel-1", ContactMethod.CALL,
                       FamilyContactResult.WILL_INTERVENE, NO_NOTE, "system:family-contact"))
               .expectEvents(new FamilyContacted(PERSON, CASE, "family-1", "rel-1", ContactMethod.CALL,
                       FamilyContactResult.WILL_INTERVENE, NO_NOTE, "system:family-contact"));
    }

    @Test
    void familyContactNeedsARegisteredRelative() {
        fixture.given(opened())
               .when(new RecordFamilyContact(PERSON, CASE, "family-1", "rel-1", ContactMethod.SMS,
                       FamilyContactResult.REACHED, NO_NOTE, "system:family-contact"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no registered relative rel-1");
    }

    @Test
    void aRemovedRelativeIsNotContacted() {
        fixture.given(opened(), DAUGHTER, new RelativeRemoved(PERSON, "rel-1", "asked to be removed", "operator"))
               .when(new RecordFamilyContact(PERSON, CASE, "family-1", "rel-1", ContactMethod.SMS,
                       FamilyContactResult.REACHED, NO_NOTE, "system:family-contact"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no registered relative rel-1");
    }

    @Test
    void homeVisitIsRequestedOnceWithItsDeadline() {
        HomeVisitRequested requested = new HomeVisitRequested(PERSON, CASE, "visit-1", NOW.plusSeconds(86_400),
                "system:home-visit");
        fixture.given(opened())
               .when(new RequestHomeVisit(PERSON, CASE, "visit-1", NOW.plusSeconds(86_400), "system:home-visit"))
               .expectEvents(requested);
        fixture.given(opened(), requested)
               .when(new RequestHomeVisit(PERSON, CASE, "visit-1", NOW.plusSeconds(86_400), "system:home-visit"))
               .expectNoEvents();
    }

    @Test
    void aSecondHomeVisitWaitsForTheReportOfTheFirst() {
        fixture.given(opened(), new HomeVisitRequested(PERSON, CASE, "visit-1", NOW, "system:home-visit"))
               .when(new RequestHomeVisit(PERSON, CASE, "visit-2", NOW, "operator"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("home visit visit-1 of this case is still waiting for its report");
    }

    @Test
    void homeVisitReportSaysWhoWentWhenAndWhatTheyFound() {
        PersonalText note = new PersonalText("家中老人已停止转账");
        fixture.given(opened(), new HomeVisitRequested(PERSON, CASE, "visit-1", NOW, "system:home-visit"))
               .when(new ReportHomeVisit(PERSON, CASE, "visit-1", "req-9", "西湖派出所 民警 032145", NOW,
                       HomeVisitResult.PERSUADED, note, "operator"))
               .expectEvents(new HomeVisitReported(PERSON, CASE, "visit-1", "req-9", "西湖派出所 民警 032145", NOW,
                       HomeVisitResult.PERSUADED, note, "operator"));
    }

    @Test
    void homeVisitReportNamesWhoWent() {
        fixture.given(opened(), new HomeVisitRequested(PERSON, CASE, "visit-1", NOW, "system:home-visit"))
               .when(new ReportHomeVisit(PERSON, CASE, "visit-1", "req-9", " ", NOW, HomeVisitResult.NOT_FOUND,
                       NO_NOTE, "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("visitedBy: is required");
    }

    @Test
    void aHomeVisitNeverRequestedCannotBeReported() {
        fixture.given(opened())
               .when(new ReportHomeVisit(PERSON, CASE, "visit-1", "req-9", "社区网格员", NOW, HomeVisitResult.PERSON_SAFE,
                       NO_NOTE, "operator"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no home visit visit-1 in case case-1");
    }

    @Test
    void aHomeVisitIsReportedOnce() {
        fixture.given(opened(), new HomeVisitRequested(PERSON, CASE, "visit-1", NOW, "system:home-visit"),
                      new HomeVisitReported(PERSON, CASE, "visit-1", "req-9", "社区网格员", NOW,
                              HomeVisitResult.PERSON_SAFE, NO_NOTE, "operator"))
               .when(new ReportHomeVisit(PERSON, CASE, "visit-1", "req-10", "社区网格员", NOW, HomeVisitResult.REFUSED,
                       NO_NOTE, "operator"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("home visit visit-1 was already reported");
    }
}

package org.forewarn.domain.person;

import static org.forewarn.domain.Clues.clue;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.Clue;
import java.util.List;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseOpening;
import org.forewarn.domain.person.api.CaseOpening.IntakeStatus;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.ClueMerged;
import org.forewarn.domain.person.api.OpenCase;
import org.forewarn.domain.person.api.RecordWarningSmsSent;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Intake: one open case per person, clues merged into it, risk that only rises, a clue taken in once. */
class AtRiskPersonTest {

    private static final String PERSON = "p-0123456789abcdef0123456789abcdef";
    private static final String CASE = "case-1";

    private FixtureConfiguration<AtRiskPerson> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AtRiskPerson.class);
    }

    @Test
    void firstClueOpensACase() {
        Clue clue = clue("zj-1", RiskLevel.HIGH);
        fixture.givenNoPriorActivity()
               .when(new OpenCase(PERSON, CASE, clue, "intake"))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new CaseOpened(PERSON, CASE, clue, "intake"))
               .expectResultMessagePayload(new CaseOpening(CASE, PERSON, IntakeStatus.OPENED, false));
    }

    @Test
    void sameClueTwiceReturnsTheSameCaseAndAppendsNothing() {
        Clue clue = clue("zj-1", RiskLevel.HIGH);
        fixture.given(new CaseOpened(PERSON, CASE, clue, "intake"))
               .when(new OpenCase(PERSON, "case-2", clue, "intake"))
               .expectNoEvents()
               .expectResultMessagePayload(new CaseOpening(CASE, PERSON, IntakeStatus.OPENED, true));
    }

    @Test
    void mergedClueTakenInAgainAnswersMergedAgain() {
        Clue first = clue("zj-1", RiskLevel.HIGH);
        Clue second = clue("zj-2", RiskLevel.LOW);
        fixture.given(new CaseOpened(PERSON, CASE, first, "intake"),
                      new ClueMerged(PERSON, CASE, second, RiskLevel.HIGH, false, "intake"))
               .when(new OpenCase(PERSON, "case-2", second, "intake"))
               .expectNoEvents()
               .expectResultMessagePayload(new CaseOpening(CASE, PERSON, IntakeStatus.MERGED, true));
    }

    @Test
    void clueForAPersonWithAnOpenCaseJoinsThatCase() {
        Clue first = clue("zj-1", RiskLevel.HIGH);
        Clue second = clue("zj-2", RiskLevel.MEDIUM);
        fixture.given(new CaseOpened(PERSON, CASE, first, "intake"))
               .when(new OpenCase(PERSON, "case-2", second, "intake"))
               .expectEvents(new ClueMerged(PERSON, CASE, second, RiskLevel.HIGH, false, "intake"))
               .expectResultMessagePayload(new CaseOpening(CASE, PERSON, IntakeStatus.MERGED, false));
    }

    @Test
    void repeatedClueRaisesRiskOfOpenCase() {
        Clue first = clue("zj-1", RiskLevel.MEDIUM);
        Clue second = clue("zj-2", RiskLevel.EXTREME);
        fixture.given(new CaseOpened(PERSON, CASE, first, "intake"))
               .when(new OpenCase(PERSON, "case-2", second, "intake"))
               .expectEvents(new ClueMerged(PERSON, CASE, second, RiskLevel.EXTREME, true, "intake"));
    }

    @Test
    void riskOfOpenCaseNeverFalls() {
        Clue first = clue("zj-1", RiskLevel.MEDIUM);
        Clue raising = clue("zj-2", RiskLevel.EXTREME);
        Clue lower = clue("zj-3", RiskLevel.LOW);
        fixture.given(new CaseOpened(PERSON, CASE, first, "intake"),
                      new ClueMerged(PERSON, CASE, raising, RiskLevel.EXTREME, true, "intake"))
               .when(new OpenCase(PERSON, "case-2", lower, "intake"))
               .expectEvents(new ClueMerged(PERSON, CASE, lower, RiskLevel.EXTREME, false, "intake"));
    }

    @Test
    void warningSmsIsRecordedOncePerAttempt() {
        Clue clue = clue("zj-1", RiskLevel.HIGH);
        fixture.given(new CaseOpened(PERSON, CASE, clue, "intake"))
               .when(new RecordWarningSmsSent(PERSON, CASE, "attempt-1", "msg-1", "outbox", "worker"))
               .expectEvents(new WarningSmsSent(PERSON, CASE, "attempt-1", "msg-1", "outbox", "worker"));
    }

    @Test
    void redeliveredWarningAttemptChangesNothing() {
        Clue clue = clue("zj-1", RiskLevel.HIGH);
        fixture.given(new CaseOpened(PERSON, CASE, clue, "intake"),
                      new WarningSmsSent(PERSON, CASE, "attempt-1", "msg-1", "outbox", "worker"))
               .when(new RecordWarningSmsSent(PERSON, CASE, "attempt-1", "msg-1", "outbox", "worker"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void warningForACaseOfAnotherPersonIsRefused() {
        Clue clue = clue("zj-1", RiskLevel.HIGH);
        fixture.given(new CaseOpened(PERSON, CASE, clue, "intake"))
               .when(new RecordWarningSmsSent(PERSON, "another-case", "attempt-1", "msg-1", "outbox", "worker"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("case another-case is not a case of this person")
               .expectNoEvents();
    }

    @Test
    void clueAfterTheCaseClosedOpensANewCase() {
        Clue first = clue("zj-1", RiskLevel.HIGH);
        Clue later = clue("zj-2", RiskLevel.LOW);
        fixture.given(new CaseOpened(PERSON, CASE, first, "intake"),
                      new CaseResolved(PERSON, CASE, "r-1", Outcome.PERSUADED, null, null, PersonalText.NONE,
                              List.of(), "operator"))
               .when(new OpenCase(PERSON, "case-2", later, "intake"))
               .expectEvents(new CaseOpened(PERSON, "case-2", later, "intake"))
               .expectResultMessagePayload(new CaseOpening("case-2", PERSON, IntakeStatus.OPENED, false));
    }

    @Test
    void clueOfAClosedCaseTakenInAgainStillAnswersItsOwnCase() {
        Clue first = clue("zj-1", RiskLevel.HIGH);
        fixture.given(new CaseOpened(PERSON, CASE, first, "intake"),
                      new CaseResolved(PERSON, CASE, "r-1", Outcome.PERSUADED, null, null, PersonalText.NONE,
                              List.of(), "operator"))
               .when(new OpenCase(PERSON, "case-2", first, "intake"))
               .expectNoEvents()
               .expectResultMessagePayload(new CaseOpening(CASE, PERSON, IntakeStatus.OPENED, true));
    }
}

package org.forewarn.domain.person;

import static org.forewarn.domain.CountermeasureType.CANCEL_FORWARDING;
import static org.forewarn.domain.CountermeasureType.CUT_DATA;
import static org.forewarn.domain.CountermeasureType.RESTRICT_TRANSFERS;
import static org.forewarn.domain.person.PersonFixtures.CASE;
import static org.forewarn.domain.person.PersonFixtures.NO_NOTE;
import static org.forewarn.domain.person.PersonFixtures.PERSON;
import static org.forewarn.domain.person.PersonFixtures.applied;
import static org.forewarn.domain.person.PersonFixtures.approved;
import static org.forewarn.domain.person.PersonFixtures.opened;
import static org.forewarn.domain.person.PersonFixtures.proposed;
import static org.forewarn.domain.person.PersonFixtures.resolved;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.CountermeasureWithdrawn;
import org.forewarn.domain.person.api.ResolveCase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Outcomes: one closes the case; losses carry an amount; a closed case takes no more. */
class OutcomesTest {

    private FixtureConfiguration<AtRiskPerson> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AtRiskPerson.class);
    }

    @Test
    void anOutcomeClosesTheCase() {
        PersonalText note = new PersonalText("本人已知晓被骗，未转账");
        fixture.given(opened())
               .when(new ResolveCase(PERSON, CASE, "req-1", Outcome.CONFIRMED_SAFE, null, null, note, "operator"))
               .expectEvents(new CaseResolved(PERSON, CASE, "req-1", Outcome.CONFIRMED_SAFE, null, null, note, List.of(),
                       "operator"));
    }

    @Test
    void persuadedMayCarryTheAmountSaved() {
        fixture.given(opened())
               .when(new ResolveCase(PERSON, CASE, "req-1", Outcome.PERSUADED, null, 18_000_000L, NO_NOTE, "operator"))
               .expectEvents(new CaseResolved(PERSON, CASE, "req-1", Outcome.PERSUADED, null, 18_000_000L, NO_NOTE,
                       List.of(), "operator"));
    }

    @Test
    void lossOccurredCarriesTheAmountLost() {
        fixture.given(opened())
               .when(new ResolveCase(PERSON, CASE, "req-1", Outcome.LOSS_OCCURRED, 5_000_000L, null, NO_NOTE, "operator"))
               .expectEvents(new CaseResolved(PERSON, CASE, "req-1", Outcome.LOSS_OCCURRED, 5_000_000L, null, NO_NOTE,
                       List.of(), "operator"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -5_000_000})
    void lossOccurredWithoutAPositiveAmountIsRefused(long fen) {
        fixture.given(opened())
               .when(new ResolveCase(PERSON, CASE, "req-1", Outcome.LOSS_OCCURRED, fen, null, NO_NOTE, "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("lossAmount: must be more than 0 fen");
    }

    @Test
    void lossAmountIsOnlyGivenWithLossOccurred() {
        fixture.given(opened())
               .when(new ResolveCase(PERSON, CASE, "req-1", Outcome.REFUSED, 100L, null, NO_NOTE, "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("lossAmount: is only given with the outcome LOSS_OCCURRED");
    }

    @Test
    void amountSavedIsOnlyGivenWithPersuaded() {
        fixture.given(opened())
               .when(new ResolveCase(PERSON, CASE, "req-1", Outcome.FALSE_ALARM, null, 100L, NO_NOTE, "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("amountSaved: is only given with the outcome PERSUADED");
    }

    @Test
    void aClosedCaseRejectsAnotherOutcome() {
        fixture.given(opened(), resolved(Outcome.UNREACHABLE))
               .when(new ResolveCase(PERSON, CASE, "req-2", Outcome.PERSUADED, null, null, NO_NOTE, "operator"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("case case-1 is closed (UNREACHABLE); no rung or outcome can be recorded on it");
    }

    @Test
    void retriedResolutionChangesNothing() {
        fixture.given(opened(), resolved(Outcome.UNREACHABLE))
               .when(new ResolveCase(PERSON, CASE, "resolve-1", Outcome.UNREACHABLE, null, null, NO_NOTE, "operator"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void closingWithdrawsUndecidedCountermeasuresAndNamesThoseInForceToLift() {
        fixture.given(opened(),
                      proposed("cm-1", CANCEL_FORWARDING), approved("cm-1", CANCEL_FORWARDING, "s1", 1),
                      applied("cm-1", CANCEL_FORWARDING),
                      proposed("cm-2", RESTRICT_TRANSFERS), approved("cm-2", RESTRICT_TRANSFERS, "s1", 1),
                      proposed("cm-3", CUT_DATA))
               .when(new ResolveCase(PERSON, CASE, "req-1", Outcome.PERSUADED, null, null, NO_NOTE, "operator"))
               .expectEvents(new CaseResolved(PERSON, CASE, "req-1", Outcome.PERSUADED, null, null, NO_NOTE,
                               List.of("cm-1"), "operator"),
                       new CountermeasureWithdrawn(PERSON, CASE, "cm-2", RESTRICT_TRANSFERS, "operator"),
                       new CountermeasureWithdrawn(PERSON, CASE, "cm-3", CUT_DATA, "operator"));
    }
}

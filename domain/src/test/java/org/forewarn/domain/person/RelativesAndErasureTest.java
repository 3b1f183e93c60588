package org.forewarn.domain.person;

import static org.forewarn.domain.CountermeasureType.CANCEL_FORWARDING;
import static org.forewarn.domain.person.PersonFixtures.CASE;
import static org.forewarn.domain.person.PersonFixtures.NOW;
import static org.forewarn.domain.person.PersonFixtures.NO_NOTE;
import static org.forewarn.domain.person.PersonFixtures.PERSON;
import static org.forewarn.domain.person.PersonFixtures.applied;
import static org.forewarn.domain.person.PersonFixtures.approved;
import static org.forewarn.domain.person.PersonFixtures.opened;
import static org.forewarn.domain.person.PersonFixtures.proposed;
import static org.forewarn.domain.person.PersonFixtures.resolved;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.Clues;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.ConsentForm;
import org.forewarn.domain.person.api.ContactMethod;
import org.forewarn.domain.person.api.ErasePersonalData;
import org.forewarn.domain.person.api.FamilyContactResult;
import org.forewarn.domain.person.api.OpenCase;
import org.forewarn.domain.person.api.PersonalDataErased;
import org.forewarn.domain.person.api.RecordFamilyContact;
import org.forewarn.domain.person.api.RegisterRelative;
import org.forewarn.domain.person.api.Relation;
import org.forewarn.domain.person.api.RelativeRegistered;
import org.forewarn.domain.person.api.RelativeRemoved;
import org.forewarn.domain.person.api.RemoveRelative;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Relatives (亲情号码) registered with consent, and the erasure of a person's personal data. */
class RelativesAndErasureTest {

    private static final PhoneNumber DAUGHTERS_NUMBER = PhoneNumber.parse("number", "13900139001");
    private static final PersonalText NAME = new PersonalText("王芳");
    private static final RelativeRegistered DAUGHTER = new RelativeRegistered(PERSON, "rel-1", Relation.CHILD, NAME,
            DAUGHTERS_NUMBER, ConsentForm.RECORDED_CALL, NOW, "operator");

    private FixtureConfiguration<AtRiskPerson> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AtRiskPerson.class);
    }

    @Test
    void aRelativeIsRegisteredWithRelationNumberAndConsent() {
        fixture.given(opened())
               .when(new RegisterRelative(PERSON, "rel-1", Relation.CHILD, NAME, DAUGHTERS_NUMBER,
                       ConsentForm.RECORDED_CALL, NOW, "operator"))
               .expectEvents(DAUGHTER);
    }

    @Test
    void noRelativeIsRegisteredWithoutThePersonsConsent() {
        fixture.given(opened())
               .when(new RegisterRelative(PERSON, "rel-1", Relation.CHILD, NAME, DAUGHTERS_NUMBER, null, null,
                       "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("consent: is required: a relative is registered only with the person's "
                       + "consent, and how and when it was given");
    }

    @Test
    void thePersonsOwnNumberIsNotARelative() {
        fixture.given(opened())
               .when(new RegisterRelative(PERSON, "rel-1", Relation.SPOUSE, NAME, Clues.VICTIM, ConsentForm.WRITTEN,
                       NOW, "operator"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("a relative's number must not be the person's own number");
    }

    @Test
    void aNumberIsRegisteredAsOneRelativeOnly() {
        fixture.given(opened(), DAUGHTER)
               .when(new RegisterRelative(PERSON, "rel-2", Relation.SIBLING, NAME, DAUGHTERS_NUMBER,
                       ConsentForm.WRITTEN, NOW, "operator"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("this number is already registered as relative rel-1");
    }

    @Test
    void retriedRegistrationChangesNothing() {
        fixture.given(opened(), DAUGHTER)
               .when(new RegisterRelative(PERSON, "rel-1", Relation.CHILD, NAME, DAUGHTERS_NUMBER,
                       ConsentForm.RECORDED_CALL, NOW, "operator"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void atMostFiveRelativesAreRegistered() {
        fixture.given(opened(), relative(1), relative(2), relative(3), relative(4), relative(5))
               .when(new RegisterRelative(PERSON, "rel-6", Relation.OTHER_RELATIVE, NAME,
                       PhoneNumber.parse("number", "13700137006"), ConsentForm.WRITTEN, NOW, "operator"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("at most 5 relatives can be registered; remove one first");
    }

    @Test
    void removingARelativeIsAnEventWithTheReason() {
        fixture.given(opened(), DAUGHTER)
               .when(new RemoveRelative(PERSON, "rel-1", "consent withdrawn", "operator"))
               .expectEvents(new RelativeRemoved(PERSON, "rel-1", "consent withdrawn", "operator"));
        fixture.given(opened())
               .when(new RemoveRelative(PERSON, "rel-1", "consent withdrawn", "operator"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no registered relative rel-1");
    }

    @Test
    void erasureNamesWhoAndWhy() {
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new ErasePersonalData(PERSON, "erase-1", "PIPL art. 47 request", "supervisor"))
               .expectEvents(new PersonalDataErased(PERSON, "erase-1", "PIPL art. 47 request", "supervisor"));
    }

    @Test
    void erasureWaitsUntilTheCaseIsClosed() {
        fixture.given(opened())
               .when(new ErasePersonalData(PERSON, "erase-1", "request", "supervisor"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("case case-1 is open; close it before erasing the person's data");
    }

    @Test
    void erasureWaitsUntilEveryCountermeasureIsLifted() {
        fixture.given(opened(), proposed("cm-1", CANCEL_FORWARDING), approved("cm-1", CANCEL_FORWARDING, "s1", 1),
                      applied("cm-1", CANCEL_FORWARDING), resolved(Outcome.PERSUADED))
               .when(new ErasePersonalData(PERSON, "erase-1", "request", "supervisor"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("countermeasure cm-1 (CANCEL_FORWARDING) is in force; lift it before erasing "
                       + "the person's data");
    }

    @Test
    void erasureIsDecidedByAPersonWithAReason() {
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new ErasePersonalData(PERSON, "erase-1", "retention", "system:retention"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("erasure is decided by a person; system:retention is not a person");
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new ErasePersonalData(PERSON, "erase-1", "", "supervisor"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("reason: is required");
    }

    @Test
    void retriedErasureChangesNothing() {
        fixture.given(opened(), resolved(Outcome.PERSUADED),
                      new PersonalDataErased(PERSON, "erase-1", "request", "supervisor"))
               .when(new ErasePersonalData(PERSON, "erase-1", "request", "supervisor"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void afterErasureTheRelativesCanNoLongerBeContacted() {
        CaseOpened second = new CaseOpened(PERSON, "case-2", Clues.clue("zj-9", RiskLevel.HIGH), "intake");
        fixture.given(opened(), DAUGHTER, resolved(Outcome.PERSUADED),
                      new PersonalDataErased(PERSON, "erase-1", "request", "supervisor"), second)
               .when(new RecordFamilyContact(PERSON, "case-2", "family-1", "rel-1", ContactMethod.CALL,
                       FamilyContactResult.REACHED, NO_NOTE, "system:family-contact"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no registered relative rel-1");
    }

    @Test
    void afterErasureANewClueOpensANewCase() {
        fixture.given(opened(), resolved(Outcome.PERSUADED),
                      new PersonalDataErased(PERSON, "erase-1", "request", "supervisor"))
               .when(new OpenCase(PERSON, "case-2", Clues.clue("zj-9", RiskLevel.LOW), "intake"))
               .expectEvents(new CaseOpened(PERSON, "case-2", Clues.clue("zj-9", RiskLevel.LOW), "intake"));
    }

    private static RelativeRegistered relative(int n) {
        return new RelativeRegistered(PERSON, "rel-" + n, Relation.OTHER_RELATIVE, NAME,
                PhoneNumber.parse("number", "1370013700" + n), ConsentForm.WRITTEN, NOW, "operator");
    }
}

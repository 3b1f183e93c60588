package org.forewarn.domain.person;

import static org.forewarn.domain.person.PersonFixtures.CASE;
import static org.forewarn.domain.person.PersonFixtures.NOW;
import static org.forewarn.domain.person.PersonFixtures.PERSON;
import static org.forewarn.domain.person.PersonFixtures.opened;
import static org.forewarn.domain.person.PersonFixtures.resolved;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.person.api.ConsentForm;
import org.forewarn.domain.person.api.FamilyWarningSent;
import org.forewarn.domain.person.api.RecordFamilyWarningSent;
import org.forewarn.domain.person.api.Relation;
import org.forewarn.domain.person.api.RelativeRegistered;
import org.forewarn.domain.person.api.RelativeRemoved;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The family rung's warning SMS to each registered relative (亲情号码预警). */
class FamilyWarningTest {

    private static final String ACTOR = "system:send-family-sms";
    private static final RelativeRegistered SON = new RelativeRegistered(PERSON, "rel-1", Relation.CHILD,
            new PersonalText("李强"), PhoneNumber.parse("number", "13900139002"), ConsentForm.RECORDED_CALL, NOW,
            "operator");

    private FixtureConfiguration<AtRiskPerson> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AtRiskPerson.class);
    }

    private static RecordFamilyWarningSent sent(String attemptId) {
        return new RecordFamilyWarningSent(PERSON, CASE, attemptId, "rel-1", "SM01", "twilio", ACTOR);
    }

    @Test
    void warningToARegisteredRelativeIsRecordedWithTheProvidersReference() {
        fixture.given(opened(), SON)
               .when(sent("case-1:family_contact:rel-1"))
               .expectEvents(new FamilyWarningSent(PERSON, CASE, "case-1:family_contact:rel-1", "rel-1", "SM01",
                       "twilio", ACTOR));
    }

    @Test
    void sameAttemptIsRecordedOnce() {
        fixture.given(opened(), SON, new FamilyWarningSent(PERSON, CASE, "case-1:family_contact:rel-1", "rel-1",
                       "SM01", "twilio", ACTOR))
               .when(sent("case-1:family_contact:rel-1"))
               .expectNoEvents();
    }

    @Test
    void relativeRemovedMeanwhileIsNotWarned() {
        fixture.given(opened(), SON, new RelativeRemoved(PERSON, "rel-1", "asked to be removed", "operator"))
               .when(sent("case-1:family_contact:rel-1"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no registered relative rel-1");
    }

    @Test
    void closedCaseTakesNoFamilyWarning() {
        fixture.given(opened(), SON, resolved(Outcome.PERSUADED))
               .when(sent("case-1:family_contact:rel-1"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("case case-1 is closed (PERSUADED); no rung or outcome can be recorded on it");
    }
}

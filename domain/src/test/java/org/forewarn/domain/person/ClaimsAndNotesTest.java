package org.forewarn.domain.person;

import static org.forewarn.domain.person.PersonFixtures.CASE;
import static org.forewarn.domain.person.PersonFixtures.NOW;
import static org.forewarn.domain.person.PersonFixtures.PERSON;
import static org.forewarn.domain.person.PersonFixtures.opened;
import static org.forewarn.domain.person.PersonFixtures.resolved;
import static org.forewarn.domain.person.PersonFixtures.violation;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.Clues;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.DomainRuleViolation.Kind;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
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
import org.forewarn.domain.person.api.PersonalDataErased;
import org.forewarn.domain.person.api.ReleaseClaim;
import org.forewarn.domain.person.api.RenewClaim;
import org.forewarn.domain.person.api.RevealNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's rules on a case: one operator's claim at a time, which lapses at its time unless
 * worked, released with a handover note or reassigned by a supervisor; notes; and each reading of
 * the unmasked number recorded, never after an erasure. Every command repeated changes nothing.
 */
class ClaimsAndNotesTest {

    private static final Instant UNTIL = NOW.plusSeconds(1800);
    private static final PersonalText HANDOVER = new PersonalText("老人情绪激动，晚上八点再打");

    private FixtureConfiguration<AtRiskPerson> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AtRiskPerson.class);
    }

    private static CaseClaimed claimed(String requestId, String operator, Instant until) {
        return new CaseClaimed(PERSON, CASE, requestId, operator, until, operator);
    }

    @Test
    void anOperatorClaimsAnOpenCaseAndIsAnsweredWithTheClaim() {
        fixture.given(opened())
               .when(new ClaimCase(PERSON, CASE, "claim-1", NOW, UNTIL, "operator"))
               .expectEvents(claimed("claim-1", "operator", UNTIL))
               .expectResultMessagePayload(new CaseClaim("operator", UNTIL));
    }

    @Test
    void aSecondOperatorCannotClaimACaseClaimedByAnother() {
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL))
               .when(new ClaimCase(PERSON, CASE, "claim-2", NOW.plusSeconds(60), UNTIL.plusSeconds(60), "operator2"))
               .expectNoEvents()
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("case " + CASE + " is claimed by operator until " + UNTIL
                       + "; ask them or a supervisor to hand it over");
    }

    @Test
    void anExpiredClaimNoLongerStopsAnotherOperator() {
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL))
               .when(new ClaimCase(PERSON, CASE, "claim-2", UNTIL, UNTIL.plusSeconds(1800), "operator2"))
               .expectEvents(claimed("claim-2", "operator2", UNTIL.plusSeconds(1800)));
    }

    @Test
    void theSameClaimRequestRepeatedAnswersTheSameAndRecordsNothing() {
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL))
               .when(new ClaimCase(PERSON, CASE, "claim-1", NOW.plusSeconds(5), UNTIL.plusSeconds(5), "operator"))
               .expectNoEvents()
               .expectResultMessagePayload(new CaseClaim("operator", UNTIL));
    }

    @Test
    void theClaimantClaimingAgainRenewsTheClaim() {
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL))
               .when(new ClaimCase(PERSON, CASE, "claim-2", NOW.plusSeconds(600), UNTIL.plusSeconds(600), "operator"))
               .expectEvents(claimed("claim-2", "operator", UNTIL.plusSeconds(600)));
    }

    @Test
    void aClosedCaseCannotBeClaimed() {
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new ClaimCase(PERSON, CASE, "claim-1", NOW, UNTIL, "operator"))
               .expectException(violation(Kind.CLOSED));
    }

    @Test
    void anUnknownCaseCannotBeClaimed() {
        fixture.given(opened())
               .when(new ClaimCase(PERSON, "case-other", "claim-1", NOW, UNTIL, "operator"))
               .expectException(violation(Kind.NOT_FOUND));
    }

    @Test
    void theClaimantsWorkRenewsTheirRunningClaim() {
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL))
               .when(new RenewClaim(PERSON, CASE, "req-9", NOW.plusSeconds(900), UNTIL.plusSeconds(900), "operator"))
               .expectEvents(new ClaimRenewed(PERSON, CASE, "req-9", "operator", UNTIL.plusSeconds(900), "operator"));
    }

    @Test
    void workByAnotherOrAfterTheClaimLapsedRenewsNothing() {
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL))
               .when(new RenewClaim(PERSON, CASE, "req-9", NOW.plusSeconds(60), UNTIL.plusSeconds(60), "supervisor"))
               .expectNoEvents();
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL))
               .when(new RenewClaim(PERSON, CASE, "req-9", UNTIL.plusSeconds(1), UNTIL.plusSeconds(1801), "operator"))
               .expectNoEvents();
    }

    @Test
    void aRenewalRepeatedIsRecordedOnce() {
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL),
                      new ClaimRenewed(PERSON, CASE, "req-9", "operator", UNTIL.plusSeconds(900), "operator"))
               .when(new RenewClaim(PERSON, CASE, "req-9", NOW.plusSeconds(901), UNTIL.plusSeconds(901), "operator"))
               .expectNoEvents();
    }

    @Test
    void theClaimantReleasesWithAHandoverNoteAndAnotherMayThenClaim() {
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL))
               .when(new ReleaseClaim(PERSON, CASE, "rel-1", HANDOVER, NOW.plusSeconds(60), "operator"))
               .expectEvents(new ClaimReleased(PERSON, CASE, "rel-1", "operator", HANDOVER, "operator"));
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL),
                      new ClaimReleased(PERSON, CASE, "rel-1", "operator", HANDOVER, "operator"))
               .when(new ClaimCase(PERSON, CASE, "claim-2", NOW.plusSeconds(61), UNTIL, "operator2"))
               .expectEvents(claimed("claim-2", "operator2", UNTIL));
    }

    @Test
    void onlyTheClaimantReleasesAndARepeatedReleaseChangesNothing() {
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL))
               .when(new ReleaseClaim(PERSON, CASE, "rel-1", HANDOVER, NOW.plusSeconds(60), "operator2"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("you hold no claim on case " + CASE + "; operator does");
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL),
                      new ClaimReleased(PERSON, CASE, "rel-1", "operator", HANDOVER, "operator"))
               .when(new ReleaseClaim(PERSON, CASE, "rel-1", HANDOVER, NOW.plusSeconds(90), "operator"))
               .expectNoEvents()
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void aSupervisorReassignsAClaimedCaseNamingWhoHeldIt() {
        PersonalText note = new PersonalText("请接手，家属已到派出所");
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL))
               .when(new AssignCase(PERSON, CASE, "as-1", "operator2", note, NOW.plusSeconds(60), UNTIL.plusSeconds(60),
                       "supervisor"))
               .expectEvents(new CaseAssigned(PERSON, CASE, "as-1", "operator2", "operator", UNTIL.plusSeconds(60),
                       note, "supervisor"))
               .expectResultMessagePayload(new CaseClaim("operator2", UNTIL.plusSeconds(60)));
    }

    @Test
    void aReassignmentNamesAPersonAsTheOperator() {
        fixture.given(opened())
               .when(new AssignCase(PERSON, CASE, "as-1", "system:worker", PersonalText.NONE, NOW, UNTIL,
                       "supervisor"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("operator: must be the user name of a person");
    }

    @Test
    void aNoteIsAddedOnceAndNeverToAClosedCase() {
        PersonalText text = new PersonalText("本人称已挂断对方电话");
        fixture.given(opened())
               .when(new AddNote(PERSON, CASE, "note-1", text, "operator"))
               .expectEvents(new NoteAdded(PERSON, CASE, "note-1", text, "operator"));
        fixture.given(opened(), new NoteAdded(PERSON, CASE, "note-1", text, "operator"))
               .when(new AddNote(PERSON, CASE, "note-1", text, "operator"))
               .expectNoEvents();
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new AddNote(PERSON, CASE, "note-2", text, "operator"))
               .expectException(violation(Kind.CLOSED));
    }

    @Test
    void anEmptyOrOverlongNoteIsRefused() {
        fixture.given(opened())
               .when(new AddNote(PERSON, CASE, "note-1", new PersonalText("  "), "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("text: is required");
        fixture.given(opened())
               .when(new AddNote(PERSON, CASE, "note-1", new PersonalText("长".repeat(2001)), "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("text: is longer than 2000 characters");
    }

    @Test
    void revealingTheNumberAnswersItAndRecordsWhoReadIt() {
        fixture.given(opened())
               .when(new RevealNumber(PERSON, CASE, "rev-1", "operator"))
               .expectEvents(new NumberRevealed(PERSON, CASE, "rev-1", "operator"))
               .expectResultMessagePayload(Clues.VICTIM);
    }

    @Test
    void aRevealRepeatedAnswersTheNumberAgainWithoutASecondRecord() {
        fixture.given(opened(), new NumberRevealed(PERSON, CASE, "rev-1", "operator"))
               .when(new RevealNumber(PERSON, CASE, "rev-1", "operator"))
               .expectNoEvents()
               .expectResultMessagePayload(Clues.VICTIM);
    }

    @Test
    void noNumberIsRevealedAfterTheErasureNorForAClosedCase() {
        fixture.given(opened(), resolved(Outcome.PERSUADED),
                      new PersonalDataErased(PERSON, "erase-1", "本人申请", "supervisor"))
               .when(new RevealNumber(PERSON, CASE, "rev-1", "operator"))
               .expectNoEvents()
               .expectException(violation(Kind.ERASED));
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new RevealNumber(PERSON, CASE, "rev-1", "operator"))
               .expectException(violation(Kind.CLOSED));
    }

    @Test
    void aClosedCaseDropsItsClaim() {
        fixture.given(opened(), claimed("claim-1", "operator", UNTIL), resolved(Outcome.PERSUADED))
               .when(new ReleaseClaim(PERSON, CASE, "rel-1", HANDOVER, NOW, "operator"))
               .expectException(violation(Kind.CLOSED));
    }
}

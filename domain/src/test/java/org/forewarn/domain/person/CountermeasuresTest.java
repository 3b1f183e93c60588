package org.forewarn.domain.person;

import static org.forewarn.domain.CountermeasureType.CANCEL_FORWARDING;
import static org.forewarn.domain.CountermeasureType.CUT_DATA;
import static org.forewarn.domain.CountermeasureType.RESTRICT_TRANSFERS;
import static org.forewarn.domain.CountermeasureType.SUSPEND_SERVICE;
import static org.forewarn.domain.person.PersonFixtures.CASE;
import static org.forewarn.domain.person.PersonFixtures.NOW;
import static org.forewarn.domain.person.PersonFixtures.PERSON;
import static org.forewarn.domain.person.PersonFixtures.applied;
import static org.forewarn.domain.person.PersonFixtures.approved;
import static org.forewarn.domain.person.PersonFixtures.notice;
import static org.forewarn.domain.person.PersonFixtures.opened;
import static org.forewarn.domain.person.PersonFixtures.proposed;
import static org.forewarn.domain.person.PersonFixtures.resolved;

import java.time.Duration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.person.api.CountermeasureApplied;
import org.forewarn.domain.person.api.CountermeasureApproved;
import org.forewarn.domain.person.api.CountermeasureLifted;
import org.forewarn.domain.person.api.CountermeasureProposed;
import org.forewarn.domain.person.api.CountermeasureRejected;
import org.forewarn.domain.person.api.DecideCountermeasure;
import org.forewarn.domain.person.api.LiftCountermeasure;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.domain.person.api.ProposeCountermeasure;
import org.forewarn.domain.person.api.RecordCountermeasureApplied;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Countermeasures: proposed with a reason, approved by supervisors who are not the proposer
 * (two for the intrusive ones), applied only once approved and with the art. 32 notice, lifted on
 * expiry, on the case closing, or when an appeal or verification passes.
 */
class CountermeasuresTest {

    private static final String CM = "cm-1";
    private static final String REASON = "keeps transferring to a 'safe account'";

    private FixtureConfiguration<AtRiskPerson> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AtRiskPerson.class);
    }

    @Test
    void proposalNamesTheReasonAndHowManySupervisorsMustApprove() {
        fixture.given(opened())
               .when(new ProposeCountermeasure(PERSON, CASE, CM, RESTRICT_TRANSFERS, REASON, "operator"))
               .expectEvents(new CountermeasureProposed(PERSON, CASE, CM, RESTRICT_TRANSFERS, REASON, 2, "operator"));
        fixture.given(opened())
               .when(new ProposeCountermeasure(PERSON, CASE, CM, CANCEL_FORWARDING, REASON, "operator"))
               .expectEvents(new CountermeasureProposed(PERSON, CASE, CM, CANCEL_FORWARDING, REASON, 1, "operator"));
    }

    @Test
    void proposalWithoutAReasonIsRefused() {
        fixture.given(opened())
               .when(new ProposeCountermeasure(PERSON, CASE, CM, CUT_DATA, "  ", "operator"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("reason: is required");
    }

    @Test
    void retriedProposalChangesNothing() {
        fixture.given(opened(), proposed(CM, CUT_DATA))
               .when(new ProposeCountermeasure(PERSON, CASE, CM, CUT_DATA, REASON, "operator"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aTypeAlreadyProposedOrInForceCannotBeProposedAgain() {
        fixture.given(opened(), proposed(CM, CUT_DATA))
               .when(new ProposeCountermeasure(PERSON, CASE, "cm-2", CUT_DATA, REASON, "operator2"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("CUT_DATA is already proposed for this person as countermeasure cm-1");
    }

    @Test
    void aRejectedTypeMayBeProposedAgain() {
        fixture.given(opened(), proposed(CM, CUT_DATA),
                      new CountermeasureRejected(PERSON, CASE, CM, CUT_DATA, "not yet", "supervisor"))
               .when(new ProposeCountermeasure(PERSON, CASE, "cm-2", CUT_DATA, REASON, "operator"))
               .expectEvents(new CountermeasureProposed(PERSON, CASE, "cm-2", CUT_DATA, REASON, 2, "operator"));
    }

    @Test
    void proposalOnAClosedCaseIsRefused() {
        fixture.given(opened(), resolved(Outcome.PERSUADED))
               .when(new ProposeCountermeasure(PERSON, CASE, CM, CUT_DATA, REASON, "operator"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("case case-1 is closed (PERSUADED); no rung or outcome can be recorded on it");
    }

    @Test
    void theProposerCannotApproveTheirOwnProposal() {
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING))
               .when(new DecideCountermeasure(PERSON, CASE, CM, true, "", "operator"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("the proposer of countermeasure cm-1 cannot approve or reject it; "
                       + "another supervisor must decide");
    }

    @Test
    void noCountermeasureIsApprovedAutomatically() {
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING))
               .when(new DecideCountermeasure(PERSON, CASE, CM, true, "", "system:policy"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("a countermeasure is approved or rejected by a supervisor, never automatically "
                       + "(PIPL art. 24); system:policy is not a person");
    }

    @Test
    void cancelForwardingIsApprovedByOneSupervisor() {
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING))
               .when(new DecideCountermeasure(PERSON, CASE, CM, true, "line diverted", "supervisor"))
               .expectEvents(new CountermeasureApproved(PERSON, CASE, CM, CANCEL_FORWARDING, "line diverted", 1, 1,
                       "supervisor"));
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING), approved(CM, CANCEL_FORWARDING, "supervisor", 1))
               .when(new RecordCountermeasureApplied(PERSON, CM, "apply-1", NOW, null, notice(CANCEL_FORWARDING),
                       "system:carrier"))
               .expectEvents(new CountermeasureApplied(PERSON, CASE, CM, CANCEL_FORWARDING, "apply-1", NOW, null,
                       notice(CANCEL_FORWARDING), "system:carrier"));
    }

    @Test
    void anIntrusiveCountermeasureIsNotApplicableAfterOneApproval() {
        fixture.given(opened(), proposed(CM, RESTRICT_TRANSFERS), approved(CM, RESTRICT_TRANSFERS, "supervisor", 1))
               .when(new RecordCountermeasureApplied(PERSON, CM, "apply-1", NOW, NOW.plus(Duration.ofDays(3)),
                       notice(RESTRICT_TRANSFERS), "system:payment"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("countermeasure cm-1 is proposed; only a countermeasure approved by 2 "
                       + "supervisor(s) can be applied");
    }

    @Test
    void aSecondSupervisorCompletesTheApprovalOfAnIntrusiveCountermeasure() {
        fixture.given(opened(), proposed(CM, RESTRICT_TRANSFERS), approved(CM, RESTRICT_TRANSFERS, "supervisor", 1))
               .when(new DecideCountermeasure(PERSON, CASE, CM, true, "agree", "supervisor2"))
               .expectEvents(new CountermeasureApproved(PERSON, CASE, CM, RESTRICT_TRANSFERS, "agree", 2, 2,
                       "supervisor2"));
    }

    @Test
    void theSameSupervisorCannotGiveBothApprovals() {
        fixture.given(opened(), proposed(CM, RESTRICT_TRANSFERS), approved(CM, RESTRICT_TRANSFERS, "supervisor", 1))
               .when(new DecideCountermeasure(PERSON, CASE, CM, true, "again", "supervisor"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("supervisor has already approved countermeasure cm-1; "
                       + "a second supervisor must approve");
    }

    @Test
    void rejectionSaysWhy() {
        fixture.given(opened(), proposed(CM, SUSPEND_SERVICE))
               .when(new DecideCountermeasure(PERSON, CASE, CM, false, "", "supervisor"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("note: is required when rejecting: say why");
        fixture.given(opened(), proposed(CM, SUSPEND_SERVICE))
               .when(new DecideCountermeasure(PERSON, CASE, CM, false, "family is with her", "supervisor"))
               .expectEvents(new CountermeasureRejected(PERSON, CASE, CM, SUSPEND_SERVICE, "family is with her", "supervisor"));
    }

    @Test
    void aRejectedCountermeasureIsNeitherDecidedAgainNorApplied() {
        CountermeasureRejected rejected = new CountermeasureRejected(PERSON, CASE, CM, SUSPEND_SERVICE, "no", "supervisor");
        fixture.given(opened(), proposed(CM, SUSPEND_SERVICE), rejected)
               .when(new DecideCountermeasure(PERSON, CASE, CM, true, "", "supervisor2"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("countermeasure cm-1 is already rejected; it cannot be decided again");
        fixture.given(opened(), proposed(CM, SUSPEND_SERVICE), rejected)
               .when(new RecordCountermeasureApplied(PERSON, CM, "apply-1", NOW, NOW.plusSeconds(3600), notice(SUSPEND_SERVICE),
                       "system:carrier"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("countermeasure cm-1 is rejected; only a countermeasure approved by 2 "
                       + "supervisor(s) can be applied");
    }

    @Test
    void decisionOnAnUnknownCountermeasureIsNotFound() {
        fixture.given(opened())
               .when(new DecideCountermeasure(PERSON, CASE, "cm-9", true, "", "supervisor"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("no countermeasure cm-9 in case case-1");
    }

    @Test
    void anIntrusiveCountermeasureIsAppliedUntilAnExpiry() {
        fixture.given(opened(), proposed(CM, CUT_DATA), approved(CM, CUT_DATA, "supervisor", 1),
                      approved(CM, CUT_DATA, "supervisor2", 2))
               .when(new RecordCountermeasureApplied(PERSON, CM, "apply-1", NOW, null, notice(CUT_DATA), "system:carrier"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("expiresAt: is required for CUT_DATA and must be after the time it was applied");
        fixture.given(opened(), proposed(CM, CUT_DATA), approved(CM, CUT_DATA, "supervisor", 1),
                      approved(CM, CUT_DATA, "supervisor2", 2))
               .when(new RecordCountermeasureApplied(PERSON, CM, "apply-1", NOW, NOW.plus(Duration.ofDays(91)),
                       notice(CUT_DATA), "system:carrier"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("expiresAt: must be at most 90 days after the time it was applied");
    }

    @Test
    void cancelForwardingHasNoExpiry() {
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING), approved(CM, CANCEL_FORWARDING, "supervisor", 1))
               .when(new RecordCountermeasureApplied(PERSON, CM, "apply-1", NOW, NOW.plusSeconds(60),
                       notice(CANCEL_FORWARDING), "system:carrier"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("expiresAt: CANCEL_FORWARDING has no expiry");
    }

    @Test
    void theNoticeToThePersonIsPartOfApplying() {
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING), approved(CM, CANCEL_FORWARDING, "supervisor", 1))
               .when(new RecordCountermeasureApplied(PERSON, CM, "apply-1", NOW, null, null, "system:carrier"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("notice: is required: the person must be told the reason, how to appeal and "
                       + "what to send (Anti-Telecom Fraud Law art. 32)");
    }

    @Test
    void applyingTwiceChangesNothing() {
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING), approved(CM, CANCEL_FORWARDING, "supervisor", 1),
                      applied(CM, CANCEL_FORWARDING))
               .when(new RecordCountermeasureApplied(PERSON, CM, "apply-2", NOW, null, notice(CANCEL_FORWARDING),
                       "system:carrier"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void liftedOnExpiryOnlyOnceItHasExpired() {
        CountermeasureApplied applied = applied(CM, CUT_DATA);
        fixture.given(opened(), proposed(CM, CUT_DATA), approved(CM, CUT_DATA, "s1", 1), approved(CM, CUT_DATA, "s2", 2),
                      applied)
               .when(new LiftCountermeasure(PERSON, CM, "lift-1", LiftReason.EXPIRED, NOW, "system:countermeasure"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("countermeasure cm-1 has not expired (it expires at " + applied.expiresAt() + ")");
        fixture.given(opened(), proposed(CM, CUT_DATA), approved(CM, CUT_DATA, "s1", 1), approved(CM, CUT_DATA, "s2", 2),
                      applied)
               .when(new LiftCountermeasure(PERSON, CM, "lift-1", LiftReason.EXPIRED, applied.expiresAt(),
                       "system:countermeasure"))
               .expectEvents(new CountermeasureLifted(PERSON, CASE, CM, CUT_DATA, "lift-1", LiftReason.EXPIRED,
                       applied.expiresAt(), "system:countermeasure"));
    }

    @Test
    void liftedWhenTheCaseClosedOnlyOnceItIsClosedAndEvenAfterwards() {
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING), approved(CM, CANCEL_FORWARDING, "s1", 1),
                      applied(CM, CANCEL_FORWARDING))
               .when(new LiftCountermeasure(PERSON, CM, "lift-1", LiftReason.CASE_CLOSED, NOW, "system:countermeasure"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("case case-1 of countermeasure cm-1 is still open");
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING), approved(CM, CANCEL_FORWARDING, "s1", 1),
                      applied(CM, CANCEL_FORWARDING), resolved(Outcome.PERSUADED))
               .when(new LiftCountermeasure(PERSON, CM, "lift-1", LiftReason.CASE_CLOSED, NOW, "system:countermeasure"))
               .expectEvents(new CountermeasureLifted(PERSON, CASE, CM, CANCEL_FORWARDING, "lift-1",
                       LiftReason.CASE_CLOSED, NOW, "system:countermeasure"));
    }

    @Test
    void liftedAtOnceWhenAnAppealPassesAsJudgedByAPersonButNotByAMachineUnasked() {
        fixture.given(opened(), proposed(CM, CUT_DATA), approved(CM, CUT_DATA, "s1", 1), approved(CM, CUT_DATA, "s2", 2),
                      applied(CM, CUT_DATA))
               .when(new LiftCountermeasure(PERSON, CM, "lift-1", LiftReason.APPEAL_UPHELD, NOW, "supervisor"))
               .expectEvents(new CountermeasureLifted(PERSON, CASE, CM, CUT_DATA, "lift-1", LiftReason.APPEAL_UPHELD,
                       NOW, "supervisor"));
        fixture.given(opened(), proposed(CM, CUT_DATA), approved(CM, CUT_DATA, "s1", 1), approved(CM, CUT_DATA, "s2", 2),
                      applied(CM, CUT_DATA))
               .when(new LiftCountermeasure(PERSON, CM, "lift-1", LiftReason.VERIFICATION_PASSED, NOW, "system:x"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("an appeal or verification is judged by a person, and no supervisor requested "
                       + "this lift for VERIFICATION_PASSED; system:x is not a person");
    }

    @Test
    void onlyACountermeasureInForceCanBeLiftedAndOnlyOnce() {
        fixture.given(opened(), proposed(CM, CUT_DATA))
               .when(new LiftCountermeasure(PERSON, CM, "lift-1", LiftReason.APPEAL_UPHELD, NOW, "supervisor"))
               .expectException(DomainRuleViolation.class)
               .expectExceptionMessage("countermeasure cm-1 is proposed, not in force; there is nothing to lift");
        fixture.given(opened(), proposed(CM, CANCEL_FORWARDING), approved(CM, CANCEL_FORWARDING, "s1", 1),
                      applied(CM, CANCEL_FORWARDING), resolved(Outcome.PERSUADED),
                      new CountermeasureLifted(PERSON, CASE, CM, CANCEL_FORWARDING, "lift-1", LiftReason.CASE_CLOSED,
                              NOW, "system:countermeasure"))
               .when(new LiftCountermeasure(PERSON, CM, "lift-2", LiftReason.CASE_CLOSED, NOW, "system:countermeasure"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }
}

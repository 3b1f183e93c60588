package org.forewarn.domain.suspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forewarn.domain.FraudCategory.IMPERSONATING_AUTHORITIES;
import static org.forewarn.domain.FraudCategory.LOAN_SCAM;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.forewarn.domain.Clues;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.DomainRuleViolation.Kind;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.suspect.api.AppealDismissed;
import org.forewarn.domain.suspect.api.AppealFiled;
import org.forewarn.domain.suspect.api.AppealUpheld;
import org.forewarn.domain.suspect.api.DecideAppeal;
import org.forewarn.domain.suspect.api.FileAppeal;
import org.forewarn.domain.suspect.api.HolderDelisted;
import org.forewarn.domain.suspect.api.HolderListed;
import org.forewarn.domain.suspect.api.InterceptNumber;
import org.forewarn.domain.suspect.api.InterceptionLifted;
import org.forewarn.domain.suspect.api.LinkedAccountsReported;
import org.forewarn.domain.suspect.api.ListHolderAsBadCredit;
import org.forewarn.domain.suspect.api.NumberIntercepted;
import org.forewarn.domain.suspect.api.NumberTerminated;
import org.forewarn.domain.suspect.api.RecordReverificationResult;
import org.forewarn.domain.suspect.api.RecordSuspectEvidence;
import org.forewarn.domain.suspect.api.ReportLinkedAccounts;
import org.forewarn.domain.suspect.api.RequestReverification;
import org.forewarn.domain.suspect.api.ReverificationFailed;
import org.forewarn.domain.suspect.api.ReverificationPassed;
import org.forewarn.domain.suspect.api.ReverificationRequested;
import org.forewarn.domain.suspect.api.ReverificationWaived;
import org.forewarn.domain.suspect.api.ServiceRestored;
import org.forewarn.domain.suspect.api.SuspectEvidenceRecorded;
import org.forewarn.domain.suspect.api.TerminateNumber;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rulebook of a suspect number, one rule per test. */
class SuspectNumberTest {

    private static final String SUSPECT = "s-0123456789abcdef0123456789abcdef";
    private static final PhoneNumber NUMBER = Clues.SUSPECT;
    private static final String VICTIM_A = "p-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String VICTIM_B = "p-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static final Instant SEEN = Clues.DETECTED;
    private static final String INTAKE = "system:intake";
    private static final String OPERATOR = "operator";
    private static final String SUPERVISOR = "supervisor";
    private static final String SUPERVISOR2 = "supervisor2";
    private static final String WHY = "reached 3 elderly victims as fake police";
    private static final LocalDate LISTED_ON = LocalDate.parse("2026-11-22");

    private static final SuspectEvidenceRecorded FIRST_CLUE =
            evidence("zj-1", VICTIM_A, IMPERSONATING_AUTHORITIES, SEEN, true, 1);
    private static final NumberIntercepted INTERCEPTED = new NumberIntercepted(SUSPECT, "r-1", WHY, OPERATOR);
    private static final ReverificationRequested REVERIFICATION =
            new ReverificationRequested(SUSPECT, "r-2", WHY, OPERATOR);
    private static final NumberTerminated TERMINATED = new NumberTerminated(SUSPECT, "r-3", WHY, SUPERVISOR);
    private static final HolderListed LISTED = new HolderListed(SUSPECT, "r-4", Period.ofYears(2), LISTED_ON,
            LocalDate.parse("2028-11-22"), WHY, SUPERVISOR);
    private static final PersonalText GROUNDS = new PersonalText("my phone was stolen on 1 November");
    private static final AppealFiled APPEAL = new AppealFiled(SUSPECT, "r-5", "a-1", GROUNDS, OPERATOR);

    private FixtureConfiguration<SuspectNumber> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SuspectNumber.class);
    }

    private static SuspectEvidenceRecorded evidence(String clueId, String victim, FraudCategory category,
                                                    Instant seenAt, boolean newVictim, int victimsReached) {
        return new SuspectEvidenceRecorded(SUSPECT, NUMBER, clueId, victim, category, seenAt, newVictim,
                victimsReached, INTAKE);
    }

    private static RecordSuspectEvidence clue(String clueId, String victim, FraudCategory category, Instant seenAt) {
        return new RecordSuspectEvidence(SUSPECT, NUMBER, clueId, victim, category, seenAt, INTAKE);
    }

    private static Matcher<DomainRuleViolation> violation(Kind kind) {
        return new CustomTypeSafeMatcher<>("a rule violation of kind " + kind) {
            @Override
            protected boolean matchesSafely(DomainRuleViolation v) {
                return v.kind() == kind;
            }
        };
    }

    // ---- evidence from every clue

    @Test
    void firstClueCreatesTheSuspectWithItsEvidence() {
        fixture.givenNoPriorActivity()
               .when(clue("zj-1", VICTIM_A, IMPERSONATING_AUTHORITIES, SEEN))
               .expectSuccessfulHandlerExecution()
               .expectEvents(FIRST_CLUE);
    }

    @Test
    void sameClueTwiceAddsNoEvidence() {
        fixture.given(FIRST_CLUE)
               .when(clue("zj-1", VICTIM_A, IMPERSONATING_AUTHORITIES, SEEN))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void clueReachingAnotherVictimCountsANewVictim() {
        fixture.given(FIRST_CLUE)
               .when(clue("zj-2", VICTIM_B, LOAN_SCAM, SEEN))
               .expectEvents(evidence("zj-2", VICTIM_B, LOAN_SCAM, SEEN, true, 2));
    }

    @Test
    void secondVictimIsCountedOnceEvenIfReachedAgain() {
        fixture.given(FIRST_CLUE, evidence("zj-2", VICTIM_B, LOAN_SCAM, SEEN, true, 2))
               .when(clue("zj-3", VICTIM_B, LOAN_SCAM, SEEN.plusSeconds(60)))
               .expectEvents(evidence("zj-3", VICTIM_B, LOAN_SCAM, SEEN.plusSeconds(60), false, 2))
               .expectState(suspect -> assertThat(suspect.victimsReached()).isEqualTo(2));
    }

    @Test
    void categoriesAreCountedOncePerClue() {
        fixture.given(FIRST_CLUE, evidence("zj-2", VICTIM_B, LOAN_SCAM, SEEN, true, 2))
               .when(clue("zj-3", VICTIM_B, IMPERSONATING_AUTHORITIES, SEEN))
               .expectState(suspect -> assertThat(suspect.categoriesSeen())
                       .isEqualTo(Map.of(IMPERSONATING_AUTHORITIES, 2, LOAN_SCAM, 1)));
    }

    @Test
    void firstAndLastSeenSpanCluesArrivingOutOfOrder() {
        Instant earlier = SEEN.minusSeconds(3600);
        Instant later = SEEN.plusSeconds(3600);
        fixture.given(FIRST_CLUE, evidence("zj-2", VICTIM_A, IMPERSONATING_AUTHORITIES, later, false, 1))
               .when(clue("zj-3", VICTIM_A, IMPERSONATING_AUTHORITIES, earlier))
               .expectState(suspect -> {
                   assertThat(suspect.firstSeen()).isEqualTo(earlier);
                   assertThat(suspect.lastSeen()).isEqualTo(later);
               });
    }

    @Test
    void evidenceIsFiledOnlyUnderASuspectId() {
        fixture.givenNoPriorActivity()
               .when(new RecordSuspectEvidence("p-0123456789abcdef0123456789abcdef", NUMBER, "zj-1", VICTIM_A,
                       IMPERSONATING_AUTHORITIES, SEEN, INTAKE))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("suspectId: must be s- followed by 32 lower-case hex digits")
               .expectNoEvents();
    }

    @Test
    void evidenceNeedsTheSuspectNumber() {
        fixture.givenNoPriorActivity()
               .when(new RecordSuspectEvidence(SUSPECT, null, "zj-1", VICTIM_A, IMPERSONATING_AUTHORITIES, SEEN,
                       INTAKE))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("number: is required");
    }

    // ---- interception

    @Test
    void numberCanBeInterceptedWithAReason() {
        fixture.given(FIRST_CLUE)
               .when(new InterceptNumber(SUSPECT, "r-1", WHY, OPERATOR))
               .expectEvents(INTERCEPTED);
    }

    @Test
    void interceptingAnInterceptedNumberIsRefused() {
        fixture.given(FIRST_CLUE, INTERCEPTED)
               .when(new InterceptNumber(SUSPECT, "r-9", WHY, OPERATOR))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("the number is already intercepted")
               .expectNoEvents();
    }

    @Test
    void dispositionWithoutAReasonIsRefused() {
        fixture.given(FIRST_CLUE)
               .when(new InterceptNumber(SUSPECT, "r-1", "  ", OPERATOR))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("reason: is required");
    }

    @Test
    void reasonLongerThan2000CharactersIsRefused() {
        fixture.given(FIRST_CLUE)
               .when(new InterceptNumber(SUSPECT, "r-1", "x".repeat(2001), OPERATOR))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("reason: is longer than 2000 characters");
    }

    @Test
    void dispositionWithoutAnActorIsRefused() {
        fixture.given(FIRST_CLUE)
               .when(new InterceptNumber(SUSPECT, "r-1", WHY, null))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("actor: is required");
    }

    @Test
    void dispositionOnAnUnknownSuspectIsNotFound() {
        fixture.givenNoPriorActivity()
               .when(new InterceptNumber(SUSPECT, "r-1", WHY, OPERATOR))
               .expectException(AggregateNotFoundException.class);
    }

    // ---- re-verification (二次实名认证)

    @Test
    void reverificationCanBeRequested() {
        fixture.given(FIRST_CLUE)
               .when(new RequestReverification(SUSPECT, "r-2", WHY, OPERATOR))
               .expectEvents(REVERIFICATION);
    }

    @Test
    void reverificationCannotBeRequestedWhileOneIsPending() {
        fixture.given(FIRST_CLUE, REVERIFICATION)
               .when(new RequestReverification(SUSPECT, "r-9", WHY, OPERATOR))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("a re-verification is already pending");
    }

    @Test
    void passedReverificationIsRecorded() {
        fixture.given(FIRST_CLUE, REVERIFICATION)
               .when(new RecordReverificationResult(SUSPECT, "r-6", true, "verified in person", "system:carrier"))
               .expectEvents(new ReverificationPassed(SUSPECT, "r-6", "verified in person", "system:carrier"));
    }

    @Test
    void failedReverificationIsRecorded() {
        fixture.given(FIRST_CLUE, REVERIFICATION)
               .when(new RecordReverificationResult(SUSPECT, "r-6", false, "did not come", "system:carrier"))
               .expectEvents(new ReverificationFailed(SUSPECT, "r-6", "did not come", "system:carrier"));
    }

    @Test
    void reverificationResultWithoutAPendingReverificationIsRefused() {
        fixture.given(FIRST_CLUE)
               .when(new RecordReverificationResult(SUSPECT, "r-6", true, "verified in person", "system:carrier"))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("no re-verification is pending, so there is no result to record");
    }

    @Test
    void reverificationResultIsRecordedOnlyOnce() {
        fixture.given(FIRST_CLUE, REVERIFICATION,
                      new ReverificationPassed(SUSPECT, "r-6", "verified in person", "system:carrier"))
               .when(new RecordReverificationResult(SUSPECT, "r-7", false, "did not come", "system:carrier"))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("no re-verification is pending, so there is no result to record");
    }

    @Test
    void failedReverificationCanBeRequestedAgain() {
        fixture.given(FIRST_CLUE, REVERIFICATION,
                      new ReverificationFailed(SUSPECT, "r-6", "did not come", "system:carrier"))
               .when(new RequestReverification(SUSPECT, "r-7", "second chance", OPERATOR))
               .expectEvents(new ReverificationRequested(SUSPECT, "r-7", "second chance", OPERATOR));
    }

    // ---- termination

    @Test
    void humanCanTerminateTheNumber() {
        fixture.given(FIRST_CLUE)
               .when(new TerminateNumber(SUSPECT, "r-3", WHY, SUPERVISOR))
               .expectEvents(TERMINATED);
    }

    @Test
    void terminatingTwiceIsRefused() {
        fixture.given(FIRST_CLUE, TERMINATED)
               .when(new TerminateNumber(SUSPECT, "r-9", WHY, SUPERVISOR))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("the number is already terminated")
               .expectNoEvents();
    }

    @Test
    void terminationMustBeDecidedByAHuman() {
        fixture.given(FIRST_CLUE)
               .when(new TerminateNumber(SUSPECT, "r-3", WHY, "system:auto-dispose"))
               .expectException(violation(Kind.FORBIDDEN))
               .expectExceptionMessage("a termination must be decided by a human, not system:auto-dispose")
               .expectNoEvents();
    }

    // ---- the holder's bad-credit listing

    @Test
    void listingRunsFromItsDateForThePeriod() {
        fixture.given(FIRST_CLUE)
               .when(new ListHolderAsBadCredit(SUSPECT, "r-4", Period.ofYears(2), LISTED_ON, WHY, SUPERVISOR))
               .expectEvents(LISTED);
    }

    @Test
    void listingPeriodInMonthsIsReadAsWholeYears() {
        fixture.given(FIRST_CLUE)
               .when(new ListHolderAsBadCredit(SUSPECT, "r-4", Period.ofMonths(36), LISTED_ON, WHY, SUPERVISOR))
               .expectEvents(new HolderListed(SUSPECT, "r-4", Period.ofYears(3), LISTED_ON,
                       LocalDate.parse("2029-11-22"), WHY, SUPERVISOR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P0Y", "P6Y", "P18M", "P2Y1D", "P-2Y", "P10Y"})
    void listingPeriodOutsideOneToFiveYearsIsRefused(String period) {
        fixture.given(FIRST_CLUE)
               .when(new ListHolderAsBadCredit(SUSPECT, "r-4", Period.parse(period), LISTED_ON, WHY, SUPERVISOR))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("period: must be 1 to 5 whole years, not " + Period.parse(period))
               .expectNoEvents();
    }

    @Test
    void listingNeedsAPeriod() {
        fixture.given(FIRST_CLUE)
               .when(new ListHolderAsBadCredit(SUSPECT, "r-4", null, LISTED_ON, WHY, SUPERVISOR))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("period: is required");
    }

    @Test
    void listingMustBeDecidedByAHuman() {
        fixture.given(FIRST_CLUE)
               .when(new ListHolderAsBadCredit(SUSPECT, "r-4", Period.ofYears(2), LISTED_ON, WHY, "system:rules"))
               .expectException(violation(Kind.FORBIDDEN))
               .expectExceptionMessage("a bad-credit listing must be decided by a human, not system:rules");
    }

    @Test
    void listingAgainWhileAListingIsInForceIsRefused() {
        fixture.given(FIRST_CLUE, LISTED)
               .when(new ListHolderAsBadCredit(SUSPECT, "r-9", Period.ofYears(5), LocalDate.parse("2028-11-21"), WHY,
                       SUPERVISOR))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("the holder is already listed until 2028-11-22");
    }

    @Test
    void holderCanBeListedAgainOnceTheListingRanOut() {
        LocalDate ranOut = LocalDate.parse("2028-11-22");
        fixture.given(FIRST_CLUE, LISTED)
               .when(new ListHolderAsBadCredit(SUSPECT, "r-9", Period.ofYears(2), ranOut, WHY, SUPERVISOR))
               .expectEvents(new HolderListed(SUSPECT, "r-9", Period.ofYears(2), ranOut,
                       LocalDate.parse("2030-11-22"), WHY, SUPERVISOR));
    }

    // ---- linked accounts on other platforms

    @Test
    void linkedAccountsAreReportedAsPersonalDataOfTheSuspect() {
        List<PersonalText> refs = List.of(new PersonalText("6222 0210 0000 0001"), new PersonalText(" wx:abc123 "));
        LinkedAccountsReported expected = new LinkedAccountsReported(SUSPECT, "r-8", "icbc",
                List.of(new PersonalText("6222 0210 0000 0001"), new PersonalText("wx:abc123")), WHY, OPERATOR);
        fixture.given(FIRST_CLUE)
               .when(new ReportLinkedAccounts(SUSPECT, "r-8", "icbc", refs, WHY, OPERATOR))
               .expectEvents(expected);
        assertThat(expected.dataSubjectId()).isEqualTo(SUSPECT);
        assertThat(expected.toString()).doesNotContain("6222", "abc123");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 51})
    void linkedAccountsReportHoldsOneToFiftyAccounts(int count) {
        List<PersonalText> refs = Collections.nCopies(count, new PersonalText("acct"));
        fixture.given(FIRST_CLUE)
               .when(new ReportLinkedAccounts(SUSPECT, "r-8", "icbc", refs, WHY, OPERATOR))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("accountRefs: must hold 1 to 50 account references");
    }

    @Test
    void blankAccountReferenceIsRefused() {
        fixture.given(FIRST_CLUE)
               .when(new ReportLinkedAccounts(SUSPECT, "r-8", "icbc", List.of(new PersonalText(" ")), WHY, OPERATOR))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("accountRefs: must not hold a blank account reference");
    }

    @Test
    void platformNameLongerThan64CharactersIsRefused() {
        fixture.given(FIRST_CLUE)
               .when(new ReportLinkedAccounts(SUSPECT, "r-8", "p".repeat(65), List.of(new PersonalText("acct")), WHY,
                       OPERATOR))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("platform: is longer than 64 characters");
    }

    // ---- retries

    static Stream<Arguments> retriedRequests() {
        ReverificationPassed passed = new ReverificationPassed(SUSPECT, "r-6", "verified", OPERATOR);
        LinkedAccountsReported reported = new LinkedAccountsReported(SUSPECT, "r-8", "icbc",
                List.of(new PersonalText("acct")), WHY, OPERATOR);
        AppealDismissed dismissed = new AppealDismissed(SUSPECT, "r-7", "a-1", "evidence holds", SUPERVISOR);
        return Stream.of(
                Arguments.of(List.of(FIRST_CLUE, INTERCEPTED), new InterceptNumber(SUSPECT, "r-1", WHY, OPERATOR)),
                Arguments.of(List.of(FIRST_CLUE, REVERIFICATION),
                        new RequestReverification(SUSPECT, "r-2", WHY, OPERATOR)),
                Arguments.of(List.of(FIRST_CLUE, REVERIFICATION, passed),
                        new RecordReverificationResult(SUSPECT, "r-6", true, "verified", OPERATOR)),
                Arguments.of(List.of(FIRST_CLUE, TERMINATED), new TerminateNumber(SUSPECT, "r-3", WHY, SUPERVISOR)),
                Arguments.of(List.of(FIRST_CLUE, LISTED), new ListHolderAsBadCredit(SUSPECT, "r-4",
                        Period.ofYears(2), LISTED_ON, WHY, SUPERVISOR)),
                Arguments.of(List.of(FIRST_CLUE, reported), new ReportLinkedAccounts(SUSPECT, "r-8", "icbc",
                        List.of(new PersonalText("acct")), WHY, OPERATOR)),
                Arguments.of(List.of(FIRST_CLUE, INTERCEPTED, APPEAL),
                        new FileAppeal(SUSPECT, "r-5", "a-1", GROUNDS, OPERATOR)),
                Arguments.of(List.of(FIRST_CLUE, INTERCEPTED, APPEAL, dismissed),
                        new DecideAppeal(SUSPECT, "r-7", "a-1", false, "evidence holds", SUPERVISOR)));
    }

    @ParameterizedTest
    @MethodSource("retriedRequests")
    void retriedRequestChangesNothing(List<Object> history, Object retry) {
        fixture.given(history)
               .when(retry)
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void requestIdUsedBeforeForAnotherCommandIsRefused() {
        fixture.given(FIRST_CLUE, INTERCEPTED)
               .when(new TerminateNumber(SUSPECT, "r-1", WHY, SUPERVISOR))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("request r-1 was already used for InterceptNumber")
               .expectNoEvents();
    }

    @Test
    void malformedRequestIdIsRefused() {
        fixture.given(FIRST_CLUE)
               .when(new InterceptNumber(SUSPECT, "r 1", WHY, OPERATOR))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("requestId: must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
    }

    @Test
    void dispositionWithoutARequestIdIsRefused() {
        fixture.given(FIRST_CLUE)
               .when(new InterceptNumber(SUSPECT, null, WHY, OPERATOR))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("requestId: is required");
    }

    // ---- appeals

    static Stream<Object> restrictions() {
        return Stream.of(INTERCEPTED, REVERIFICATION, TERMINATED, LISTED,
                new ReverificationFailed(SUSPECT, "r-6", "did not come", OPERATOR));
    }

    @ParameterizedTest
    @MethodSource("restrictions")
    void appealCanBeFiledAgainstAnyRestrictionInForce(Object restriction) {
        List<Object> history = restriction instanceof ReverificationFailed
                ? List.of(FIRST_CLUE, REVERIFICATION, restriction)
                : List.of(FIRST_CLUE, restriction);
        fixture.given(history)
               .when(new FileAppeal(SUSPECT, "r-5", "a-1", GROUNDS, OPERATOR))
               .expectEvents(APPEAL);
    }

    @Test
    void appealWithoutARestrictionInForceIsRefused() {
        fixture.given(FIRST_CLUE)
               .when(new FileAppeal(SUSPECT, "r-5", "a-1", GROUNDS, OPERATOR))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("no restriction is in force on this number, so there is nothing to appeal");
    }

    @Test
    void passedReverificationLeavesNothingToAppeal() {
        fixture.given(FIRST_CLUE, REVERIFICATION, new ReverificationPassed(SUSPECT, "r-6", "verified", OPERATOR))
               .when(new FileAppeal(SUSPECT, "r-5", "a-1", GROUNDS, OPERATOR))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("no restriction is in force on this number, so there is nothing to appeal");
    }

    @Test
    void onlyOneAppealIsOpenAtATime() {
        fixture.given(FIRST_CLUE, INTERCEPTED, APPEAL)
               .when(new FileAppeal(SUSPECT, "r-9", "a-2", GROUNDS, OPERATOR))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("appeal a-1 is still open; only one appeal at a time");
    }

    @Test
    void appealIdIsNotReused() {
        fixture.given(FIRST_CLUE, INTERCEPTED, APPEAL,
                      new AppealDismissed(SUSPECT, "r-7", "a-1", "evidence holds", SUPERVISOR))
               .when(new FileAppeal(SUSPECT, "r-9", "a-1", GROUNDS, OPERATOR))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("appeal a-1 was filed before");
    }

    @Test
    void appealNeedsGrounds() {
        fixture.given(FIRST_CLUE, INTERCEPTED)
               .when(new FileAppeal(SUSPECT, "r-5", "a-1", PersonalText.NONE, OPERATOR))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("grounds: is required");
    }

    @Test
    void upheldAppealLiftsEveryRestrictionInForceWithAnEventEach() {
        fixture.given(FIRST_CLUE, INTERCEPTED, REVERIFICATION, TERMINATED, LISTED, APPEAL)
               .when(new DecideAppeal(SUSPECT, "r-7", "a-1", true, "the phone was stolen", SUPERVISOR))
               .expectEvents(new AppealUpheld(SUSPECT, "r-7", "a-1", "the phone was stolen", SUPERVISOR),
                       new InterceptionLifted(SUSPECT, "a-1", SUPERVISOR),
                       new ServiceRestored(SUSPECT, "a-1", SUPERVISOR),
                       new ReverificationWaived(SUSPECT, "a-1", SUPERVISOR),
                       new HolderDelisted(SUSPECT, "a-1", SUPERVISOR));
    }

    @Test
    void upheldAppealLiftsOnlyWhatIsInForce() {
        fixture.given(FIRST_CLUE, REVERIFICATION, new ReverificationFailed(SUSPECT, "r-6", "did not come", OPERATOR),
                      APPEAL)
               .when(new DecideAppeal(SUSPECT, "r-7", "a-1", true, "the phone was stolen", SUPERVISOR))
               .expectEvents(new AppealUpheld(SUSPECT, "r-7", "a-1", "the phone was stolen", SUPERVISOR),
                       new ReverificationWaived(SUSPECT, "a-1", SUPERVISOR));
    }

    @Test
    void numberIsClearAfterAnUpheldAppeal() {
        fixture.given(FIRST_CLUE, INTERCEPTED, TERMINATED, LISTED, APPEAL,
                      new AppealUpheld(SUSPECT, "r-7", "a-1", "the phone was stolen", SUPERVISOR),
                      new InterceptionLifted(SUSPECT, "a-1", SUPERVISOR),
                      new ServiceRestored(SUSPECT, "a-1", SUPERVISOR),
                      new HolderDelisted(SUSPECT, "a-1", SUPERVISOR))
               .when(new FileAppeal(SUSPECT, "r-9", "a-2", GROUNDS, OPERATOR))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("no restriction is in force on this number, so there is nothing to appeal");
    }

    @Test
    void clearedNumberCollectsNewEvidence() {
        fixture.given(FIRST_CLUE, INTERCEPTED, APPEAL,
                      new AppealUpheld(SUSPECT, "r-7", "a-1", "the phone was stolen", SUPERVISOR),
                      new InterceptionLifted(SUSPECT, "a-1", SUPERVISOR))
               .when(clue("zj-2", VICTIM_B, LOAN_SCAM, SEEN.plusSeconds(86_400)))
               .expectEvents(evidence("zj-2", VICTIM_B, LOAN_SCAM, SEEN.plusSeconds(86_400), true, 2));
    }

    @Test
    void clearedNumberCanBeRestrictedAgain() {
        fixture.given(FIRST_CLUE, INTERCEPTED, TERMINATED, APPEAL,
                      new AppealUpheld(SUSPECT, "r-7", "a-1", "the phone was stolen", SUPERVISOR),
                      new InterceptionLifted(SUSPECT, "a-1", SUPERVISOR),
                      new ServiceRestored(SUSPECT, "a-1", SUPERVISOR))
               .when(new TerminateNumber(SUSPECT, "r-9", "new victims after the appeal", SUPERVISOR2))
               .expectEvents(new NumberTerminated(SUSPECT, "r-9", "new victims after the appeal", SUPERVISOR2));
    }

    @Test
    void dismissedAppealLeavesTheRestrictionsInForce() {
        fixture.given(FIRST_CLUE, INTERCEPTED, APPEAL)
               .when(new DecideAppeal(SUSPECT, "r-7", "a-1", false, "evidence holds", SUPERVISOR))
               .expectEvents(new AppealDismissed(SUSPECT, "r-7", "a-1", "evidence holds", SUPERVISOR));
    }

    @Test
    void afterADismissedAppealANewOneCanBeFiled() {
        fixture.given(FIRST_CLUE, INTERCEPTED, APPEAL,
                      new AppealDismissed(SUSPECT, "r-7", "a-1", "evidence holds", SUPERVISOR))
               .when(new FileAppeal(SUSPECT, "r-9", "a-2", GROUNDS, OPERATOR))
               .expectEvents(new AppealFiled(SUSPECT, "r-9", "a-2", GROUNDS, OPERATOR));
    }

    @Test
    void appealCannotBeDecidedByWhoFiledIt() {
        fixture.given(FIRST_CLUE, INTERCEPTED, APPEAL)
               .when(new DecideAppeal(SUSPECT, "r-7", "a-1", true, "looks fine to me", OPERATOR))
               .expectException(violation(Kind.FORBIDDEN))
               .expectExceptionMessage("appeal a-1 was filed by operator, who cannot also decide it")
               .expectNoEvents();
    }

    @Test
    void appealMustBeDecidedByAHuman() {
        fixture.given(FIRST_CLUE, INTERCEPTED, APPEAL)
               .when(new DecideAppeal(SUSPECT, "r-7", "a-1", true, "auto-approved", "system:appeals"))
               .expectException(violation(Kind.FORBIDDEN))
               .expectExceptionMessage("an appeal must be decided by a human, not system:appeals");
    }

    @Test
    void decidingAnUnknownAppealIsNotFound() {
        fixture.given(FIRST_CLUE, INTERCEPTED, APPEAL)
               .when(new DecideAppeal(SUSPECT, "r-7", "a-9", true, "the phone was stolen", SUPERVISOR))
               .expectException(violation(Kind.NOT_FOUND))
               .expectExceptionMessage("no appeal a-9 was filed for this number");
    }

    @Test
    void decidedAppealCannotBeDecidedAgain() {
        fixture.given(FIRST_CLUE, INTERCEPTED, APPEAL,
                      new AppealDismissed(SUSPECT, "r-7", "a-1", "evidence holds", SUPERVISOR))
               .when(new DecideAppeal(SUSPECT, "r-9", "a-1", true, "second thoughts", SUPERVISOR2))
               .expectException(violation(Kind.CONFLICT))
               .expectExceptionMessage("appeal a-1 was already decided");
    }
}

package org.forewarn.adapters.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.forewarn.adapters.channels.MovableClock;
import org.forewarn.adapters.mongo.CaseReadModel.Claim;
import org.forewarn.adapters.mongo.CaseReadModel.QueueChange;
import org.forewarn.adapters.mongo.CaseReadModel.QueueItem;
import org.forewarn.adapters.mongo.CaseReadModel.QueuePage;
import org.forewarn.adapters.mongo.CaseReadModel.QueueQuery;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.AutomatedCallPlaced;
import org.forewarn.domain.person.api.CaseAssigned;
import org.forewarn.domain.person.api.CaseClaimed;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.ChannelFailed;
import org.forewarn.domain.person.api.ClaimReleased;
import org.forewarn.domain.person.api.ClaimRenewed;
import org.forewarn.domain.person.api.ClueMerged;
import org.forewarn.domain.person.api.CountermeasureApplied;
import org.forewarn.domain.person.api.CountermeasureLifted;
import org.forewarn.domain.person.api.CountermeasureNotice;
import org.forewarn.domain.person.api.CountermeasureNoticeSent;
import org.forewarn.domain.person.api.CountermeasureProposed;
import org.forewarn.domain.person.api.FamilyWarningSent;
import org.forewarn.domain.person.api.FlashWarningSent;
import org.forewarn.domain.person.api.HomeVisitRequested;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.domain.person.api.NoteAdded;
import org.forewarn.domain.person.api.NumberRevealed;
import org.forewarn.domain.person.api.PersonEvent;
import org.forewarn.domain.person.api.PersonalDataErased;
import org.forewarn.domain.person.api.RungOverdue;
import org.forewarn.domain.person.api.RungSkipped;
import org.forewarn.domain.person.api.RungStarted;
import org.forewarn.domain.person.api.StepFailed;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work queue from the case projection: ordered by risk then by the current rung's deadline,
 * filtered, paged, claims that lapse at their time without an event, the handover note shown
 * (and erased with the person), and the changes the live queue tells. The queue holds the open
 * cases only, follows the cases under redelivery, replay and a store from before it existed.
 */
class WorkQueueProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;
    private InProcessMongo mongo;
    private MovableClock clock;
    private CaseProjection projection;
    private CaseReadModel readModel;
    private long seq;
    /** Every event handled, as the event store would hand it over again. */
    private final List<Handled> handled = new ArrayList<>();

    private record Handled(PersonEvent event, String id, long seq, Instant at) {
    }

    @BeforeEach
    void start() {
        mongo = new InProcessMongo(dir);
        clock = new MovableClock(T0);
        projection = new CaseProjection(mongo.database(), clock);
        readModel = new CaseReadModel(mongo.database());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void on(PersonEvent event) {
        seq++;
        handled.add(new Handled(event, "e-" + seq, seq, clock.instant()));
        projection.on(event, "e-" + seq, seq, clock.instant());
    }

    private void handOverAgain(List<Handled> events) {
        events.forEach(h -> projection.on(h.event(), h.id(), h.seq(), h.at()));
    }

    private void open(String person, String caseId, RiskLevel risk, FraudCategory category, String number) {
        on(new CaseOpened(person, caseId, clue("c-" + caseId, risk, category, number), "intake"));
    }

    private void rung(String person, String caseId, Rung rung, Instant due) {
        on(new RungStarted(person, caseId, caseId + ":" + rung, rung, due, "system:ladder"));
    }

    private static QueueQuery open() {
        return new QueueQuery("OPEN", null, null, null, null, null, null, 0, 50);
    }

    private QueuePage queue(QueueQuery query) {
        return readModel.queue(query, clock.instant());
    }

    @Test
    void theQueueListsOpenCasesByRiskThenByTheDeadlineOfTheirCurrentRung() {
        open("p-1", "low", RiskLevel.LOW, FraudCategory.LOAN_SCAM, "13800000001");
        open("p-2", "high-late", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000002");
        open("p-3", "high-early", RiskLevel.HIGH, FraudCategory.INVESTMENT_SCAM, "13800000003");
        open("p-4", "extreme", RiskLevel.MEDIUM, FraudCategory.LOAN_SCAM, "13800000004");
        open("p-5", "closed", RiskLevel.EXTREME, FraudCategory.LOAN_SCAM, "13800000005");
        rung("p-2", "high-late", Rung.OPERATOR_CALL, T0.plusSeconds(900));
        rung("p-3", "high-early", Rung.FLASH_WARNING, T0.plusSeconds(300));
        on(new ClueMerged("p-4", "extreme", clue("c-x", RiskLevel.EXTREME, FraudCategory.LOAN_SCAM, "13800000004"),
                RiskLevel.EXTREME, true, "intake"));
        on(new CaseResolved("p-5", "closed", "r-1", Outcome.FALSE_ALARM, null, null, PersonalText.NONE, List.of(),
                "operator"));

        QueuePage page = queue(open());

        assertThat(page.items()).extracting(QueueItem::caseId)
                .containsExactly("extreme", "high-early", "high-late", "low");
        assertThat(page.total()).isEqualTo(4);
        QueueItem early = page.items().get(1);
        assertThat(early.personId()).isEqualTo("p-3");
        assertThat(early.maskedNumber()).isEqualTo("+86138****0003");
        assertThat(early.category()).isEqualTo("INVESTMENT_SCAM");
        assertThat(early.riskLevel()).isEqualTo("HIGH");
        assertThat(early.rung()).isEqualTo("FLASH_WARNING");
        assertThat(early.rungDeadline()).isEqualTo(T0.plusSeconds(300));
        assertThat(early.overdue()).isFalse();
        assertThat(early.claim()).isNull();
        assertThat(early.handoverNote()).isNull();
        assertThat(early.openedAt()).isEqualTo(T0);
        assertThat(queue(new QueueQuery("CLOSED", null, null, null, null, null, null, 0, 50)).items())
                .extracting(QueueItem::caseId).containsExactly("closed");
    }

    @Test
    void theQueueFiltersByRungRiskCategoryAndOverdueAndPages() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        open("p-2", "b", RiskLevel.HIGH, FraudCategory.INVESTMENT_SCAM, "13800000002");
        open("p-3", "c", RiskLevel.LOW, FraudCategory.LOAN_SCAM, "13800000003");
        rung("p-1", "a", Rung.OPERATOR_CALL, T0.plusSeconds(60));
        rung("p-2", "b", Rung.OPERATOR_CALL, T0.plusSeconds(600));
        rung("p-3", "c", Rung.WARNING_SMS, T0.plusSeconds(120));
        clock.advance(Duration.ofSeconds(180));

        assertThat(queue(new QueueQuery("OPEN", "OPERATOR_CALL", null, null, null, null, null, 0, 50)).items())
                .extracting(QueueItem::caseId).containsExactly("a", "b");
        assertThat(queue(new QueueQuery("OPEN", null, "LOW", null, null, null, null, 0, 50)).items())
                .extracting(QueueItem::caseId).containsExactly("c");
        assertThat(queue(new QueueQuery("OPEN", null, null, "LOAN_SCAM", null, null, null, 0, 50)).items())
                .extracting(QueueItem::caseId).containsExactly("a", "c");
        QueuePage overdue = queue(new QueueQuery("OPEN", null, null, null, true, null, null, 0, 50));
        assertThat(overdue.items()).extracting(QueueItem::caseId).containsExactly("a", "c");
        assertThat(overdue.items()).allMatch(QueueItem::overdue);
        assertThat(queue(new QueueQuery("OPEN", null, null, null, false, null, null, 0, 50)).items())
                .extracting(QueueItem::caseId).containsExactly("b");
        QueuePage second = queue(new QueueQuery("OPEN", null, null, null, null, null, null, 1, 2));
        assertThat(second.items()).extracting(QueueItem::caseId).containsExactly("c");
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(2);
    }

    @Test
    void aClaimShowsUntilItLapsesAndARenewalKeepsIt() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        on(new CaseClaimed("p-1", "a", "cl-1", "operator", T0.plusSeconds(1800), "operator"));

        assertThat(queue(open()).items().get(0).claim()).isEqualTo(new Claim("operator", T0.plusSeconds(1800)));
        assertThat(queue(new QueueQuery("OPEN", null, null, null, null, null, "operator", 0, 50)).total()).isEqualTo(1);
        assertThat(readModel.claimedBy("operator", clock.instant())).containsExactly("a");

        clock.advance(Duration.ofSeconds(1200));
        on(new ClaimRenewed("p-1", "a", "req-1", "operator", clock.instant().plusSeconds(1800), "operator"));
        clock.advance(Duration.ofSeconds(1200));
        assertThat(queue(open()).items().get(0).claim()).isNotNull();

        clock.advance(Duration.ofSeconds(600));
        assertThat(queue(open()).items().get(0).claim()).as("lapsed at its time, without an event").isNull();
        assertThat(readModel.find("a", clock.instant())).get().extracting(CaseReadModel.CaseView::claim).isNull();
        assertThat(queue(new QueueQuery("OPEN", null, null, null, null, null, "operator", 0, 50)).total()).isZero();
        assertThat(readModel.claimedBy("operator", clock.instant())).isEmpty();
    }

    @Test
    void aReleaseShowsItsHandoverNoteFirstAndAReassignmentItsNoteAndNewClaimant() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        on(new CaseClaimed("p-1", "a", "cl-1", "operator", T0.plusSeconds(1800), "operator"));
        on(new ClaimReleased("p-1", "a", "rel-1", "operator", new PersonalText("家属八点到家，再打"), "operator"));

        QueueItem released = queue(open()).items().get(0);
        assertThat(released.claim()).isNull();
        assertThat(released.handoverNote()).isEqualTo("家属八点到家，再打");
        assertThat(released.handoverBy()).isEqualTo("operator");
        assertThat(readModel.find("a", clock.instant())).get().satisfies(view -> {
            assertThat(view.handoverNote()).isEqualTo("家属八点到家，再打");
            assertThat(view.claim()).isNull();
        });

        on(new CaseAssigned("p-1", "a", "as-1", "operator2", null, T0.plusSeconds(1800),
                new PersonalText("请接手"), "supervisor"));
        QueueItem assigned = queue(open()).items().get(0);
        assertThat(assigned.claim()).isEqualTo(new Claim("operator2", T0.plusSeconds(1800)));
        assertThat(assigned.handoverNote()).isEqualTo("请接手");
        assertThat(assigned.handoverBy()).isEqualTo("supervisor");
    }

    @Test
    void closingACaseDropsItsClaimAndAnErasureOverwritesTheHandoverNote() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        on(new ClaimReleased("p-1", "a", "rel-1", "operator", new PersonalText("王阿姨在医院"), "operator"));
        on(new CaseClaimed("p-1", "a", "cl-2", "operator2", T0.plusSeconds(1800), "operator2"));
        on(new CaseResolved("p-1", "a", "r-1", Outcome.PERSUADED, null, null, PersonalText.NONE, List.of(),
                "operator2"));
        assertThat(readModel.find("a", clock.instant())).get().extracting(CaseReadModel.CaseView::claim).isNull();

        on(new PersonalDataErased("p-1", "erase-1", "本人申请", "supervisor"));

        assertThat(readModel.find("a", clock.instant())).get()
                .extracting(CaseReadModel.CaseView::handoverNote).isEqualTo(PersonalText.ERASED_MARK);
    }

    @Test
    void notesAndRevealsAreInTheHistoryAndTheRevealHoldsNoNumber() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        on(new NoteAdded("p-1", "a", "n-1", new PersonalText("本人称已挂断"), "operator"));
        on(new NumberRevealed("p-1", "a", "rv-1", "operator"));

        List<CaseReadModel.HistoryEntry> history = readModel.history("a");
        assertThat(history).extracting(CaseReadModel.HistoryEntry::type)
                .containsExactly("CaseOpened", "NoteAdded", "NumberRevealed");
        assertThat(history.get(1).data()).containsEntry("text", "本人称已挂断");
        assertThat(history.get(2).actor()).isEqualTo("operator");
        assertThat(history.get(2).data()).containsOnlyKeys("requestId");
    }

    @Test
    void theLiveQueueHearsOfEachChangedEntryAndOfAClaimThatLapsed() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        open("p-2", "b", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000002");
        Instant afterOpening = clock.instant();
        clock.advance(Duration.ofSeconds(10));
        on(new CaseClaimed("p-1", "a", "cl-1", "operator", clock.instant().plusSeconds(60), "operator"));
        on(new NoteAdded("p-2", "b", "n-1", new PersonalText("不改变队列"), "operator"));

        assertThat(readModel.queueChanges(afterOpening, clock.instant())).extracting(QueueChange::caseId)
                .containsExactly("a");

        Instant beforeLapse = clock.instant();
        clock.advance(Duration.ofSeconds(61));
        assertThat(readModel.queueChanges(beforeLapse, clock.instant()))
                .containsExactly(new QueueChange("a", beforeLapse.plusSeconds(60)));
    }

    @Test
    void aClosedCaseLeavesTheQueueAndTheLiveQueueHearsOfIt() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        open("p-2", "b", RiskLevel.LOW, FraudCategory.LOAN_SCAM, "13800000002");
        on(new CaseClaimed("p-1", "a", "cl-1", "operator", T0.plusSeconds(1800), "operator"));
        clock.advance(Duration.ofSeconds(10));
        Instant beforeClosing = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        on(new CaseResolved("p-1", "a", "r-1", Outcome.PERSUADED, null, null, PersonalText.NONE, List.of(),
                "operator"));

        assertThat(queue(open()).items()).extracting(QueueItem::caseId).containsExactly("b");
        assertThat(queue(open()).total()).isEqualTo(1);
        assertThat(workQueue().countDocuments()).as("the open cases only").isEqualTo(1);
        assertThat(readModel.claimedBy("operator", clock.instant())).isEmpty();
        assertThat(readModel.queueChanges(beforeClosing, clock.instant()))
                .containsExactly(new QueueChange("a", clock.instant()));
        assertThat(readModel.find("a", clock.instant())).get()
                .extracting(CaseReadModel.CaseView::status).isEqualTo("CLOSED");
    }

    @Test
    void casesThatLeftTheQueueAreKeptInARingOfSecondsThatALaterSecondOverwrites() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        open("p-2", "b", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000002");
        open("p-3", "c", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000003");
        close("p-1", "a");
        close("p-2", "b");
        close("p-2", "b"); // handed over again: the same entry
        assertThat(readModel.queueChanges(T0.minusMillis(1), clock.instant())).extracting(QueueChange::caseId)
                .containsExactlyInAnyOrder("a", "b", "c");

        clock.advance(Duration.ofSeconds(CaseReadModel.REMOVAL_SLOTS)); // round to the same slot
        Instant later = clock.instant();
        close("p-3", "c");

        assertThat(removals().countDocuments()).as("one slot").isEqualTo(1);
        assertThat(readModel.queueChanges(later.minusSeconds(5), later))
                .containsExactly(new QueueChange("c", later));
        assertThat(readModel.queueChanges(T0.minusMillis(1), later)).as("a window longer than the ring")
                .containsExactly(new QueueChange("c", later));

        // a node whose clock is a ring behind writes into a slot that has moved on: nobody reads that far back
        open("p-4", "d", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000004");
        clock.advance(Duration.ofSeconds(-CaseReadModel.REMOVAL_SLOTS));
        close("p-4", "d");
        assertThat(readModel.queueChanges(later.minusSeconds(5), later))
                .containsExactly(new QueueChange("c", later));
    }

    @Test
    void aChannelThatFailedForGoodMarksTheCaseStalledUntilThatAttemptSucceeds() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        open("p-2", "b", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000002");
        rung("p-1", "a", Rung.WARNING_SMS, T0.plusSeconds(600));
        clock.advance(Duration.ofSeconds(30));
        Instant failedAt = clock.instant();
        on(new ChannelFailed("p-1", "a", "a:send_warning_sms", Rung.WARNING_SMS, "TwilioUnavailable: 503",
                "system:send-warning-sms"));

        assertThat(queue(stalled(true)).items()).singleElement().satisfies(q -> {
            assertThat(q.caseId()).isEqualTo("a");
            assertThat(q.stalledSince()).isEqualTo(failedAt);
        });
        assertThat(queue(stalled(false)).items()).extracting(QueueItem::caseId).containsExactly("b");
        assertThat(queue(open()).items()).filteredOn(q -> q.caseId().equals("b")).singleElement()
                .extracting(QueueItem::stalledSince).isNull();
        assertThat(readModel.find("a")).get().satisfies(view -> assertThat(view.stalls()).singleElement()
                .satisfies(stall -> assertThat(stall).containsEntry("id", "a:send_warning_sms")
                        .containsEntry("kind", "channel").containsEntry("rung", "WARNING_SMS")
                        .containsEntry("failure", "TwilioUnavailable: 503").containsEntry("since", failedAt)
                        .doesNotContainKey("ladder")));
        assertThat(readModel.queueChanges(failedAt.minusMillis(1), failedAt)).extracting(QueueChange::caseId)
                .as("the consoles are told").containsExactly("a");

        handOverAgain(List.copyOf(handled));
        assertThat(queue(stalled(true)).items()).extracting(QueueItem::caseId, QueueItem::stalledSince)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", failedAt));

        // another attempt succeeding settles nothing; the failed one succeeding (Operations retried it) does
        on(new WarningSmsSent("p-1", "a", "a:other_step", "m-1", "outbox", "system:send-warning-sms"));
        assertThat(queue(stalled(true)).items()).extracting(QueueItem::caseId).containsExactly("a");
        clock.advance(Duration.ofSeconds(30));
        on(new WarningSmsSent("p-1", "a", "a:send_warning_sms", "m-2", "outbox", "system:send-warning-sms"));

        assertThat(queue(stalled(true)).items()).isEmpty();
        assertThat(readModel.find("a")).get().satisfies(view -> {
            assertThat(view.stalls()).isEmpty();
            assertThat(view.channelFailures()).as("the failure stays in the record").hasSize(1);
        });
        assertThat(readModel.queueChanges(clock.instant().minusMillis(1), clock.instant()))
                .extracting(QueueChange::caseId).containsExactly("a");
        handOverAgain(List.copyOf(handled));
        assertThat(queue(stalled(true)).items()).as("a replay ends as the events did").isEmpty();
    }

    @Test
    void theLadderMovingOnOrAnOperatorSkippingSettlesItsStallsButNotTheCountermeasureProcesses() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        rung("p-1", "a", Rung.WARNING_SMS, T0.plusSeconds(600));
        on(new StepFailed("p-1", "a", "a:flag_overdue:0", "flag-overdue", Rung.WARNING_SMS, "timeout",
                "system:flag-overdue"));
        assertThat(stallIds("a")).containsExactly("a:flag_overdue:0");
        on(new RungOverdue("p-1", "a", "a:WARNING_SMS", Rung.WARNING_SMS, T0.plusSeconds(600), "system:flag-overdue"));
        assertThat(stallIds("a")).as("the overdue flag was recorded after all").isEmpty();

        on(new StepFailed("p-1", "a", "a:FLASH_WARNING", "rung-started", Rung.FLASH_WARNING, "store refused",
                "system:rung-started"));
        rung("p-1", "a", Rung.FLASH_WARNING, T0.plusSeconds(900));
        assertThat(stallIds("a")).as("the same step recorded after all").isEmpty();

        on(new ChannelFailed("p-1", "a", "a:send_flash_warning", Rung.FLASH_WARNING, "SMSC refused",
                "system:send-flash-warning"));
        Instant countermeasureFailedAt = clock.instant().plusSeconds(1);
        clock.advance(Duration.ofSeconds(1));
        on(new ChannelFailed("p-1", "a", "cm-1:apply", Rung.COUNTERMEASURE, "payment side answered 502",
                "system:apply-countermeasure"));
        assertThat(stallIds("a")).containsExactlyInAnyOrder("a:send_flash_warning", "cm-1:apply");
        assertThat(queue(stalled(true)).items()).singleElement().extracting(QueueItem::stalledSince)
                .as("the oldest stall").isEqualTo(countermeasureFailedAt.minusSeconds(1));

        rung("p-1", "a", Rung.AUTOMATED_CALL, T0.plusSeconds(1200));
        assertThat(stallIds("a")).as("a later rung started: the ladder left the failed step")
                .containsExactly("cm-1:apply");
        assertThat(queue(stalled(true)).items()).singleElement().extracting(QueueItem::stalledSince)
                .isEqualTo(countermeasureFailedAt);

        on(new StepFailed("p-1", "a", "a:request_home_visit:0", "request-home-visit", Rung.OPERATOR_CALL,
                "store refused", "system:request-home-visit"));
        on(new RungSkipped("p-1", "a", "skip-1", Rung.AUTOMATED_CALL, Rung.HOME_VISIT, new PersonalText("不接电话"),
                "operator"));
        assertThat(stallIds("a")).as("the operator took the ladder on").containsExactly("cm-1:apply");

        on(new CaseResolved("p-1", "a", "r-a", Outcome.PERSUADED, null, null, PersonalText.NONE, List.of(),
                "operator"));
        assertThat(queue(open()).items()).isEmpty();
        assertThat(stallIds("a")).as("closing the case does not lift the countermeasure").containsExactly("cm-1:apply");
        assertThat(queue(new QueueQuery("CLOSED", null, null, null, null, true, null, 0, 50)).items())
                .extracting(QueueItem::caseId).containsExactly("a");

        on(new CountermeasureApplied("p-1", "a", "cm-1", CountermeasureType.RESTRICT_TRANSFERS, "cm-1:apply",
                clock.instant(), null, new CountermeasureNotice("正在被诈骗", "拨打 96110 申诉", "身份证"), "system:apply-countermeasure"));
        assertThat(stallIds("a")).isEmpty();
        assertThat(queue(new QueueQuery("CLOSED", null, null, null, null, true, null, 0, 50)).items()).isEmpty();
    }

    @Test
    void eachStepsOwnResultSettlesItsStallAndNothingElse() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        rung("p-1", "a", Rung.FLASH_WARNING, T0.plusSeconds(600));
        // a stall per step, each failed for good; the rung is the current one, so no later rung is involved
        on(new ChannelFailed("p-1", "a", "a:flash", Rung.FLASH_WARNING, "f", "system:send-flash-warning"));
        on(new ChannelFailed("p-1", "a", "a:call", Rung.FLASH_WARNING, "f", "system:place-automated-call"));
        on(new ChannelFailed("p-1", "a", "a:family-sms:0a1b2c3d4e", Rung.FLASH_WARNING, "f", "system:send-family-sms"));
        on(new StepFailed("p-1", "a", "a:visit:0", "request-home-visit", Rung.FLASH_WARNING, "f",
                "system:request-home-visit"));
        on(new StepFailed("p-1", "a", "a:propose:0", "propose-countermeasure", Rung.FLASH_WARNING, "f",
                "system:propose-countermeasure"));
        on(new ChannelFailed("p-1", "a", "cm-1:lift", Rung.COUNTERMEASURE, "f", "system:lift-countermeasure"));
        on(new ChannelFailed("p-1", "a", "cm-1:notice", Rung.COUNTERMEASURE, "f", "system:send-countermeasure-notice"));
        assertThat(stallIds("a")).hasSize(7);

        on(new FlashWarningSent("p-1", "a", "a:flash", "smsc-1", "smsc", "system:send-flash-warning"));
        assertThat(stallIds("a")).hasSize(6).doesNotContain("a:flash");
        on(new AutomatedCallPlaced("p-1", "a", "a:call", "call-1", "twilio", "system:place-automated-call"));
        assertThat(stallIds("a")).hasSize(5).doesNotContain("a:call");
        on(new FamilyWarningSent("p-1", "a", "a:family-sms:0a1b2c3d4e", "rel-1", "m-1", "outbox",
                "system:send-family-sms"));
        assertThat(stallIds("a")).hasSize(4).doesNotContain("a:family-sms:0a1b2c3d4e");
        on(new HomeVisitRequested("p-1", "a", "a:visit:0", T0.plusSeconds(3600), "system:request-home-visit"));
        assertThat(stallIds("a")).hasSize(3).doesNotContain("a:visit:0");
        on(new CountermeasureProposed("p-1", "a", "a:CANCEL_FORWARDING", CountermeasureType.CANCEL_FORWARDING,
                "正在被诈骗", 1, "system:propose-countermeasure"));
        assertThat(stallIds("a")).containsExactlyInAnyOrder("cm-1:lift", "cm-1:notice");
        on(new CountermeasureLifted("p-1", "a", "cm-1", CountermeasureType.RESTRICT_TRANSFERS, "cm-1:lift",
                LiftReason.EXPIRED, clock.instant(), "system:lift-countermeasure"));
        assertThat(stallIds("a")).containsExactly("cm-1:notice");
        on(new CountermeasureNoticeSent("p-1", "a", "cm-1", "cm-1:notice", "m-2", "outbox",
                "system:send-countermeasure-notice"));
        assertThat(stallIds("a")).isEmpty();
        assertThat(queue(stalled(true)).items()).isEmpty();
    }

    private List<Object> stallIds(String caseId) {
        return readModel.find(caseId).orElseThrow().stalls().stream().map(s -> s.get("id")).toList();
    }

    private static QueueQuery stalled(boolean stalled) {
        return new QueueQuery("OPEN", null, null, null, null, stalled, null, 0, 50);
    }

    private void close(String person, String caseId) {
        on(new CaseResolved(person, caseId, "r-" + caseId, Outcome.PERSUADED, null, null, PersonalText.NONE,
                List.of(), "operator"));
    }

    private com.mongodb.client.MongoCollection<Document> removals() {
        return mongo.database().getCollection(CaseReadModel.QUEUE_REMOVALS);
    }

    @Test
    void theQueueEntryHoldsWhatARowShowsAndAnErasureOverwritesItsPersonalValues() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        rung("p-1", "a", Rung.OPERATOR_CALL, T0.plusSeconds(600));
        on(new ClaimReleased("p-1", "a", "rel-1", "operator", new PersonalText("王阿姨在医院"), "operator"));
        Document entry = workQueue().find().first();
        assertThat(entry.keySet()).containsExactlyInAnyOrder("_id", "personId", "victimNumber", "category",
                "riskLevel", "riskRank", "currentRung", "rungDueAt", "dueSort", "handoverNote", "openedAt",
                "queueChangedAt");
        assertThat(entry.toJson()).doesNotContain("13800000001").contains("+86138****0001", "王阿姨在医院");

        // the domain erases no one with a case open; the projection overwrites the entry all the same
        on(new PersonalDataErased("p-1", "erase-1", "本人申请", "supervisor"));

        assertThat(workQueue().find().first().toJson()).doesNotContain("****", "王阿姨在医院").contains("[erased]");
        QueueItem item = queue(open()).items().get(0);
        assertThat(item.maskedNumber()).isEqualTo(PersonalText.ERASED_MARK);
        assertThat(item.handoverNote()).isEqualTo(PersonalText.ERASED_MARK);
    }

    @Test
    void eventsHandedOverAgainLeaveTheQueueAsItWas() {
        shiftOfEvents();
        List<Object> before = queues();
        List<Document> entries = entries();

        handOverAgain(handled);
        handOverAgain(handled.subList(0, 4)); // d's CaseOpened among them, after d closed: not back in the queue

        assertThat(queues()).isEqualTo(before);
        assertThat(entries()).isEqualTo(entries);
    }

    @Test
    void aReplayFromScratchBuildsTheSameQueue() {
        shiftOfEvents();
        List<Object> before = queues();
        List<Document> entries = entries();

        projection.reset();
        assertThat(queue(open()).total()).isZero();
        handOverAgain(handled);

        assertThat(queues()).isEqualTo(before);
        assertThat(entries()).isEqualTo(entries);
    }

    @Test
    void aStoreFromBeforeTheWorkQueueGetsItBuiltFromTheCasesOnce() {
        shiftOfEvents();
        List<Object> before = queues();
        List<Document> entries = entries();
        // what a data directory written before the queue had its own collection holds
        workQueue().drop();
        mongo.database().getCollection(CaseReadModel.BUILDS).drop();
        assertThat(queue(open()).total()).isZero();

        projection = new CaseProjection(mongo.database(), clock);

        assertThat(queues()).isEqualTo(before);
        assertThat(entries()).isEqualTo(entries);
        workQueue().deleteMany(new Document());
        new CaseProjection(mongo.database(), clock);
        assertThat(workQueue().countDocuments()).as("built once, not at every start").isZero();
    }

    /** Cases opened, raised, on the ladder, skipped, overdue, claimed, released, reassigned and closed. */
    private void shiftOfEvents() {
        open("p-1", "a", RiskLevel.HIGH, FraudCategory.LOAN_SCAM, "13800000001");
        open("p-2", "b", RiskLevel.MEDIUM, FraudCategory.INVESTMENT_SCAM, "13800000002");
        open("p-3", "c", RiskLevel.LOW, FraudCategory.LOAN_SCAM, "13800000003");
        open("p-4", "d", RiskLevel.HIGH, FraudCategory.PRIZE_SCAM, "13800000004");
        clock.advance(Duration.ofSeconds(5));
        on(new ClueMerged("p-2", "b", clue("c-b2", RiskLevel.EXTREME, FraudCategory.INVESTMENT_SCAM, "13800000002"),
                RiskLevel.EXTREME, true, "intake"));
        rung("p-1", "a", Rung.WARNING_SMS, T0.plusSeconds(60));
        rung("p-2", "b", Rung.OPERATOR_CALL, T0.plusSeconds(900));
        rung("p-3", "c", Rung.OPERATOR_CALL, T0.plusSeconds(300));
        rung("p-4", "d", Rung.WARNING_SMS, T0.plusSeconds(120));
        on(new RungSkipped("p-1", "a", "skip-1", Rung.WARNING_SMS, Rung.HOME_VISIT, new PersonalText("不接电话"),
                "operator"));
        on(new CaseClaimed("p-3", "c", "cl-1", "operator", T0.plusSeconds(1800), "operator"));
        on(new ClaimReleased("p-3", "c", "rel-1", "operator", new PersonalText("晚上再打"), "operator"));
        on(new CaseAssigned("p-2", "b", "as-1", "operator2", null, T0.plusSeconds(1800),
                new PersonalText("请接手"), "supervisor"));
        clock.advance(Duration.ofSeconds(200));
        on(new CaseResolved("p-4", "d", "r-1", Outcome.FALSE_ALARM, null, null, PersonalText.NONE, List.of(),
                "operator"));
    }

    /** The queue under each filter, closed cases, claims and the live queue's changes since the start. */
    private List<Object> queues() {
        List<Object> pages = new ArrayList<>();
        for (QueueQuery query : List.of(open(),
                new QueueQuery("OPEN", "OPERATOR_CALL", null, null, null, null, null, 0, 50),
                new QueueQuery("OPEN", null, "HIGH", null, null, null, null, 0, 50),
                new QueueQuery("OPEN", null, null, "LOAN_SCAM", null, null, null, 0, 50),
                new QueueQuery("OPEN", null, null, null, true, null, null, 0, 50),
                new QueueQuery("OPEN", null, null, null, false, null, null, 0, 50),
                new QueueQuery("OPEN", null, null, null, null, null, "operator2", 0, 50),
                new QueueQuery("OPEN", null, null, null, null, null, null, 1, 2),
                new QueueQuery("CLOSED", null, null, null, null, null, null, 0, 50))) {
            pages.add(queue(query));
        }
        pages.add(readModel.claimedBy("operator2", clock.instant()));
        pages.add(readModel.queueChanges(T0, clock.instant()).stream().map(QueueChange::caseId).sorted().toList());
        return pages;
    }

    /** The queue's documents, without the time each was last written (a replay writes them anew). */
    private List<Document> entries() {
        List<Document> entries = new ArrayList<>();
        for (Document d : workQueue().find().sort(new Document("_id", 1))) {
            d.remove("queueChangedAt");
            entries.add(d);
        }
        return entries;
    }

    private com.mongodb.client.MongoCollection<Document> workQueue() {
        return mongo.database().getCollection(CaseReadModel.WORK_QUEUE);
    }

    private static Clue clue(String id, RiskLevel risk, FraudCategory category, String number) {
        return new Clue(new ClueId(id), PhoneNumber.parse("victimNumber", number),
                PhoneNumber.parse("suspectNumber", "+8617000000001"), category, risk,
                Instant.parse("2026-11-22T07:59:00Z"), ClueChannel.CALL, "test", AgeGroup.ADULT);
    }
}

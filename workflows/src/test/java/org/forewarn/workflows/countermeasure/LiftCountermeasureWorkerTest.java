package org.forewarn.workflows.countermeasure;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.util.Map;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.CountermeasureLifted;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.domain.person.api.RequestCountermeasureLift;
import org.forewarn.workflows.WorkerBench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiftCountermeasureWorkerTest {

    private static final String MODEL = JobTypes.LIFT_COUNTERMEASURE;

    private WorkerBench bench;
    private RecordingControls controls;

    @BeforeEach
    void start() {
        bench = new WorkerBench(MODEL);
        controls = new RecordingControls();
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    /** The engine's clock fired the expiry timer; this worker's clock is a month behind it. */
    @Test
    void expiryIsRestoredOnceAndLiftedAtTheExpiryWhenTheWorkersClockLags() {
        CountermeasureCase c = new CountermeasureCase(bench, "expired", CountermeasureType.SUSPEND_SERVICE).applied();
        c.startProcess(MODEL, Map.of(Variables.LIFT_REASON, LiftReason.EXPIRED.name()));
        ActivatedJob job = bench.activate(MODEL);

        worker().doWork(job);
        worker().doWork(job);

        assertThat(controls.port.sent).containsOnlyKeys(c.countermeasureId + ":lift");
        assertThat(controls.actionOf(c.countermeasureId + ":lift")).isEqualTo("RESTORE_SERVICE");
        assertThat(bench.eventsOf(CountermeasureLifted.class)).singleElement().satisfies(lifted -> {
            assertThat(lifted.reason()).isEqualTo(LiftReason.EXPIRED);
            assertThat(lifted.at()).isEqualTo(c.expiresAt);
            assertThat(lifted.attemptId()).isEqualTo(c.countermeasureId + ":lift");
            assertThat(lifted.actor()).isEqualTo("system:lift-countermeasure");
        });
    }

    @Test
    void countermeasureOfAClosedCaseIsStillLifted() throws Exception {
        CountermeasureCase c = new CountermeasureCase(bench, "closed", CountermeasureType.RESTRICT_TRANSFERS).applied();
        bench.closeCase(c.caseId);
        c.startProcess(MODEL, Map.of(Variables.LIFT_REASON, LiftReason.CASE_CLOSED.name()));
        ActivatedJob job = bench.activate(MODEL);

        worker().handle(bench.client, job);

        bench.completion(job);
        assertThat(controls.actionOf(c.countermeasureId + ":lift")).isEqualTo("LIFT_TRANSFER_RESTRICTION");
        assertThat(bench.eventsOf(CountermeasureLifted.class)).singleElement()
                .satisfies(lifted -> assertThat(lifted.reason()).isEqualTo(LiftReason.CASE_CLOSED));
    }

    @Test
    void upheldAppealIsLiftedOnTheSupervisorsRequest() throws Exception {
        CountermeasureCase c = new CountermeasureCase(bench, "appeal", CountermeasureType.CUT_DATA).applied();
        bench.commands().sendAndWait(new RequestCountermeasureLift(WorkerBench.PERSON, c.caseId, c.countermeasureId,
                "appeal-1", LiftReason.APPEAL_UPHELD, new PersonalText("verified in person"), "supervisor-1"));
        c.startProcess(MODEL, Map.of(Variables.LIFT_REASON, LiftReason.APPEAL_UPHELD.name()));
        ActivatedJob job = bench.activate(MODEL);

        worker().handle(bench.client, job);

        bench.completion(job);
        assertThat(controls.actionOf(c.countermeasureId + ":lift")).isEqualTo("RESTORE_DATA");
        assertThat(bench.eventsOf(CountermeasureLifted.class)).hasSize(1);
    }

    @Test
    void cancelledForwardingIsNotRestored() throws Exception {
        CountermeasureCase c = new CountermeasureCase(bench, "forwarding", CountermeasureType.CANCEL_FORWARDING)
                .applied();
        bench.closeCase(c.caseId);
        c.startProcess(MODEL, Map.of(Variables.LIFT_REASON, LiftReason.CASE_CLOSED.name()));
        ActivatedJob job = bench.activate(MODEL);

        worker().handle(bench.client, job);

        bench.completion(job);
        assertThat(controls.port.attempts).hasValue(0);
        assertThat(bench.eventsOf(CountermeasureLifted.class)).hasSize(1);
    }

    @Test
    void carrierFailingOnTheLastRetryIsRecordedOnTheCaseAndBecomesAnIncident() throws Exception {
        CountermeasureCase c = new CountermeasureCase(bench, "failing", CountermeasureType.SUSPEND_SERVICE).applied();
        c.startProcess(MODEL, Map.of(Variables.LIFT_REASON, LiftReason.EXPIRED.name()));
        controls.port.failAlways();

        bench.failUntilIncident(worker(), bench.activate(MODEL));

        bench.assertFailedForGood(c.caseId, c.countermeasureId + ":lift", Rung.COUNTERMEASURE, MODEL);
        assertThat(bench.eventsOf(CountermeasureLifted.class)).isEmpty();
    }

    private LiftCountermeasureWorker worker() {
        return new LiftCountermeasureWorker(bench.contacts(), controls, controls, bench.commands(), Clock.systemUTC(),
                3);
    }
}

package org.forewarn.workflows.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.time.Duration;
import java.util.Map;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.ChannelFailed;
import org.forewarn.workflows.RecordingPort;
import org.forewarn.workflows.WorkerBench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every warning channel's worker must do on the real engine and aggregate: deliver and
 * record once however often the job arrives, leave the person of a closed case alone, and tell
 * the case before a channel that keeps failing becomes an incident.
 */
abstract class WarningChannelContract {

    WorkerBench bench;
    RecordingPort port;

    /** The job type, which is also the test model's name. */
    abstract String jobType();

    abstract WarningWorker<?> worker(int retries);

    /** The event the worker's record appends. */
    abstract Class<?> recorded();

    /** The rung the test model's variables put a channel failure on. */
    abstract Rung failureRung();

    /** Opens a case and starts the test model's process for it; answers the case id. */
    String startCase(String clueId) {
        String caseId = bench.openCase(clueId);
        bench.startProcess(jobType(), caseId, Map.of());
        return caseId;
    }

    @BeforeEach
    void start() {
        bench = new WorkerBench(jobType());
        port = new RecordingPort();
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @Test
    void jobDeliveredTwiceDeliversOnceAndRecordsOnce() {
        String caseId = startCase("twice");
        ActivatedJob job = bench.activate(jobType());

        WarningWorker<?> worker = worker(3);
        worker.doWork(job);
        worker.doWork(job);

        assertThat(port.sent).containsOnlyKeys(caseId + ":" + job.getElementId());
        assertThat(bench.eventsOf(recorded())).hasSize(1);
    }

    /**
     * The step was left while the worker ran (here: its process cancelled): the engine answers
     * the completion with NOT_FOUND. The work is done once and nothing else is sent: no failure
     * of a job that no longer exists, no exception out of the handler (the client would log it
     * and fail the job as well).
     */
    @Test
    void jobWhoseStepWasLeftWhileItRanIsNotFailedAfterItsWorkIsDone() {
        String caseId = startCase("left");
        ActivatedJob job = bench.activate(jobType());
        bench.client.newCancelInstanceCommand(job.getProcessInstanceKey()).send().join();

        worker(3).handle(bench.client, job);

        assertThat(port.sent).containsOnlyKeys(caseId + ":" + job.getElementId());
        assertThat(bench.eventsOf(recorded())).hasSize(1);
        assertThat(bench.records(ValueType.JOB).map(Record::getIntent))
                .contains(JobIntent.CANCELED)
                .doesNotContain(JobIntent.FAIL, JobIntent.FAILED, JobIntent.COMPLETED);
        assertThat(bench.incidents()).isEmpty();
    }

    @Test
    void closedCaseCompletesTheJobAndDeliversNothing() {
        String caseId = startCase("closed");
        ActivatedJob job = bench.activate(jobType());
        bench.closeCase(caseId);

        worker(3).handle(bench.client, job);

        bench.completion(job);
        assertThat(port.attempts).hasValue(0);
        assertThat(bench.eventsOf(recorded())).isEmpty();
        assertThat(bench.incidents()).isEmpty();
    }

    @Test
    void channelFailingOnItsLastRetryIsRecordedOnTheCaseAndBecomesAnIncident() throws Exception {
        String caseId = startCase("failing");
        port.failAlways();
        ActivatedJob job = bench.activate(jobType());

        worker(3).handle(bench.client, job);
        assertThat(bench.eventsOf(ChannelFailed.class)).as("retries are left").isEmpty();

        bench.zeebe.increaseTime(Duration.ofMinutes(10));
        bench.failUntilIncident(worker(3), bench.activate(jobType()));

        bench.assertFailedForGood(caseId, caseId + ":" + job.getElementId(), failureRung(), jobType());
        assertThat(bench.eventsOf(recorded())).isEmpty();
    }

    @Test
    void counterpartRefusingForGoodBecomesAnIncidentAtOnceWithoutSpendingRetries() throws Exception {
        String caseId = startCase("refused");
        port.refuseAlways();
        ActivatedJob job = bench.activate(jobType());

        worker(3).handle(bench.client, job);
        bench.zeebe.waitForIdleState(Duration.ofSeconds(5));

        assertThat(port.attempts).hasValue(1);
        assertThat(bench.eventsOf(ChannelFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.attemptId()).isEqualTo(caseId + ":" + job.getElementId());
            assertThat(failed.failure()).isEqualTo("CounterpartRefused: HTTP 400: the destination is not a mobile number");
        });
        assertThat(bench.incidents()).singleElement()
                .satisfies(i -> assertThat(i.getErrorMessage()).contains("not a mobile number"));
        assertThat(bench.eventsOf(recorded())).isEmpty();
    }

    /**
     * An {@link Error} out of the work (a broken assertion, a class that failed to link) fails the
     * job like any failure and ends as an incident, with the failure on the case. The job client
     * catches exceptions only: left to it, the job would wait unanswered for its time-out, again
     * on every delivery, and never become an incident.
     */
    @Test
    void errorInTheWorkFailsTheJobAndEndsAsAnIncidentInsteadOfWaitingForItsTimeOut() throws Exception {
        String caseId = startCase("error");
        port.throwAlways(new AssertionError("receipt without a message id"));
        ActivatedJob job = bench.activate(jobType());

        worker(3).handle(bench.client, job);
        bench.zeebe.waitForIdleState(Duration.ofSeconds(5));
        assertThat(bench.records(ValueType.JOB)
                        .filter(r -> r.getIntent() == JobIntent.FAILED && r.getKey() == job.getKey()))
                .as("the job was failed at once, one retry fewer")
                .singleElement().satisfies(r -> assertThat(((JobRecordValue) r.getValue()).getRetries())
                        .isEqualTo(job.getRetries() - 1));

        bench.zeebe.increaseTime(Duration.ofMinutes(10));
        bench.failUntilIncident(worker(3), bench.activate(jobType()));

        assertThat(bench.eventsOf(ChannelFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.attemptId()).isEqualTo(caseId + ":" + job.getElementId());
            assertThat(failed.failure()).isEqualTo("AssertionError: receipt without a message id");
        });
        assertThat(bench.incidents()).singleElement()
                .satisfies(i -> assertThat(i.getErrorMessage()).contains("AssertionError"));
        assertThat(bench.eventsOf(recorded())).isEmpty();
    }

    /** The JVM itself failing is not handled: the error goes on, and the job is left to its time-out. */
    @Test
    void jvmFailingDuringTheWorkIsThrownOnAndTheJobLeftToItsTimeOut() throws Exception {
        startCase("out-of-memory");
        port.throwAlways(new OutOfMemoryError("Java heap space"));
        ActivatedJob job = bench.activate(jobType());

        assertThatThrownBy(() -> worker(3).handle(bench.client, job)).isInstanceOf(OutOfMemoryError.class);
        bench.zeebe.waitForIdleState(Duration.ofSeconds(5));

        assertThat(bench.records(ValueType.JOB).map(Record::getIntent))
                .doesNotContain(JobIntent.FAIL, JobIntent.FAILED, JobIntent.COMPLETED);
        assertThat(bench.eventsOf(ChannelFailed.class)).isEmpty();
        assertThat(bench.incidents()).isEmpty();
    }
}

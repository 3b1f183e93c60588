package org.forewarn.workflows.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.RungOverdue;
import org.forewarn.workflows.WorkerBench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlagOverdueWorkerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T16:00:00Z");

    private WorkerBench bench;

    @BeforeEach
    void start() {
        bench = new WorkerBench(JobTypes.FLAG_OVERDUE);
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @Test
    void overdueStepIsFlaggedOnceWithItsDeadline() {
        String caseId = bench.openCase("overdue");
        bench.startProcess(JobTypes.FLAG_OVERDUE, caseId, Map.of("dueText", "2026-11-22T23:12:22+08:00"));
        ActivatedJob job = bench.activate(JobTypes.FLAG_OVERDUE);

        worker().doWork(job);
        worker().doWork(job);

        assertThat(bench.eventsOf(RungOverdue.class)).singleElement().satisfies(overdue -> {
            assertThat(overdue.stepId()).isEqualTo(caseId + ":operator_call:0");
            assertThat(overdue.rung()).isEqualTo(Rung.OPERATOR_CALL);
            assertThat(overdue.dueAt()).isEqualTo(Instant.parse("2026-11-22T15:12:22Z"));
            assertThat(overdue.actor()).isEqualTo("system:flag-overdue");
        });
    }

    @Test
    void stepWithoutDeadlineIsOverdueFromNow() throws Exception {
        String caseId = bench.openCase("no-deadline");
        bench.startProcess(JobTypes.FLAG_OVERDUE, caseId, Map.of());
        ActivatedJob job = bench.activate(JobTypes.FLAG_OVERDUE);

        worker().handle(bench.client, job);

        bench.completion(job);
        assertThat(bench.eventsOf(RungOverdue.class)).singleElement()
                .satisfies(overdue -> assertThat(overdue.dueAt()).isEqualTo(NOW));
    }

    @Test
    void closedCaseCompletesTheJobAndFlagsNothing() throws Exception {
        String caseId = bench.openCase("closed");
        bench.startProcess(JobTypes.FLAG_OVERDUE, caseId, Map.of("dueText", "2026-11-22T15:12:22Z"));
        ActivatedJob job = bench.activate(JobTypes.FLAG_OVERDUE);
        bench.closeCase(caseId);

        worker().handle(bench.client, job);

        bench.completion(job);
        assertThat(bench.eventsOf(RungOverdue.class)).isEmpty();
        assertThat(bench.incidents()).isEmpty();
    }

    private FlagOverdueWorker worker() {
        return new FlagOverdueWorker(bench.commands(), Clock.fixed(NOW, ZoneOffset.UTC), 3);
    }
}

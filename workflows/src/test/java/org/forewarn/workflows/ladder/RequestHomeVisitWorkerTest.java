package org.forewarn.workflows.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.person.api.HomeVisitRequested;
import org.forewarn.workflows.WorkerBench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestHomeVisitWorkerTest {

    private WorkerBench bench;

    @BeforeEach
    void start() {
        bench = new WorkerBench(JobTypes.REQUEST_HOME_VISIT);
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @Test
    void visitIsRequestedOnceDueByTheDeadlineFeelComputed() {
        String caseId = bench.openCase("visit");
        Instant before = Instant.now();
        bench.startProcess(JobTypes.REQUEST_HOME_VISIT, caseId, Map.of(Variables.ROUND, 1));
        ActivatedJob job = bench.activate(JobTypes.REQUEST_HOME_VISIT);
        assertThat(job.getVariablesAsMap().get(Variables.DUE_AT)).as("FEEL's zoned form")
                .asString().matches("\\d{4}-.*Z\\[.+]");

        worker().doWork(job);
        worker().doWork(job);

        assertThat(bench.eventsOf(HomeVisitRequested.class)).singleElement().satisfies(requested -> {
            assertThat(requested.visitId()).isEqualTo(caseId + ":request_home_visit:1");
            assertThat(requested.dueBy()).isBetween(before.plus(Duration.ofHours(23)),
                    Instant.now().plus(Duration.ofHours(25)));
            assertThat(requested.actor()).isEqualTo("system:request-home-visit");
        });
    }

    @Test
    void ladderReachingTheRungAgainWaitsForTheVisitOnItsWay() throws Exception {
        String caseId = bench.openCase("again");
        bench.startProcess(JobTypes.REQUEST_HOME_VISIT, caseId, Map.of(Variables.ROUND, 0));
        worker().handle(bench.client, bench.activate(JobTypes.REQUEST_HOME_VISIT));
        bench.startProcess(JobTypes.REQUEST_HOME_VISIT, caseId, Map.of(Variables.ROUND, 1));
        ActivatedJob second = bench.activate(JobTypes.REQUEST_HOME_VISIT);

        worker().handle(bench.client, second);

        bench.completion(second);
        assertThat(bench.eventsOf(HomeVisitRequested.class)).singleElement()
                .satisfies(requested -> assertThat(requested.visitId()).endsWith(":0"));
    }

    @Test
    void closedCaseCompletesTheJobAndRequestsNothing() throws Exception {
        String caseId = bench.openCase("closed");
        bench.startProcess(JobTypes.REQUEST_HOME_VISIT, caseId, Map.of());
        ActivatedJob job = bench.activate(JobTypes.REQUEST_HOME_VISIT);
        bench.closeCase(caseId);

        worker().handle(bench.client, job);

        bench.completion(job);
        assertThat(bench.eventsOf(HomeVisitRequested.class)).isEmpty();
        assertThat(bench.incidents()).isEmpty();
    }

    private RequestHomeVisitWorker worker() {
        return new RequestHomeVisitWorker(bench.commands(), 3);
    }
}

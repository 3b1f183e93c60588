package org.forewarn.workflows.countermeasure;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.CallerIds;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.person.api.CountermeasureProposed;
import org.forewarn.domain.person.api.ProposeCountermeasure;
import org.forewarn.workflows.WorkerBench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProposeCountermeasureWorkerTest {

    private WorkerBench bench;

    @BeforeEach
    void start() {
        bench = new WorkerBench(JobTypes.PROPOSE_COUNTERMEASURE);
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @Test
    void proposalIsMadeOnceAndTheJobCompletesWithItsId() throws Exception {
        String caseId = bench.openCase("propose");
        bench.startProcess(JobTypes.PROPOSE_COUNTERMEASURE, caseId, Map.of());
        ActivatedJob job = bench.activate(JobTypes.PROPOSE_COUNTERMEASURE);

        worker().doWork(job);
        worker().handle(bench.client, job);

        assertThat(bench.eventsOf(CountermeasureProposed.class)).singleElement().satisfies(proposed -> {
            assertThat(proposed.countermeasureId()).isEqualTo(caseId + ":CANCEL_FORWARDING");
            assertThat(proposed.type()).isEqualTo(CountermeasureType.CANCEL_FORWARDING);
            assertThat(proposed.reason()).isEqualTo(CountermeasureTexts.reason(CountermeasureType.CANCEL_FORWARDING));
            assertThat(proposed.actor()).isEqualTo("system:propose-countermeasure");
        });
        assertThat(bench.completion(job)).containsEntry(Variables.COUNTERMEASURE_ID, caseId + ":CANCEL_FORWARDING");
    }

    @Test
    void typeAlreadyUnderWayIsTheOneTheProcessWaitsFor() throws Exception {
        String caseId = bench.openCase("under-way");
        bench.commands().sendAndWait(new ProposeCountermeasure(WorkerBench.PERSON, caseId, "cm-operator-1",
                CountermeasureType.CANCEL_FORWARDING, "line forwarded to an unknown number", "operator-1"));
        bench.startProcess(JobTypes.PROPOSE_COUNTERMEASURE, caseId, Map.of());
        ActivatedJob job = bench.activate(JobTypes.PROPOSE_COUNTERMEASURE);

        worker().handle(bench.client, job);

        assertThat(bench.completion(job)).containsEntry(Variables.COUNTERMEASURE_ID, "cm-operator-1");
        assertThat(bench.eventsOf(CountermeasureProposed.class)).hasSize(1);
    }

    @Test
    void closedCaseCompletesTheJobAndProposesNothing() throws Exception {
        String caseId = bench.openCase("closed");
        bench.startProcess(JobTypes.PROPOSE_COUNTERMEASURE, caseId, Map.of());
        ActivatedJob job = bench.activate(JobTypes.PROPOSE_COUNTERMEASURE);
        bench.closeCase(caseId);

        worker().handle(bench.client, job);

        assertThat(bench.completion(job)).doesNotContainKey(Variables.COUNTERMEASURE_ID);
        assertThat(bench.eventsOf(CountermeasureProposed.class)).isEmpty();
    }

    @Test
    void idOfARealCaseIsAValidCallerIdForEveryType() {
        String caseId = "case-" + UUID.randomUUID();
        for (CountermeasureType type : CountermeasureType.values()) {
            String id = ProposeCountermeasureWorker.countermeasureId(caseId, type);
            assertThat(CallerIds.required("countermeasureId", id)).isEqualTo(id);
        }
    }

    private ProposeCountermeasureWorker worker() {
        return new ProposeCountermeasureWorker(bench.commands(), 3);
    }
}

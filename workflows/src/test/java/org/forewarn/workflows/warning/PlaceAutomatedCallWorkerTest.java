package org.forewarn.workflows.warning;

import static org.assertj.core.api.Assertions.assertThat;

import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.AutomatedCallPlaced;
import org.forewarn.workflows.WorkerBench;
import org.forewarn.workflows.ports.CallReceipt;
import org.forewarn.workflows.ports.WarningCall;
import org.junit.jupiter.api.Test;

class PlaceAutomatedCallWorkerTest extends WarningChannelContract {

    @Override
    String jobType() {
        return JobTypes.PLACE_AUTOMATED_CALL;
    }

    @Override
    PlaceAutomatedCallWorker worker(int retries) {
        return new PlaceAutomatedCallWorker(bench.contacts(),
                call -> port.accept(call.idempotencyKey(), call, () -> new CallReceipt("call-1", "recording")),
                bench.commands(), retries);
    }

    @Override
    Class<?> recorded() {
        return AutomatedCallPlaced.class;
    }

    @Override
    Rung failureRung() {
        return Rung.AUTOMATED_CALL; // the rung the task's own input names
    }

    @Test
    void callReadsTheCategorysScriptToTheCasesNumber() {
        String caseId = startCase("script");
        worker(3).doWork(bench.activate(jobType()));

        assertThat(port.sent.values()).singleElement().isInstanceOfSatisfying(WarningCall.class, call -> {
            assertThat(call.to()).isEqualTo(WorkerBench.VICTIM);
            assertThat(call.script()).contains("冒充公检法", "安全账户").doesNotContainPattern("\\d{6,}");
        });
        assertThat(bench.eventsOf(AutomatedCallPlaced.class)).singleElement().satisfies(e -> {
            assertThat(e.caseId()).isEqualTo(caseId);
            assertThat(e.callId()).isEqualTo("call-1");
            assertThat(e.attemptId()).isEqualTo(caseId + ":place_automated_call");
        });
    }
}

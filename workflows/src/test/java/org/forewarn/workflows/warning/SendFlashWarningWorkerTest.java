package org.forewarn.workflows.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.FlashWarningSent;
import org.forewarn.workflows.WorkerBench;
import org.forewarn.workflows.ports.FlashWarning;
import org.forewarn.workflows.ports.SmsReceipt;
import org.junit.jupiter.api.Test;

class SendFlashWarningWorkerTest extends WarningChannelContract {

    @Override
    String jobType() {
        return JobTypes.SEND_FLASH_WARNING;
    }

    @Override
    SendFlashWarningWorker worker(int retries) {
        return new SendFlashWarningWorker(bench.contacts(),
                flash -> port.accept(flash.idempotencyKey(), flash, () -> new SmsReceipt("flash-1", "recording")),
                bench.commands(), retries);
    }

    @Override
    Class<?> recorded() {
        return FlashWarningSent.class;
    }

    @Override
    Rung failureRung() {
        return Rung.EMERGENCY; // the ladder's current rung, as the process holds it
    }

    @Override
    String startCase(String clueId) {
        String caseId = bench.openCase(clueId);
        bench.startProcess(jobType(), caseId, Map.of(Variables.CURRENT_RUNG, Rung.EMERGENCY.name()));
        return caseId;
    }

    @Test
    void flashWarningIsShortAndNamesTheCategory() {
        String caseId = startCase("text");
        worker(3).doWork(bench.activate(jobType()));

        assertThat(port.sent.values()).singleElement().isInstanceOfSatisfying(FlashWarning.class, flash -> {
            assertThat(flash.to()).isEqualTo(WorkerBench.VICTIM);
            assertThat(flash.text()).contains("冒充公检法").hasSizeLessThanOrEqualTo(70)
                    .doesNotContain("http").doesNotContainPattern("\\d{6,}");
        });
        assertThat(bench.eventsOf(FlashWarningSent.class)).singleElement().satisfies(e -> {
            assertThat(e.caseId()).isEqualTo(caseId);
            assertThat(e.messageId()).isEqualTo("flash-1");
            assertThat(e.actor()).isEqualTo("system:send-flash-warning");
        });
    }
}

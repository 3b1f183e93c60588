package org.forewarn.workflows.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.forewarn.workflows.WorkerBench;
import org.forewarn.workflows.bridge.CaseProcessBridge;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningSms;
import org.junit.jupiter.api.Test;

/** The warning SMS worker and the bridge that starts its process from {@code CaseOpened}. */
class SendWarningSmsWorkerTest extends WarningChannelContract {

    @Override
    String jobType() {
        return JobTypes.SEND_WARNING_SMS;
    }

    @Override
    SendWarningSmsWorker worker(int retries) {
        return new SendWarningSmsWorker(bench.contacts(),
                sms -> port.accept(sms.idempotencyKey(), sms, () -> new SmsReceipt("outbox-" + port.sent.size(),
                        "recording")),
                bench.commands(), retries);
    }

    @Override
    Class<?> recorded() {
        return WarningSmsSent.class;
    }

    @Override
    Rung failureRung() {
        return Rung.WARNING_SMS; // the test model names no rung: the channel's own
    }

    /** The test model starts on the case-opened message, as the ladder does. */
    @Override
    String startCase(String clueId) {
        String caseId = bench.openCase(clueId);
        bridge().on(bench.eventsOf(CaseOpened.class).get(0));
        return caseId;
    }

    @Test
    void smsGoesToTheCasesNumberWithTheCategorysWarning() {
        String caseId = startCase("text");
        worker(3).doWork(bench.activate(jobType()));

        assertThat(port.sent.values()).singleElement().isInstanceOfSatisfying(WarningSms.class, sms -> {
            assertThat(sms.to()).isEqualTo(WorkerBench.VICTIM);
            assertThat(sms.caseId()).isEqualTo(caseId);
            assertThat(sms.text()).contains("冒充公检法").doesNotContain("http").doesNotContainPattern("\\d{6,}");
        });
        assertThat(bench.eventsOf(WarningSmsSent.class)).singleElement()
                .satisfies(e -> assertThat(e.messageId()).isEqualTo("outbox-1"));
    }

    @Test
    void aLaterStepOfTheCaseSendsNoSecondSmsOnceOneWasDelivered() {
        String caseId = startCase("once");
        SendWarningSmsWorker worker = worker(3);
        assertThat(worker.alreadyWarned(WorkerBench.PERSON, caseId, caseId + ":em_warning_sms")).isFalse();
        worker.doWork(bench.activate(jobType()));
        String first = bench.eventsOf(WarningSmsSent.class).get(0).attemptId();

        assertThat(worker.alreadyWarned(WorkerBench.PERSON, caseId, caseId + ":em_warning_sms")).isTrue();
        assertThat(worker.alreadyWarned(WorkerBench.PERSON, caseId, first)).as("a redelivery of the same step").isFalse();
    }

    @Test
    void openedCaseIsWarnedThroughTheRunningWorker() {
        String caseId = startCase("run");
        try (JobWorker ignored = bench.client.newWorker().jobType(jobType()).handler(worker(3))
                                             .timeout(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                                             .open()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(bench.eventsOf(WarningSmsSent.class)).singleElement()
                            .satisfies(e -> assertThat(e.caseId()).isEqualTo(caseId)));
        }
        assertThat(port.sent).hasSize(1);
    }

    @Test
    void bridgeRedeliveringCaseOpenedStartsNothingNew() {
        startCase("redelivered");
        CaseOpened opened = bench.eventsOf(CaseOpened.class).get(0);
        bridge().on(opened);
        bridge().on(opened);

        bench.activate(jobType());
        assertThat(bench.client.newActivateJobsCommand().jobType(jobType()).maxJobsToActivate(5)
                               .timeout(Duration.ofMinutes(1)).send().join().getJobs()).isEmpty();
    }

    private CaseProcessBridge bridge() {
        return new CaseProcessBridge(bench.client, Duration.ofMinutes(5));
    }
}

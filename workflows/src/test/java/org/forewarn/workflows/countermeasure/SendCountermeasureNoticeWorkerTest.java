package org.forewarn.workflows.countermeasure;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.Map;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.CountermeasureNoticeSent;
import org.forewarn.domain.person.api.LiftCountermeasure;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.workflows.RecordingPort;
import org.forewarn.workflows.WorkerBench;
import org.forewarn.workflows.ports.NoticeSms;
import org.forewarn.workflows.ports.SmsReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendCountermeasureNoticeWorkerTest {

    private static final String MODEL = JobTypes.SEND_COUNTERMEASURE_NOTICE;

    private WorkerBench bench;
    private RecordingPort sender;

    @BeforeEach
    void start() {
        bench = new WorkerBench(MODEL);
        sender = new RecordingPort();
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @Test
    void personIsToldOnceThatTheCountermeasureWasLifted() {
        CountermeasureCase c = lifted("told", CountermeasureType.SUSPEND_SERVICE, LiftReason.CASE_CLOSED);
        ActivatedJob job = bench.activate(MODEL);

        worker().doWork(job);
        worker().doWork(job);

        assertThat(sender.sent).containsOnlyKeys(c.countermeasureId + ":notice");
        assertThat(sender.sent.values()).singleElement().isInstanceOfSatisfying(NoticeSms.class, sms -> {
            assertThat(sms.to()).isEqualTo(WorkerBench.VICTIM);
            assertThat(sms.text()).isEqualTo(CountermeasureTexts.liftNotice(CountermeasureType.SUSPEND_SERVICE))
                    .contains("停机", "已解除").doesNotContain("http").doesNotContainPattern("\\d{6,}");
        });
        assertThat(bench.eventsOf(CountermeasureNoticeSent.class)).singleElement().satisfies(sent -> {
            assertThat(sent.countermeasureId()).isEqualTo(c.countermeasureId);
            assertThat(sent.messageId()).isEqualTo("notice-1");
            assertThat(sent.actor()).isEqualTo("system:send-countermeasure-notice");
        });
    }

    @Test
    void smsFailingOnTheLastRetryIsRecordedOnTheCaseAndBecomesAnIncident() throws Exception {
        CountermeasureCase c = lifted("failing", CountermeasureType.CUT_DATA, LiftReason.EXPIRED);
        sender.failAlways();

        bench.failUntilIncident(worker(), bench.activate(MODEL));

        bench.assertFailedForGood(c.caseId, c.countermeasureId + ":notice", Rung.COUNTERMEASURE, MODEL);
        assertThat(bench.eventsOf(CountermeasureNoticeSent.class)).isEmpty();
    }

    /** Applied, lifted for {@code reason} (closing the case first for CASE_CLOSED), and the notice's process started. */
    private CountermeasureCase lifted(String clueId, CountermeasureType type, LiftReason reason) {
        CountermeasureCase c = new CountermeasureCase(bench, clueId, type).applied();
        Instant at = Instant.now();
        if (reason == LiftReason.CASE_CLOSED) {
            bench.closeCase(c.caseId);
        } else {
            at = c.expiresAt;
        }
        bench.commands().sendAndWait(new LiftCountermeasure(WorkerBench.PERSON, c.countermeasureId,
                c.countermeasureId + ":lift", reason, at, "system:lift-countermeasure"));
        c.startProcess(MODEL, Map.of());
        return c;
    }

    private SendCountermeasureNoticeWorker worker() {
        return new SendCountermeasureNoticeWorker(bench.contacts(),
                sms -> sender.accept(sms.idempotencyKey(), sms, () -> new SmsReceipt("notice-1", "recording")),
                bench.commands(), 3);
    }
}

package org.forewarn.workflows.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.ChannelFailed;
import org.forewarn.domain.person.api.ConsentForm;
import org.forewarn.domain.person.api.FamilyWarningSent;
import org.forewarn.domain.person.api.RegisterRelative;
import org.forewarn.domain.person.api.Relation;
import org.forewarn.domain.person.api.RemoveRelative;
import org.forewarn.workflows.RecordingPort;
import org.forewarn.workflows.WorkerBench;
import org.forewarn.workflows.jobs.AttemptIds;
import org.forewarn.workflows.ports.FamilySms;
import org.forewarn.workflows.ports.FamilySmsSender;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.warning.WarningTemplates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The family rung's SMS to each registered relative, on the real engine and aggregate. */
class SendFamilySmsWorkerTest {

    private static final PhoneNumber SON = PhoneNumber.parse("number", "13900139002");
    private static final PhoneNumber DAUGHTER = PhoneNumber.parse("number", "13900139003");

    private WorkerBench bench;
    private RecordingPort port;

    @BeforeEach
    void start() {
        bench = new WorkerBench(JobTypes.SEND_FAMILY_SMS);
        port = new RecordingPort();
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    private SendFamilySmsWorker worker(FamilySmsSender sender) {
        return new SendFamilySmsWorker(bench.contacts(), sender, bench.commands(), 3, WarningTemplates.standard());
    }

    private SendFamilySmsWorker worker() {
        return worker(sms -> port.accept(sms.idempotencyKey(), sms,
                () -> new SmsReceipt("SM-" + sms.relativeId(), "recording")));
    }

    private void register(String relativeId, Relation relation, PhoneNumber number) {
        bench.commands().sendAndWait(new RegisterRelative(WorkerBench.PERSON, relativeId, relation,
                new PersonalText("家属"), number, ConsentForm.RECORDED_CALL, Instant.now(), "operator-1"));
    }

    private String startCase(String clueId) {
        String caseId = bench.openCase(clueId);
        bench.startProcess(JobTypes.SEND_FAMILY_SMS, caseId, Map.of());
        return caseId;
    }

    @Test
    void everyRegisteredRelativeIsWarnedOnceEvenWhenTheJobArrivesTwice() {
        String caseId = startCase("family");
        register("rel-1", Relation.CHILD, SON);
        register("rel-2", Relation.CHILD, DAUGHTER);
        register("rel-3", Relation.SPOUSE, PhoneNumber.parse("number", "13900139004"));
        bench.commands().sendAndWait(new RemoveRelative(WorkerBench.PERSON, "rel-3", "asked to be removed",
                "operator-1"));
        ActivatedJob job = bench.activate(JobTypes.SEND_FAMILY_SMS);

        worker().doWork(job);
        worker().doWork(job);

        assertThat(port.sent).containsOnlyKeys(AttemptIds.familySms(caseId, "rel-1"),
                AttemptIds.familySms(caseId, "rel-2"));
        assertThat(port.sent.get(AttemptIds.familySms(caseId, "rel-1"))).isInstanceOfSatisfying(FamilySms.class, sms -> {
            assertThat(sms.to()).isEqualTo(SON);
            assertThat(sms.text()).contains("冒充公检法").doesNotContain(WorkerBench.VICTIM.e164())
                    .doesNotContainPattern("\\d{6,}");
        });
        assertThat(bench.eventsOf(FamilyWarningSent.class)).hasSize(2).allSatisfy(sent -> {
            assertThat(sent.caseId()).isEqualTo(caseId);
            assertThat(sent.messageId()).isEqualTo("SM-" + sent.relativeId());
            assertThat(sent.actor()).isEqualTo("system:send-family-sms");
        });
    }

    @Test
    void familyAttemptIdFitsTheSixtyFourCharactersOfAnAttemptForTheLongestCaseIds() {
        String attemptId = AttemptIds.familySms("case-83e5922f-0319-40d8-b0cb-027fcbadeb88",
                "rel-5ea9327d-f921-4af1-b1e7-22f571ef9a8a");

        assertThat(attemptId).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9._:-]+")
                .isNotEqualTo(AttemptIds.familySms("case-83e5922f-0319-40d8-b0cb-027fcbadeb88", "rel-2"));
    }

    @Test
    void personWithoutRelativesGetsNothingAndTheStepGoesOn() {
        startCase("alone");
        ActivatedJob job = bench.activate(JobTypes.SEND_FAMILY_SMS);

        worker().handle(bench.client, job);

        bench.completion(job);
        assertThat(port.attempts).hasValue(0);
        assertThat(bench.eventsOf(FamilyWarningSent.class)).isEmpty();
    }

    @Test
    void retryAfterOneRelativesSendFailedWarnsTheOthersAndNobodyTwice() {
        startCase("retry");
        register("rel-1", Relation.CHILD, SON);
        register("rel-2", Relation.CHILD, DAUGHTER);
        AtomicInteger calls = new AtomicInteger();
        FamilySmsSender secondFailsOnce = sms -> {
            if (sms.relativeId().equals("rel-2") && calls.incrementAndGet() == 1) {
                throw new IllegalStateException("gateway down");
            }
            return port.accept(sms.idempotencyKey(), sms, () -> new SmsReceipt("SM-" + sms.relativeId(), "recording"));
        };
        ActivatedJob job = bench.activate(JobTypes.SEND_FAMILY_SMS);

        assertThatThrownBy(() -> worker(secondFailsOnce).doWork(job)).hasMessage("gateway down");
        worker(secondFailsOnce).doWork(job);

        assertThat(bench.eventsOf(FamilyWarningSent.class)).extracting(FamilyWarningSent::relativeId)
                .containsExactly("rel-1", "rel-2");
        assertThat(port.sent).hasSize(2);
    }

    @Test
    void closedCaseCompletesTheJobAndWarnsNobody() {
        String caseId = startCase("closed");
        register("rel-1", Relation.CHILD, SON);
        ActivatedJob job = bench.activate(JobTypes.SEND_FAMILY_SMS);
        bench.closeCase(caseId);

        worker().handle(bench.client, job);

        bench.completion(job);
        assertThat(port.attempts).hasValue(0);
    }

    @Test
    void channelFailingToTheLastRetryIsRecordedOnTheFamilyRungAndBecomesAnIncident() throws Exception {
        String caseId = startCase("failing");
        register("rel-1", Relation.CHILD, SON);
        port.failAlways();

        bench.failUntilIncident(worker(), bench.activate(JobTypes.SEND_FAMILY_SMS));

        bench.assertFailedForGood(caseId, caseId + ":family_contact", Rung.FAMILY_CONTACT, JobTypes.SEND_FAMILY_SMS);
        assertThat(bench.eventsOf(ChannelFailed.class)).hasSize(1);
        assertThat(bench.eventsOf(FamilyWarningSent.class)).isEmpty();
    }
}

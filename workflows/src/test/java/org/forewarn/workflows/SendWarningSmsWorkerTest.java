package org.forewarn.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.forewarn.bpmn.InProcessZeebe;
import org.forewarn.bpmn.Processes;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.AtRiskPerson;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.OpenCase;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.forewarn.workflows.bridge.CaseProcessBridge;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningSms;
import org.forewarn.workflows.ports.WarningSmsSender;
import org.forewarn.workflows.warning.SendWarningSmsWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker and the bridge on the real engine and a real Axon configuration (in-memory event
 * storage); only the SMS port is a recording stand-in, since its adapters are tested on their own.
 */
class SendWarningSmsWorkerTest {

    private static final PhoneNumber VICTIM = PhoneNumber.parse("victimNumber", "13800138000");
    private static final String PERSON = "p-00000000000000000000000000000001";

    private InProcessZeebe zeebe;
    private CamundaClient client;
    private Configuration axon;
    private RecordingSender sender;
    private CaseProcessBridge bridge;

    @BeforeEach
    void start() {
        zeebe = InProcessZeebe.start(0);
        client = zeebe.newClient();
        client.newDeployResourceCommand().addResourceFromClasspath(Processes.RESOURCES.get(0)).send().join();
        axon = DefaultConfigurer.defaultConfiguration()
                                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                                .configureAggregate(AtRiskPerson.class)
                                .buildConfiguration();
        axon.start();
        sender = new RecordingSender();
        bridge = new CaseProcessBridge(client, Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() {
        axon.shutdown();
        client.close();
        zeebe.close();
    }

    @Test
    void jobDeliveredTwiceSendsOnceAndRecordsOnce() {
        String caseId = openCase("clue-twice");
        ActivatedJob job = activateJob();

        SendWarningSmsWorker worker = worker(3);
        worker.doWork(job);
        worker.doWork(job);

        assertThat(sender.sent).hasSize(1);
        assertThat(sender.sent.values()).first().satisfies(sms -> {
            assertThat(sms.to()).isEqualTo(VICTIM);
            assertThat(sms.caseId()).isEqualTo(caseId);
            assertThat(sms.text()).contains("冒充公检法").doesNotContain("http").doesNotContainPattern("\\d{6,}");
        });
        assertThat(eventsOf(WarningSmsSent.class)).singleElement()
                .satisfies(e -> assertThat(e.messageId()).isEqualTo("outbox-1"));
    }

    @Test
    void openedCaseIsWarnedThroughTheRunningWorker() {
        String caseId = openCase("clue-run");
        try (JobWorker ignored = register(worker(3))) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(eventsOf(WarningSmsSent.class)).singleElement()
                            .satisfies(e -> assertThat(e.caseId()).isEqualTo(caseId)));
        }
        assertThat(sender.sent).hasSize(1);
    }

    @Test
    void bridgeRedeliveringCaseOpenedStartsNothingNew() {
        openCase("clue-redelivered");
        CaseOpened opened = eventsOf(CaseOpened.class).get(0);
        bridge.on(opened);
        bridge.on(opened);

        activateJob();
        assertThat(client.newActivateJobsCommand().jobType(JobTypes.SEND_WARNING_SMS).maxJobsToActivate(5)
                         .timeout(Duration.ofMinutes(1)).send().join().getJobs()).isEmpty();
    }

    @Test
    void failingChannelIsRetriedWithBackoffThenBecomesAnIncident() throws Exception {
        openCase("clue-failing");
        sender.failuresLeft.set(Integer.MAX_VALUE);
        ActivatedJob job = activateJob();

        worker(5).handle(client, job);
        assertThat(sender.attempts.get()).isEqualTo(1);
        assertThat(eventsOf(WarningSmsSent.class)).isEmpty();

        // The job comes back only after its back-off; drain the remaining retries one by one.
        for (int retriesLeft = job.getRetries() - 1; retriesLeft > 0; retriesLeft--) {
            zeebe.increaseTime(Duration.ofMinutes(10));
            ActivatedJob again = activateJob();
            assertThat(again.getRetries()).isEqualTo(retriesLeft);
            worker(5).handle(client, again);
        }
        zeebe.waitForIdleState(Duration.ofSeconds(5));
        assertThat(incidents()).singleElement()
                .satisfies(i -> assertThat(i.getErrorMessage()).contains("SMS gateway down")
                        .doesNotContain(VICTIM.e164()));
    }

    private SendWarningSmsWorker worker(int retries) {
        return new SendWarningSmsWorker((personId, caseId) -> Optional.of(VICTIM), sender, axon.commandGateway(),
                retries);
    }

    private JobWorker register(SendWarningSmsWorker worker) {
        return client.newWorker().jobType(JobTypes.SEND_WARNING_SMS).handler(worker)
                     .timeout(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).open();
    }

    private String openCase(String clueId) {
        String caseId = "case-" + clueId;
        Clue clue = new Clue(new ClueId(clueId), VICTIM, null, FraudCategory.IMPERSONATING_AUTHORITIES,
                RiskLevel.HIGH, Instant.now(), ClueChannel.CALL, "test", AgeGroup.ADULT);
        axon.commandGateway().sendAndWait(new OpenCase(PERSON, caseId, clue, "intake"));
        bridge.on(eventsOf(CaseOpened.class).get(0));
        return caseId;
    }

    private ActivatedJob activateJob() {
        return await().atMost(Duration.ofSeconds(10)).until(() -> client.newActivateJobsCommand()
                .jobType(JobTypes.SEND_WARNING_SMS).maxJobsToActivate(1).timeout(Duration.ofMinutes(1))
                .send().join().getJobs(), jobs -> !jobs.isEmpty()).get(0);
    }

    private <T> List<T> eventsOf(Class<T> type) {
        return axon.eventStore().readEvents(PERSON).asStream().map(EventMessage::getPayload)
                   .filter(type::isInstance).map(type::cast).toList();
    }

    private List<IncidentRecordValue> incidents() {
        return StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                            .filter(r -> r.getValueType() == ValueType.INCIDENT)
                            .filter(r -> r.getIntent() == IncidentIntent.CREATED)
                            .map(Record::getValue).map(IncidentRecordValue.class::cast).toList();
    }

    /** Sends nothing; keeps one message per idempotency key, as every real sender must. */
    static final class RecordingSender implements WarningSmsSender {
        final Map<String, WarningSms> sent = new ConcurrentHashMap<>();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public SmsReceipt send(WarningSms sms) {
            attempts.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("SMS gateway down");
            }
            sent.putIfAbsent(sms.idempotencyKey(), sms);
            return new SmsReceipt("outbox-" + sent.size(), "recording");
        }
    }
}

package org.forewarn.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.forewarn.bpmn.InProcessZeebe;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.AtRiskPerson;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.ChannelFailed;
import org.forewarn.domain.person.api.OpenCase;
import org.forewarn.domain.person.api.ResolveCase;
import org.forewarn.domain.person.api.WarningSmsFailed;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.forewarn.domain.person.api.RelativeRegistered;
import org.forewarn.domain.person.api.RelativeRemoved;
import org.forewarn.domain.person.api.StepFailed;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.Relative;

/**
 * What a worker test runs on: the real in-process engine with the test's own small model, and a
 * real Axon configuration (in-memory event storage) with the person aggregate. Only the ports
 * are stand-ins, since their adapters are tested on their own.
 */
public final class WorkerBench implements AutoCloseable {

    public static final PhoneNumber VICTIM = PhoneNumber.parse("victimNumber", "13800138000");
    public static final String PERSON = "p-00000000000000000000000000000001";
    public static final FraudCategory CATEGORY = FraudCategory.IMPERSONATING_AUTHORITIES;

    public final InProcessZeebe zeebe;
    public final CamundaClient client;
    public final Configuration axon;

    /** @param model a test model under {@code workers/}, e.g. {@code send-flash-warning} */
    public WorkerBench(String model) {
        zeebe = InProcessZeebe.start(0);
        client = zeebe.newClient();
        client.newDeployResourceCommand().addResourceFromClasspath("workers/" + model + ".bpmn").send().join();
        axon = DefaultConfigurer.defaultConfiguration()
                                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                                .configureAggregate(AtRiskPerson.class)
                                .buildConfiguration();
        axon.start();
    }

    public CommandGateway commands() {
        return axon.commandGateway();
    }

    /** The person's number for every case, and whether the case is closed as the event store says. */
    public CaseContacts contacts() {
        return new CaseContacts() {
            @Override
            public Optional<PhoneNumber> victimNumber(String personId, String caseId) {
                return Optional.of(VICTIM);
            }

            @Override
            public boolean isClosed(String personId, String caseId) {
                return eventsOf(CaseResolved.class).stream().anyMatch(r -> r.caseId().equals(caseId));
            }

            @Override
            public List<Relative> relatives(String personId) {
                java.util.Set<String> removed = new java.util.HashSet<>();
                eventsOf(RelativeRemoved.class).forEach(r -> removed.add(r.relativeId()));
                return eventsOf(RelativeRegistered.class).stream().filter(r -> !removed.contains(r.relativeId()))
                        .map(r -> new Relative(r.relativeId(), r.relation(), r.number())).toList();
            }

            @Override
            public boolean warningSmsDelivered(String personId, String caseId, String exceptAttemptId) {
                return eventsOf(WarningSmsSent.class).stream().anyMatch(sent -> sent.caseId().equals(caseId)
                        && !sent.attemptId().equals(exceptAttemptId)
                        && eventsOf(WarningSmsFailed.class).stream().noneMatch(f -> f.attemptId().equals(sent.attemptId())));
            }
        };
    }

    /** Opens case {@code case-<clueId>} for the person and answers its id. */
    public String openCase(String clueId) {
        String caseId = "case-" + clueId;
        Clue clue = new Clue(new ClueId(clueId), VICTIM, null, CATEGORY, RiskLevel.HIGH, Instant.now(), ClueChannel.CALL,
                "test", AgeGroup.ADULT);
        commands().sendAndWait(new OpenCase(PERSON, caseId, clue, "intake"));
        return caseId;
    }

    public void closeCase(String caseId) {
        commands().sendAndWait(new ResolveCase(PERSON, caseId, "resolve-" + caseId, Outcome.PERSUADED, null, null,
                null, "operator-1"));
    }

    /** Starts the test model's process for the case, with the case's variables and {@code more}. */
    public long startProcess(String model, String caseId, Map<String, Object> more) {
        Map<String, Object> variables = new HashMap<>(more);
        variables.put(Variables.CASE_ID, caseId);
        variables.put(Variables.PERSON_ID, PERSON);
        variables.put(Variables.CATEGORY, CATEGORY.name());
        return client.newCreateInstanceCommand().bpmnProcessId("test-" + model).latestVersion()
                     .variables(variables).send().join().getProcessInstanceKey();
    }

    public ActivatedJob activate(String jobType) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> client.newActivateJobsCommand()
                .jobType(jobType).maxJobsToActivate(1).timeout(Duration.ofMinutes(1))
                .send().join().getJobs(), jobs -> !jobs.isEmpty()).get(0);
    }

    /**
     * Hands the job to the worker, then each retry after its back-off, until the job has no retries
     * left; waits for the engine to settle.
     */
    public void failUntilIncident(JobHandler worker, ActivatedJob job) throws Exception {
        worker.handle(client, job);
        for (int retriesLeft = job.getRetries() - 1; retriesLeft > 0; retriesLeft--) {
            zeebe.increaseTime(Duration.ofMinutes(10));
            ActivatedJob again = activate(job.getType());
            worker.handle(client, again);
        }
        zeebe.waitForIdleState(Duration.ofSeconds(5));
    }

    /**
     * The channel failed for good: the case recorded it once, with the failure's class and
     * message, and the engine raised one incident, neither with the person's number.
     */
    public void assertFailedForGood(String caseId, String attemptId, Rung rung, String jobType) {
        assertThat(eventsOf(ChannelFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.caseId()).isEqualTo(caseId);
            assertThat(failed.attemptId()).isEqualTo(attemptId);
            assertThat(failed.rung()).isEqualTo(rung);
            assertThat(failed.failure()).isEqualTo("IllegalStateException: gateway down");
            assertThat(failed.actor()).isEqualTo("system:" + jobType);
        });
        assertThat(eventsOf(StepFailed.class)).as("a channel's failure is its own record").isEmpty();
        assertThat(incidents()).singleElement()
                .satisfies(i -> assertThat(i.getErrorMessage()).contains("gateway down").doesNotContain(VICTIM.e164()));
    }

    public <T> List<T> eventsOf(Class<T> type) {
        return axon.eventStore().readEvents(PERSON).asStream().map(EventMessage::getPayload)
                   .filter(type::isInstance).map(type::cast).toList();
    }

    public List<IncidentRecordValue> incidents() {
        return records(ValueType.INCIDENT).filter(r -> r.getIntent() == IncidentIntent.CREATED)
                .map(Record::getValue).map(IncidentRecordValue.class::cast).toList();
    }

    /** The variables the job was completed with; fails the test if it was not completed. */
    public Map<String, Object> completion(ActivatedJob job) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> records(ValueType.JOB)
                .filter(r -> r.getIntent() == JobIntent.COMPLETED && r.getKey() == job.getKey())
                .map(r -> ((JobRecordValue) r.getValue()).getVariables())
                .findFirst(), Optional::isPresent).get();
    }

    public Stream<Record<?>> records(ValueType type) {
        return StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                            .filter(r -> r.getValueType() == type)
                            .map(r -> (Record<?>) r);
    }

    @Override
    public void close() {
        axon.shutdown();
        client.close();
        zeebe.close();
    }
}

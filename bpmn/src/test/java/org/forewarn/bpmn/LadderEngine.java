package org.forewarn.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Messages;
import org.forewarn.bpmn.Processes.Variables;

/**
 * The in-process engine with every model deployed, and what the process tests do to it: publish
 * the bridge's messages, complete jobs as the workers would, move the clock, and read what the
 * engine did from its record stream. The {@code rung-started} listener jobs are completed the
 * way the real worker completes them (setting {@code currentRung} on the process), the
 * {@code send-family-sms} listener jobs as sent, and each one
 * is remembered so that tests can assert which rungs a case went through.
 */
final class LadderEngine implements AutoCloseable {

    private static final Duration IDLE = Duration.ofSeconds(5);

    final InProcessZeebe zeebe;
    final CamundaClient client;
    /** Every send-family-sms listener call: the element id of the family step it started. */
    final List<String> familySmsSteps = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Every rung-started listener call: element id, rung, dueAt. */
    final List<RungStart> rungStarts = new ArrayList<>();

    record RungStart(String elementId, String rung, ZonedDateTime dueAt, Object round) {
    }

    LadderEngine() {
        zeebe = InProcessZeebe.start(0);
        client = zeebe.newClient();
        var deploy = client.newDeployResourceCommand().addResourceFromClasspath(Processes.RESOURCES.get(0));
        for (String resource : Processes.RESOURCES.subList(1, Processes.RESOURCES.size())) {
            deploy = deploy.addResourceFromClasspath(resource);
        }
        deploy.send().join();
    }

    /** Publishes case-opened for a new case and returns its process instance key once the ladder settled. */
    long openCase(String caseId, String risk, String category, String channel, String ageGroup) {
        return openCase(caseId, risk, category, channel, ageGroup, Map.of());
    }

    long openCase(String caseId, String risk, String category, String channel, String ageGroup,
                  Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>(Map.of(Variables.CASE_ID, caseId,
                Variables.PERSON_ID, "p-" + caseId, Variables.RISK_LEVEL, risk, Variables.CATEGORY, category,
                Variables.CHANNEL, channel));
        if (ageGroup != null) {
            variables.put(Variables.AGE_GROUP, ageGroup);
        }
        variables.putAll(extra);
        client.newPublishMessageCommand().messageName(Messages.CASE_OPENED).correlationKey(caseId)
              .messageId(caseId).timeToLive(Duration.ofMinutes(5)).variables(variables).send().join();
        settle();
        return instanceOf(caseId);
    }

    void publish(String message, String correlationKey, Map<String, Object> variables) {
        client.newPublishMessageCommand().messageName(message).correlationKey(correlationKey)
              .timeToLive(Duration.ofMinutes(5)).variables(variables).send().join();
        settle();
    }

    void publish(String message, String correlationKey) {
        publish(message, correlationKey, Map.of());
    }

    /** Completes the one open job of {@code type} of the instance, as a worker would, and lets the engine settle. */
    ActivatedJob complete(long instance, String type, Map<String, Object> variables) {
        ActivatedJob job = job(instance, type);
        client.newCompleteCommand(job).variables(variables).send().join();
        settle();
        return job;
    }

    ActivatedJob complete(long instance, String type) {
        return complete(instance, type, Map.of());
    }

    /**
     * Activates the open job of {@code type}. Each test runs one case on its own engine, so the
     * job found belongs to the instance; that is checked.
     */
    ActivatedJob job(long instance, String type) {
        List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
                                        .timeout(Duration.ofMinutes(10)).send().join().getJobs();
        assertThat(jobs).as("an open job of type %s", type).hasSize(1);
        assertThat(jobs.get(0).getProcessInstanceKey()).isEqualTo(instance);
        return jobs.get(0);
    }

    void fail(ActivatedJob job, int retriesLeft, String message) {
        client.newFailCommand(job).retries(retriesLeft).errorMessage(message).send().join();
        settle();
    }

    void increaseTime(Duration duration) {
        zeebe.increaseTime(duration);
        settle();
    }

    /** Waits for the engine to go idle, completing rung-started listener jobs as the real worker does. */
    void settle() {
        for (int i = 0; i < 50; i++) {
            waitIdle();
            List<ActivatedJob> starts = client.newActivateJobsCommand().jobType(JobTypes.RUNG_STARTED)
                                              .maxJobsToActivate(20).timeout(Duration.ofMinutes(1)).send().join()
                                              .getJobs();
            List<ActivatedJob> familySms = client.newActivateJobsCommand().jobType(JobTypes.SEND_FAMILY_SMS)
                                                 .maxJobsToActivate(20).timeout(Duration.ofMinutes(1)).send().join()
                                                 .getJobs();
            if (starts.isEmpty() && familySms.isEmpty()) {
                return;
            }
            for (ActivatedJob job : familySms) {
                familySmsSteps.add(job.getElementId());
                client.newCompleteCommand(job).send().join();
            }
            for (ActivatedJob job : starts) {
                Map<String, Object> vars = job.getVariablesAsMap();
                String rung = (String) vars.get(Variables.RUNG);
                rungStarts.add(new RungStart(job.getElementId(), rung,
                        ZonedDateTime.parse((String) vars.get(Variables.DUE_AT)), vars.get(Variables.ROUND)));
                client.newSetVariablesCommand(job.getProcessInstanceKey())
                      .variables(Map.of(Variables.CURRENT_RUNG, rung)).local(false).send().join();
                client.newCompleteCommand(job).send().join();
            }
        }
        throw new AssertionError("the engine did not settle");
    }

    private void waitIdle() {
        try {
            zeebe.waitForIdleState(IDLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            throw new AssertionError("engine not idle", e);
        }
    }

    long instanceOf(String caseId) {
        return variables()
                .filter(v -> v.getName().equals(Variables.CASE_ID) && v.getValue().equals("\"" + caseId + "\""))
                .filter(v -> v.getScopeKey() == v.getProcessInstanceKey())
                .map(VariableRecordValue::getProcessInstanceKey)
                .filter(key -> processId(key).equals(Processes.DISSUASION))
                .findFirst().orElseThrow(() -> new AssertionError("no dissuasion process for " + caseId));
    }

    /** The countermeasure process of {@code countermeasureId}. */
    long countermeasureInstance(String countermeasureId) {
        return variables()
                .filter(v -> v.getName().equals(Variables.COUNTERMEASURE_ID)
                        && v.getValue().equals("\"" + countermeasureId + "\""))
                .map(VariableRecordValue::getProcessInstanceKey)
                .filter(key -> processId(key).equals(Processes.COUNTERMEASURE))
                .findFirst().orElseThrow(() -> new AssertionError("no countermeasure process for " + countermeasureId));
    }

    /** Element ids that are active now in the instance (activated and neither completed nor terminated). */
    Set<String> active(long instance) {
        Map<Long, String> open = new HashMap<>();
        processRecords().filter(r -> r.getValue().getProcessInstanceKey() == instance).forEach(r -> {
            if (r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
                open.put(r.getKey(), r.getValue().getElementId());
            } else if (r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                    || r.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED) {
                open.remove(r.getKey());
            }
        });
        return new LinkedHashSet<>(open.values());
    }

    /** Element ids the instance completed, in order. */
    List<String> completed(long instance) {
        return processRecords()
                .filter(r -> r.getValue().getProcessInstanceKey() == instance)
                .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED)
                .filter(r -> r.getValue().getBpmnElementType() != BpmnElementType.SEQUENCE_FLOW)
                .map(r -> r.getValue().getElementId()).toList();
    }

    boolean ended(long instance) {
        return processRecords().anyMatch(r -> r.getKey() == instance
                && (r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                || r.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED));
    }

    /** The instance's current value of a root variable, as JSON text. */
    String variable(long instance, String name) {
        return variables().filter(v -> v.getProcessInstanceKey() == instance && v.getScopeKey() == instance
                                       && v.getName().equals(name))
                          .reduce((a, b) -> b).map(VariableRecordValue::getValue).orElse(null);
    }

    List<IncidentRecordValue> incidents(long instance) {
        return StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.INCIDENT && r.getIntent() == IncidentIntent.CREATED)
                .map(r -> (IncidentRecordValue) r.getValue())
                .filter(v -> v.getProcessInstanceKey() == instance).toList();
    }

    Stream<VariableRecordValue> variables() {
        return StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.VARIABLE)
                .map(r -> (VariableRecordValue) r.getValue());
    }

    private String processId(long instance) {
        return processRecords().filter(r -> r.getKey() == instance)
                .map(r -> r.getValue().getBpmnProcessId()).findFirst().orElse("");
    }

    @SuppressWarnings("unchecked")
    private Stream<Record<ProcessInstanceRecordValue>> processRecords() {
        return StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.PROCESS_INSTANCE)
                .map(r -> (Record<ProcessInstanceRecordValue>) r);
    }

    @Override
    public void close() {
        client.close();
        zeebe.close();
    }
}

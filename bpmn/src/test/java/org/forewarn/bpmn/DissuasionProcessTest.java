package org.forewarn.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Messages;
import org.forewarn.bpmn.Processes.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DissuasionProcessTest {

    private static InProcessZeebe zeebe;
    private static CamundaClient client;

    @BeforeAll
    static void startEngine() {
        zeebe = InProcessZeebe.start(0);
        client = zeebe.newClient();
        var deploy = client.newDeployResourceCommand().addResourceFromClasspath(Processes.RESOURCES.get(0));
        for (String resource : Processes.RESOURCES.subList(1, Processes.RESOURCES.size())) {
            deploy = deploy.addResourceFromClasspath(resource);
        }
        deploy.send().join();
    }

    @AfterAll
    static void stopEngine() {
        client.close();
        zeebe.close();
    }

    @Test
    void caseOpenedStartsTheLadderWithTheWarningSmsAndEndsWhenItIsSent() throws Exception {
        publishCaseOpened("case-walk-1");

        ActivatedJob job = awaitJob(JobTypes.SEND_WARNING_SMS);
        assertThat(job.getBpmnProcessId()).isEqualTo(Processes.DISSUASION);
        assertThat(job.getVariablesAsMap())
                .containsEntry(Variables.CASE_ID, "case-walk-1")
                .containsEntry(Variables.PERSON_ID, "p-walk-1")
                .containsEntry(Variables.RISK_LEVEL, "HIGH");

        client.newCompleteCommand(job).send().join();
        zeebe.waitForIdleState(Duration.ofSeconds(5));

        assertThat(processEvents(job.getProcessInstanceKey(), BpmnElementType.END_EVENT))
                .extracting(r -> r.getValue().getElementId()).containsExactly("warning_sent");
        assertThat(processEvents(job.getProcessInstanceKey(), BpmnElementType.PROCESS)).hasSize(1);
    }

    @Test
    void sameCaseOpenedTwiceStartsOneProcess() throws Exception {
        publishCaseOpened("case-twice");
        assertThatThrownBy(() -> publishCaseOpened("case-twice"))
                .isInstanceOf(ClientStatusException.class)
                .satisfies(e -> assertThat(((ClientStatusException) e).getStatusCode())
                        .isEqualTo(Status.Code.ALREADY_EXISTS));
        zeebe.waitForIdleState(Duration.ofSeconds(5));

        long started = processRecords()
                .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
                .filter(r -> r.getValue().getBpmnElementType() == BpmnElementType.PROCESS)
                .map(r -> r.getValue().getProcessInstanceKey())
                .filter(key -> processVariable(key).equals("case-twice"))
                .count();
        assertThat(started).isEqualTo(1);
    }

    @Test
    void gatewayListensOnLoopbackOnly() {
        assertThat(zeebe.listenAddresses()).isNotEmpty().allSatisfy(address ->
                assertThat(((InetSocketAddress) address).getAddress().isLoopbackAddress()).isTrue());
    }

    private void publishCaseOpened(String caseId) {
        client.newPublishMessageCommand()
              .messageName(Messages.CASE_OPENED)
              .correlationKey(caseId)
              .messageId(caseId)
              .timeToLive(Duration.ofMinutes(10))
              .variables(Map.of(Variables.CASE_ID, caseId, Variables.PERSON_ID, "p-walk-1",
                      Variables.RISK_LEVEL, "HIGH", Variables.CATEGORY, "IMPERSONATING_AUTHORITIES",
                      Variables.CHANNEL, "CALL"))
              .send().join();
    }

    private ActivatedJob awaitJob(String type) throws Exception {
        for (int i = 0; i < 50; i++) {
            List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
                                            .timeout(Duration.ofMinutes(1)).send().join().getJobs();
            if (!jobs.isEmpty()) {
                return jobs.get(0);
            }
            zeebe.waitForIdleState(Duration.ofSeconds(1));
        }
        throw new AssertionError("no job of type " + type + " was created");
    }

    @SuppressWarnings("unchecked")
    private static java.util.stream.Stream<Record<ProcessInstanceRecordValue>> processRecords() {
        return StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                            .filter(r -> r.getValueType() == ValueType.PROCESS_INSTANCE)
                            .map(r -> (Record<ProcessInstanceRecordValue>) r);
    }

    private static List<Record<ProcessInstanceRecordValue>> processEvents(long instance, BpmnElementType type) {
        return processRecords()
                .filter(r -> r.getValue().getProcessInstanceKey() == instance)
                .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED)
                .filter(r -> r.getValue().getBpmnElementType() == type)
                .toList();
    }

    private static String processVariable(long instance) {
        return StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.VARIABLE)
                .map(r -> (io.camunda.zeebe.protocol.record.value.VariableRecordValue) r.getValue())
                .filter(v -> v.getProcessInstanceKey() == instance && v.getName().equals(Variables.CASE_ID))
                .map(v -> v.getValue().replace("\"", ""))
                .findFirst().orElse("");
    }
}

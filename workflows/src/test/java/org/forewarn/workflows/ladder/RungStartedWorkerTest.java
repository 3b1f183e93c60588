package org.forewarn.workflows.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.ChannelFailed;
import org.forewarn.domain.person.api.RecordRungStarted;
import org.forewarn.domain.person.api.RungStarted;
import org.forewarn.domain.person.api.StepFailed;
import org.forewarn.workflows.WorkerBench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The start listener of a rung element, on the real engine: its element's local variables, and the current rung it sets. */
class RungStartedWorkerTest {

    private static final String RUNG_WORK = "rung-work";

    private WorkerBench bench;

    @BeforeEach
    void start() {
        bench = new WorkerBench(JobTypes.RUNG_STARTED);
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @Test
    void rungIsRecordedOnceWithTheDeadlineFeelGave() {
        String caseId = bench.openCase("rung");
        bench.startProcess(JobTypes.RUNG_STARTED, caseId,
                Map.of("dueText", "2026-11-22T15:12:22.594Z[Etc/UTC]", Variables.ROUND, 2));
        ActivatedJob job = bench.activate(JobTypes.RUNG_STARTED);

        worker().doWork(job);
        worker().doWork(job);

        assertThat(bench.eventsOf(RungStarted.class)).singleElement().satisfies(started -> {
            assertThat(started.stepId()).isEqualTo(caseId + ":flash_warning_rung:2");
            assertThat(started.rung()).isEqualTo(Rung.FLASH_WARNING);
            assertThat(started.dueAt()).isEqualTo(Instant.parse("2026-11-22T15:12:22.594Z"));
            assertThat(started.actor()).isEqualTo("system:rung-started");
        });
    }

    @Test
    void completedListenerMakesTheRungTheProcesssCurrentRung() throws Exception {
        String caseId = bench.openCase("current");
        long instance = bench.startProcess(JobTypes.RUNG_STARTED, caseId, Map.of("dueText", "2026-11-22T15:12:22Z"));

        worker().handle(bench.client, bench.activate(JobTypes.RUNG_STARTED));

        ActivatedJob work = bench.activate(RUNG_WORK);
        assertThat(work.getVariablesAsMap()).containsEntry(Variables.CURRENT_RUNG, "FLASH_WARNING");
        assertThat(processVariables(instance, Variables.CURRENT_RUNG)).containsExactly("\"FLASH_WARNING\"");
        assertThat(bench.eventsOf(RungStarted.class)).hasSize(1);
    }

    @Test
    void closedCaseCompletesTheListenerWithoutRecordingOrMovingTheLadder() throws Exception {
        String caseId = bench.openCase("closed");
        long instance = bench.startProcess(JobTypes.RUNG_STARTED, caseId, Map.of("dueText", "2026-11-22T15:12:22Z"));
        ActivatedJob job = bench.activate(JobTypes.RUNG_STARTED);
        bench.closeCase(caseId);

        worker().handle(bench.client, job);

        bench.completion(job);
        bench.activate(RUNG_WORK);
        assertThat(bench.eventsOf(RungStarted.class)).isEmpty();
        assertThat(processVariables(instance, Variables.CURRENT_RUNG)).isEmpty();
    }

    @Test
    void aRungThatCannotBeRecordedEndsAsOneStepFailedOnTheCaseAndOneIncident() throws Exception {
        String caseId = bench.openCase("stuck");
        bench.startProcess(JobTypes.RUNG_STARTED, caseId, Map.of("dueText", "2026-11-22T15:12:22Z", Variables.ROUND, 1));
        refuse(RecordRungStarted.class, "event store unavailable");

        bench.failUntilIncident(worker(), bench.activate(JobTypes.RUNG_STARTED));

        assertThat(bench.eventsOf(RungStarted.class)).isEmpty();
        assertThat(bench.eventsOf(StepFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.caseId()).isEqualTo(caseId);
            assertThat(failed.stepId()).isEqualTo(caseId + ":flash_warning_rung:1");
            assertThat(failed.step()).isEqualTo(JobTypes.RUNG_STARTED);
            assertThat(failed.rung()).isEqualTo(Rung.FLASH_WARNING);
            assertThat(failed.failure()).isEqualTo("IllegalStateException: event store unavailable");
            assertThat(failed.actor()).isEqualTo("system:rung-started");
        });
        assertThat(bench.eventsOf(ChannelFailed.class)).isEmpty();
        assertThat(bench.incidents()).singleElement()
                .satisfies(i -> assertThat(i.getErrorMessage()).contains("event store unavailable"));
    }

    @Test
    void aStepFailureThatCannotBeRecordedStillEndsAsTheIncident() throws Exception {
        bench.openCase("known");
        bench.startProcess(JobTypes.RUNG_STARTED, "case-not-of-this-person", Map.of("dueText", "2026-11-22T15:12:22Z"));

        bench.failUntilIncident(worker(), bench.activate(JobTypes.RUNG_STARTED));

        assertThat(bench.eventsOf(StepFailed.class)).isEmpty();
        assertThat(bench.incidents()).singleElement()
                .satisfies(i -> assertThat(i.getErrorMessage()).contains("case-not-of-this-person"));
    }

    /** The command bus refuses every command of the type, as a store that is down would. */
    private void refuse(Class<?> commandType, String why) {
        bench.axon.commandBus().registerDispatchInterceptor(messages -> (index, command) -> {
            if (commandType.isInstance(command.getPayload())) {
                throw new IllegalStateException(why);
            }
            return command;
        });
    }

    private RungStartedWorker worker() {
        return new RungStartedWorker(bench.client, bench.commands(), 3);
    }

    /** The values (JSON) the variable took on the process instance's own scope. */
    private List<String> processVariables(long instance, String name) {
        return bench.records(ValueType.VARIABLE).map(r -> (VariableRecordValue) r.getValue())
                    .filter(v -> v.getScopeKey() == instance && v.getName().equals(name))
                    .map(VariableRecordValue::getValue).toList();
    }
}

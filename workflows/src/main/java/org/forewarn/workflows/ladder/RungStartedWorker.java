package org.forewarn.workflows.ladder;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.RecordRungStarted;
import org.forewarn.workflows.jobs.AttemptIds;
import org.forewarn.workflows.jobs.CaseJobWorker;
import org.forewarn.workflows.jobs.JobVariables;

/**
 * Job {@code rung-started}, the start listener of every rung element: records that the ladder
 * reached the element's {@code rung}, due by its {@code dueAt}, and makes it the process's
 * {@code currentRung}. The step id names the case, the element and the round, so a redelivered
 * job or a process re-opened after a restart records the step once.
 *
 * <p>The current rung is set on the process instance before the job completes, because the
 * variables a start listener completes with stay local to its element.
 */
public class RungStartedWorker extends CaseJobWorker {

    private final CamundaClient zeebe;

    public RungStartedWorker(CamundaClient zeebe, CommandGateway commands, int configuredRetries) {
        super(JobTypes.RUNG_STARTED, commands, configuredRetries);
        this.zeebe = zeebe;
    }

    @Override
    public Map<String, Object> doWork(ActivatedJob job) {
        JobVariables variables = JobVariables.of(job);
        String caseId = variables.caseId();
        Rung rung = variables.required(Rung.class, Variables.RUNG);
        Instant dueAt = variables.requiredInstant(Variables.DUE_AT);
        String stepId = AttemptIds.step(caseId, job.getElementId(), variables.round());
        send(new RecordRungStarted(variables.personId(), caseId, stepId, rung, dueAt, actor()));
        return Map.of();
    }

    @Override
    protected void complete(JobClient client, ActivatedJob job, Map<String, Object> variables) {
        String rung = JobVariables.of(job).required(Variables.RUNG);
        zeebe.newSetVariablesCommand(job.getProcessInstanceKey())
             .variables(Map.of(Variables.CURRENT_RUNG, rung))
             .local(false)
             .send()
             .join();
        super.complete(client, job, variables);
    }
}

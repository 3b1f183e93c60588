package org.forewarn.workflows.ladder;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.FlagOverdue;
import org.forewarn.workflows.jobs.AttemptIds;
import org.forewarn.workflows.jobs.CaseJobWorker;
import org.forewarn.workflows.jobs.JobVariables;

/**
 * Job {@code flag-overdue}: a step of the ladder passed its deadline without its result, and the
 * case says so ({@code RungOverdue}), for supervisors and the shift. The job's {@code step} names
 * the overdue element, so the step id is the one {@code rung-started} recorded for it; the
 * deadline is the step's {@code dueAt}, or now when the model gives none.
 */
public class FlagOverdueWorker extends CaseJobWorker {

    /** The local variable naming the element id of the overdue step. */
    public static final String STEP = "step";

    private final Clock clock;

    public FlagOverdueWorker(CommandGateway commands, Clock clock, int configuredRetries) {
        super(JobTypes.FLAG_OVERDUE, commands, configuredRetries);
        this.clock = clock;
    }

    @Override
    public Map<String, Object> doWork(ActivatedJob job) {
        JobVariables variables = JobVariables.of(job);
        String caseId = variables.caseId();
        Rung rung = variables.required(Rung.class, Variables.RUNG);
        String stepId = AttemptIds.step(caseId, variables.required(STEP), variables.round());
        Instant dueAt = variables.optionalInstant(Variables.DUE_AT).orElseGet(clock::instant);
        send(new FlagOverdue(variables.personId(), caseId, stepId, rung, dueAt, actor()));
        log().info("step {} of case {} is overdue", stepId, caseId);
        return Map.of();
    }
}

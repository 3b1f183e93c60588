package org.forewarn.workflows.ladder;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.person.api.RequestHomeVisit;
import org.forewarn.workflows.jobs.AttemptIds;
import org.forewarn.workflows.jobs.CaseJobWorker;
import org.forewarn.workflows.jobs.JobVariables;

/**
 * Job {@code request-home-visit}: asks the police station or community for a home visit, due by
 * the step's {@code dueAt}. The request is a record on the case, for the people who arrange the
 * visit; nothing leaves the system here, so there is no port. The visit id names the case, the
 * step and the round, so a redelivered job requests one visit.
 */
public class RequestHomeVisitWorker extends CaseJobWorker {

    public RequestHomeVisitWorker(CommandGateway commands, int configuredRetries) {
        super(JobTypes.REQUEST_HOME_VISIT, commands, configuredRetries);
    }

    @Override
    public Map<String, Object> doWork(ActivatedJob job) {
        JobVariables variables = JobVariables.of(job);
        String caseId = variables.caseId();
        String visitId = AttemptIds.step(caseId, job.getElementId(), variables.round());
        send(new RequestHomeVisit(variables.personId(), caseId, visitId, variables.requiredInstant(Variables.DUE_AT),
                actor()));
        log().info("home visit {} requested for case {}", visitId, caseId);
        return Map.of();
    }
}

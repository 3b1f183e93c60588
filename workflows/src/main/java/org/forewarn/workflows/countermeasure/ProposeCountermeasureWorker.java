package org.forewarn.workflows.countermeasure;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.person.api.ProposeCountermeasure;
import org.forewarn.workflows.jobs.CaseJobWorker;
import org.forewarn.workflows.jobs.JobVariables;

/**
 * Job {@code propose-countermeasure}: the emergency branch's own proposal (cancelling call
 * forwarding, typically), with the standard reason; supervisors still decide it. The id is
 * derived from the case and the type, so a redelivered job proposes nothing new. When the same
 * type is already under way for the person, the aggregate answers with that countermeasure's id
 * instead, and the job completes with whichever id is the one to wait for.
 */
public class ProposeCountermeasureWorker extends CaseJobWorker {

    public ProposeCountermeasureWorker(CommandGateway commands, int configuredRetries) {
        super(JobTypes.PROPOSE_COUNTERMEASURE, commands, configuredRetries);
    }

    @Override
    public Map<String, Object> doWork(ActivatedJob job) {
        JobVariables variables = JobVariables.of(job);
        String caseId = variables.caseId();
        CountermeasureType type = variables.required(CountermeasureType.class, Variables.COUNTERMEASURE_TYPE);
        String countermeasureId = send(new ProposeCountermeasure(variables.personId(), caseId,
                countermeasureId(caseId, type), type, CountermeasureTexts.reason(type), actor()));
        log().info("countermeasure {} ({}) proposed for case {}", countermeasureId, type, caseId);
        return Map.of(Variables.COUNTERMEASURE_ID, countermeasureId);
    }

    /**
     * {@code caseId:TYPE}. Case ids are {@code case-} and a UUID (41 characters), so the id stays
     * within the 64 characters a caller id may have (at most 60, for {@code RESTRICT_TRANSFERS}).
     */
    public static String countermeasureId(String caseId, CountermeasureType type) {
        return caseId + ":" + type.name();
    }
}

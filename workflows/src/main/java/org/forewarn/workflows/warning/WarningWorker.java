package org.forewarn.workflows.warning;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.Rung;
import org.forewarn.workflows.jobs.AttemptIds;
import org.forewarn.workflows.jobs.ChannelWorker;
import org.forewarn.workflows.jobs.JobVariables;
import org.forewarn.workflows.ports.CaseContacts;

/**
 * A warning channel's job: deliver the warning for the case's fraud category through the port,
 * then record it on the person. The attempt id names the case and the process step, so it is
 * the same for every retry and redelivery of the step, and the port delivers once and the
 * aggregate records once however often the job arrives.
 *
 * @param <R> the port's receipt
 */
abstract class WarningWorker<R> extends ChannelWorker {

    WarningWorker(String jobType, Rung rung, CaseContacts contacts, CommandGateway commands, int configuredRetries) {
        super(jobType, rung, contacts, commands, configuredRetries);
    }

    @Override
    public final Map<String, Object> doWork(ActivatedJob job) {
        JobVariables variables = JobVariables.of(job);
        String caseId = variables.caseId();
        String personId = variables.personId();
        FraudCategory category = variables.required(FraudCategory.class, Variables.CATEGORY);
        String attemptId = attemptId(job);

        requireOpen(personId, caseId);
        if (alreadyWarned(personId, caseId, attemptId)) {
            log().info("{} for case {}: the person has this warning already; step {} sends nothing", jobType(),
                    caseId, attemptId);
            return Map.of();
        }
        R receipt = deliver(attemptId, personId, caseId, numberOf(personId, caseId), category);
        send(record(personId, caseId, attemptId, receipt));
        log().info("{} for case {} went out: {} (attempt {})", jobType(), caseId, receipt, attemptId);
        return Map.of();
    }

    @Override
    protected final String attemptId(ActivatedJob job) {
        return AttemptIds.step(JobVariables.of(job).caseId(), job.getElementId());
    }

    /** Whether another step of the case delivered this warning already, so this one sends nothing. */
    boolean alreadyWarned(String personId, String caseId, String attemptId) {
        return false;
    }

    /** Hands the warning to the port, with the attempt id as its idempotency key. */
    abstract R deliver(String attemptId, String personId, String caseId, PhoneNumber to, FraudCategory category);

    /** The command that records the delivered warning on the person. */
    abstract Object record(String personId, String caseId, String attemptId, R receipt);
}

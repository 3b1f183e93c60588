package org.forewarn.workflows.countermeasure;

import io.camunda.client.api.response.ActivatedJob;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.Rung;
import org.forewarn.workflows.jobs.AttemptIds;
import org.forewarn.workflows.jobs.ChannelWorker;
import org.forewarn.workflows.jobs.JobVariables;
import org.forewarn.workflows.ports.CaseContacts;

/**
 * A job of the countermeasure process, one instance per approved countermeasure. Its attempt id
 * is the countermeasure id and the action ({@code apply}, {@code lift}, {@code notice}): one of
 * each per countermeasure, however often the job arrives.
 */
abstract class CountermeasureWorker extends ChannelWorker {

    private final String action;

    CountermeasureWorker(String jobType, String action, CaseContacts contacts, CommandGateway commands,
                         int configuredRetries) {
        super(jobType, Rung.COUNTERMEASURE, contacts, commands, configuredRetries);
        this.action = action;
    }

    @Override
    protected final String attemptId(ActivatedJob job) {
        return AttemptIds.countermeasure(countermeasureId(JobVariables.of(job)), action);
    }

    static String countermeasureId(JobVariables variables) {
        return variables.required(Variables.COUNTERMEASURE_ID);
    }

    static CountermeasureType type(JobVariables variables) {
        return variables.required(CountermeasureType.class, Variables.COUNTERMEASURE_TYPE);
    }
}

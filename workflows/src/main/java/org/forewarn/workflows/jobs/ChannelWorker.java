package org.forewarn.workflows.jobs;

import io.camunda.client.api.response.ActivatedJob;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.RecordChannelFailure;
import org.forewarn.workflows.ports.CaseContacts;

/**
 * A worker that reaches the person through a counterpart: the SMS gateway, the call platform,
 * the carrier or the payment side. The number is looked up at the moment of use and never leaves
 * this worker except towards the port.
 *
 * <p>When a failure uses the job's last retry, the case is told before the job becomes an
 * incident ({@code ChannelFailed}), so the shift sees that an operator must take the step over;
 * the failure recorded is the exception's class and message, which carry no personal data. The
 * record is best effort: if it fails too, the incident is raised all the same.
 */
public abstract class ChannelWorker extends CaseJobWorker {

    private final CaseContacts contacts;
    private final Rung channelRung;

    /** @param channelRung the rung a failure is recorded on when the job's variables name none */
    protected ChannelWorker(String jobType, Rung channelRung, CaseContacts contacts, CommandGateway commands,
                            int configuredRetries) {
        super(jobType, commands, configuredRetries);
        this.contacts = contacts;
        this.channelRung = channelRung;
    }

    /** The attempt the job makes: the same for every retry and redelivery, and the port's idempotency key. */
    protected abstract String attemptId(ActivatedJob job);

    /**
     * Refuses to reach the person of a case that has its outcome, as the aggregate would refuse
     * the record afterwards; the frame then completes the job without its work.
     */
    /** Where the case's number and state are looked up. */
    protected final CaseContacts contacts() {
        return contacts;
    }

    protected final void requireOpen(String personId, String caseId) {
        if (contacts.isClosed(personId, caseId)) {
            throw DomainRuleViolation.closed("case " + caseId + " is closed");
        }
    }

    /** The person's number for the case; an unknown or erased number fails the attempt. */
    protected final PhoneNumber numberOf(String personId, String caseId) {
        PhoneNumber number = contacts.victimNumber(personId, caseId)
                .orElseThrow(() -> new IllegalStateException("no number is known for case " + caseId));
        if (number.isErased()) {
            throw new IllegalStateException("the number of case " + caseId + " was erased");
        }
        return number;
    }

    @Override
    protected void beforeIncident(ActivatedJob job, Throwable failure) {
        try {
            JobVariables variables = JobVariables.of(job);
            send(new RecordChannelFailure(variables.personId(), variables.caseId(), attemptId(job),
                    rungOf(variables), JobFailures.describe(failure), actor()));
        } catch (RuntimeException e) {
            log().warn("{}: the channel failure of job {} could not be recorded: {}", jobType(), job.getKey(),
                    JobFailures.describe(e));
        }
    }

    /** The rung element's own rung, else the ladder's current one, else the channel's. */
    private Rung rungOf(JobVariables variables) {
        return stepRung(variables).orElse(channelRung);
    }
}

package org.forewarn.workflows.countermeasure;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.person.api.LiftCountermeasure;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.workflows.jobs.JobVariables;
import org.forewarn.workflows.ports.CarrierControl;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.ControlReceipt;
import org.forewarn.workflows.ports.PaymentControl;

/**
 * Job {@code lift-countermeasure}: has the counterpart restore what the countermeasure took (a
 * cancelled call forwarding stays cancelled), then records the lift for the process's
 * {@code liftReason}.
 *
 * <p>An expiry is lifted at the later of this worker's clock and the countermeasure's
 * {@code expiresAt}. The engine's clock fired the timer that created this job, and the worker's
 * clock may lag it: another machine's clock, or a test that moved the engine's clock forward.
 * The aggregate accepts an expiry only at or after {@code expiresAt}, and an expiry recorded
 * early by a lagging clock would be refused for good.
 */
public class LiftCountermeasureWorker extends CountermeasureWorker {

    static final String ACTION = "lift";

    private final CountermeasureControls controls;
    private final Clock clock;

    public LiftCountermeasureWorker(CaseContacts contacts, CarrierControl carrier, PaymentControl payment,
                                    CommandGateway commands, Clock clock, int configuredRetries) {
        super(JobTypes.LIFT_COUNTERMEASURE, ACTION, contacts, commands, configuredRetries);
        this.controls = new CountermeasureControls(carrier, payment);
        this.clock = clock;
    }

    @Override
    public Map<String, Object> doWork(ActivatedJob job) {
        JobVariables variables = JobVariables.of(job);
        String caseId = variables.caseId();
        String personId = variables.personId();
        String countermeasureId = countermeasureId(variables);
        CountermeasureType type = type(variables);
        LiftReason reason = variables.required(LiftReason.class, Variables.LIFT_REASON);
        String attemptId = attemptId(job);

        if (CountermeasureControls.restores(type)) {
            ControlReceipt receipt = controls.restore(type, attemptId, numberOf(personId, caseId));
            log().info("countermeasure {} ({}) of case {} restored as {} by {}", countermeasureId, type, caseId,
                    receipt.reference(), receipt.provider());
        }
        send(new LiftCountermeasure(personId, countermeasureId, attemptId, reason, liftedAt(reason, variables),
                actor()));
        return Map.of();
    }

    private Instant liftedAt(LiftReason reason, JobVariables variables) {
        Instant now = clock.instant();
        if (reason != LiftReason.EXPIRED) {
            return now;
        }
        return variables.optionalInstant(Variables.EXPIRES_AT).filter(now::isBefore).orElse(now);
    }
}

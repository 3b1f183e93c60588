package org.forewarn.workflows.countermeasure;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.person.api.CountermeasureNotice;
import org.forewarn.domain.person.api.RecordCountermeasureApplied;
import org.forewarn.workflows.jobs.AttemptIds;
import org.forewarn.workflows.jobs.JobVariables;
import org.forewarn.workflows.ports.CarrierControl;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.ControlReceipt;
import org.forewarn.workflows.ports.PaymentControl;

/**
 * Job {@code apply-countermeasure}: has the carrier or the payment side carry out an approved
 * countermeasure, then records it on the person with the standard notice (Anti-Telecom Fraud Law
 * art. 32). It is applied from the moment the counterpart's receipt names, which a repeated order
 * answers again, so a redelivered job records the same times; the countermeasures that expire do
 * so after the configured term. The job completes with {@code expiresAt} (an ISO-8601 instant, or
 * null), for the process's timer.
 *
 * <p>Nothing is ordered for a case that has its outcome. If the person's aggregate refuses the
 * record all the same (the countermeasure was withdrawn or its case closed while the order was
 * under way), the order is undone at once: a line or an account must
 * not stay restricted by a countermeasure the case does not hold in force, since nothing would
 * ever lift it.
 */
public class ApplyCountermeasureWorker extends CountermeasureWorker {

    public static final Duration DEFAULT_TERM = Duration.ofDays(30);
    /** The longest a countermeasure may stay in force before it must be decided again. */
    public static final Duration MAX_TERM = Duration.ofDays(90);
    static final String ACTION = "apply";
    static final String UNDO = "undo";

    private final CountermeasureControls controls;
    private final Duration term;

    /** @param term how long the countermeasures that expire stay in force; at most {@link #MAX_TERM} */
    public ApplyCountermeasureWorker(CaseContacts contacts, CarrierControl carrier, PaymentControl payment,
                                     CommandGateway commands, Duration term, int configuredRetries) {
        super(JobTypes.APPLY_COUNTERMEASURE, ACTION, contacts, commands, configuredRetries);
        if (term.isNegative() || term.isZero() || term.compareTo(MAX_TERM) > 0) {
            throw new IllegalArgumentException("the countermeasure term must be positive and at most "
                    + MAX_TERM.toDays() + " days, not " + term);
        }
        this.controls = new CountermeasureControls(carrier, payment);
        this.term = term;
    }

    @Override
    public Map<String, Object> doWork(ActivatedJob job) {
        JobVariables variables = JobVariables.of(job);
        String caseId = variables.caseId();
        String personId = variables.personId();
        String countermeasureId = countermeasureId(variables);
        CountermeasureType type = type(variables);
        String attemptId = attemptId(job);

        requireOpen(personId, caseId);
        PhoneNumber number = numberOf(personId, caseId);
        ControlReceipt receipt = controls.apply(type, attemptId, number);
        Instant expiresAt = type.expires() ? receipt.at().plus(term) : null;
        try {
            send(new RecordCountermeasureApplied(personId, countermeasureId, attemptId, receipt.at(), expiresAt,
                    CountermeasureNotice.standard(type, CountermeasureTexts.reason(type)), actor()));
        } catch (DomainRuleViolation refused) {
            undo(type, countermeasureId, number);
            throw refused;
        }
        log().info("countermeasure {} ({}) of case {} applied as {} by {} until {}", countermeasureId, type, caseId,
                receipt.reference(), receipt.provider(), expiresAt == null ? "lifted" : expiresAt);
        Map<String, Object> result = new HashMap<>();
        result.put(Variables.EXPIRES_AT, expiresAt == null ? null : expiresAt.toString());
        return result;
    }

    private void undo(CountermeasureType type, String countermeasureId, PhoneNumber number) {
        if (CountermeasureControls.restores(type)) {
            ControlReceipt undone = controls.restore(type, AttemptIds.countermeasure(countermeasureId, UNDO), number);
            log().warn("countermeasure {} ({}) was refused by its case after it was applied; undone as {}",
                    countermeasureId, type, undone.reference());
        }
    }
}

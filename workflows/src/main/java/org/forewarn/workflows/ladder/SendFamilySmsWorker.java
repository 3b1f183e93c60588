package org.forewarn.workflows.ladder;

import io.camunda.client.api.response.ActivatedJob;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.Actors;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.RecordFamilyWarningSent;
import org.forewarn.workflows.jobs.AttemptIds;
import org.forewarn.workflows.jobs.ChannelWorker;
import org.forewarn.workflows.jobs.JobVariables;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.FamilySms;
import org.forewarn.workflows.ports.FamilySmsSender;
import org.forewarn.workflows.ports.Relative;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.warning.WarningTemplates;

/**
 * Job {@code send-family-sms}, the start listener of every family-contact step: before the
 * operator calls the family, each registered relative gets the 12381 warning about the person
 * (亲情号码预警), recorded as {@code FamilyWarningSent}. Each relative is an attempt of its own,
 * one per case ({@link AttemptIds#familySms}), so a retry after one relative's send failed warns
 * only the relatives not yet warned, and neither a step re-entered after a restart nor the
 * emergency branch's family step after the ladder's warns anybody twice. A person
 * without relatives gets nothing here; the operator's step that follows shows the shift that
 * the family rung has no one to reach.
 */
public class SendFamilySmsWorker extends ChannelWorker {

    public static final String ACTOR = Actors.system(JobTypes.SEND_FAMILY_SMS);

    private final FamilySmsSender sender;
    private final WarningTemplates templates;

    public SendFamilySmsWorker(CaseContacts contacts, FamilySmsSender sender, CommandGateway commands,
                               int configuredRetries, WarningTemplates templates) {
        super(JobTypes.SEND_FAMILY_SMS, Rung.FAMILY_CONTACT, contacts, commands, configuredRetries);
        this.sender = sender;
        this.templates = templates;
    }

    @Override
    public Map<String, Object> doWork(ActivatedJob job) {
        JobVariables variables = JobVariables.of(job);
        String caseId = variables.caseId();
        String personId = variables.personId();
        FraudCategory category = variables.required(FraudCategory.class, Variables.CATEGORY);
        requireOpen(personId, caseId);
        List<Relative> relatives = contacts().relatives(personId);
        if (relatives.isEmpty()) {
            log().info("{} for case {}: no relative is registered; nobody to warn", jobType(), caseId);
            return Map.of();
        }
        String text = templates.familySms(category);
        for (Relative relative : relatives) {
            String attemptId = AttemptIds.familySms(caseId, relative.relativeId());
            SmsReceipt receipt = sender.send(new FamilySms(attemptId, personId, caseId, relative.relativeId(),
                    relative.number(), text));
            try {
                send(new RecordFamilyWarningSent(personId, caseId, attemptId, relative.relativeId(),
                        receipt.messageId(), receipt.provider(), ACTOR));
            } catch (DomainRuleViolation e) {
                if (e.kind() != DomainRuleViolation.Kind.NOT_FOUND) {
                    throw e;
                }
                // removed between the lookup and the record: the send had gone out already
                log().info("{} for case {}: relative {} was removed meanwhile", jobType(), caseId,
                        relative.relativeId());
            }
        }
        log().info("{} for case {}: {} relative(s) warned (step {})", jobType(), caseId, relatives.size(),
                attemptId(job));
        return Map.of();
    }

    /** The step's attempt, under which a failure is recorded; each relative's send has its own. */
    @Override
    protected String attemptId(ActivatedJob job) {
        return AttemptIds.step(JobVariables.of(job).caseId(), job.getElementId());
    }
}

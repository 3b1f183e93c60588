package org.forewarn.workflows.warning;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.Actors;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.RecordWarningSmsSent;
import org.forewarn.workflows.jobs.AttemptIds;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningSms;
import org.forewarn.workflows.ports.WarningSmsSender;

/** Job {@code send-warning-sms}: the case's 12381 warning SMS, recorded as {@code WarningSmsSent}. */
public class SendWarningSmsWorker extends WarningWorker<SmsReceipt> {

    public static final String ACTOR = Actors.system(JobTypes.SEND_WARNING_SMS);

    private final WarningSmsSender sender;
    private final WarningTemplates templates;

    public SendWarningSmsWorker(CaseContacts contacts, WarningSmsSender sender, CommandGateway commands,
                                int configuredRetries) {
        this(contacts, sender, commands, configuredRetries, WarningTemplates.standard());
    }

    /** @param templates the texts per fraud category, standard or the centre's own */
    public SendWarningSmsWorker(CaseContacts contacts, WarningSmsSender sender, CommandGateway commands,
                                int configuredRetries, WarningTemplates templates) {
        super(JobTypes.SEND_WARNING_SMS, Rung.WARNING_SMS, contacts, commands, configuredRetries);
        this.sender = sender;
        this.templates = templates;
    }

    /** One warning SMS per case and step of its process. */
    public static String attemptId(String caseId, String elementId) {
        return AttemptIds.step(caseId, elementId);
    }

    /**
     * One 12381 SMS per case: a later step (the emergency branch after a raised risk) sends none
     * when an earlier one was delivered; it does when the earlier one was reported undelivered.
     */
    @Override
    boolean alreadyWarned(String personId, String caseId, String attemptId) {
        return contacts().warningSmsDelivered(personId, caseId, attemptId);
    }

    @Override
    SmsReceipt deliver(String attemptId, String personId, String caseId, PhoneNumber to, FraudCategory category) {
        return sender.send(new WarningSms(attemptId, personId, caseId, to, templates.warningSms(category)));
    }

    @Override
    Object record(String personId, String caseId, String attemptId, SmsReceipt receipt) {
        return new RecordWarningSmsSent(personId, caseId, attemptId, receipt.messageId(), receipt.provider(), ACTOR);
    }
}

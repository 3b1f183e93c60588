package org.forewarn.workflows.warning;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.RecordFlashWarningSent;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.FlashWarning;
import org.forewarn.workflows.ports.FlashWarningSender;
import org.forewarn.workflows.ports.SmsReceipt;

/** Job {@code send-flash-warning}: the flash-screen warning (闪信), recorded as {@code FlashWarningSent}. */
public class SendFlashWarningWorker extends WarningWorker<SmsReceipt> {

    private final FlashWarningSender sender;
    private final WarningTemplates templates;

    public SendFlashWarningWorker(CaseContacts contacts, FlashWarningSender sender, CommandGateway commands,
                                  int configuredRetries) {
        this(contacts, sender, commands, configuredRetries, WarningTemplates.standard());
    }

    /** @param templates the texts per fraud category, standard or the centre's own */
    public SendFlashWarningWorker(CaseContacts contacts, FlashWarningSender sender, CommandGateway commands,
                                  int configuredRetries, WarningTemplates templates) {
        super(JobTypes.SEND_FLASH_WARNING, Rung.FLASH_WARNING, contacts, commands, configuredRetries);
        this.sender = sender;
        this.templates = templates;
    }

    @Override
    SmsReceipt deliver(String attemptId, String personId, String caseId, PhoneNumber to, FraudCategory category) {
        return sender.send(new FlashWarning(attemptId, personId, caseId, to, templates.flashWarning(category)));
    }

    @Override
    Object record(String personId, String caseId, String attemptId, SmsReceipt receipt) {
        return new RecordFlashWarningSent(personId, caseId, attemptId, receipt.messageId(), receipt.provider(),
                actor());
    }
}

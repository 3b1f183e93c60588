package org.forewarn.workflows.warning;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.RecordAutomatedCallPlaced;
import org.forewarn.workflows.ports.CallReceipt;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.WarningCall;
import org.forewarn.workflows.ports.WarningCaller;

/**
 * Job {@code place-automated-call}: the automated warning call, recorded as
 * {@code AutomatedCallPlaced}. Whether the person answered and heard the warning arrives later,
 * from the call platform.
 */
public class PlaceAutomatedCallWorker extends WarningWorker<CallReceipt> {

    private final WarningCaller caller;
    private final WarningTemplates templates;

    public PlaceAutomatedCallWorker(CaseContacts contacts, WarningCaller caller, CommandGateway commands,
                                    int configuredRetries) {
        this(contacts, caller, commands, configuredRetries, WarningTemplates.standard());
    }

    /** @param templates the texts per fraud category, standard or the centre's own */
    public PlaceAutomatedCallWorker(CaseContacts contacts, WarningCaller caller, CommandGateway commands,
                                    int configuredRetries, WarningTemplates templates) {
        super(JobTypes.PLACE_AUTOMATED_CALL, Rung.AUTOMATED_CALL, contacts, commands, configuredRetries);
        this.caller = caller;
        this.templates = templates;
    }

    @Override
    CallReceipt deliver(String attemptId, String personId, String caseId, PhoneNumber to, FraudCategory category) {
        return caller.call(new WarningCall(attemptId, personId, caseId, to, templates.callScript(category)));
    }

    @Override
    Object record(String personId, String caseId, String attemptId, CallReceipt receipt) {
        return new RecordAutomatedCallPlaced(personId, caseId, attemptId, receipt.callId(), receipt.provider(),
                actor());
    }
}

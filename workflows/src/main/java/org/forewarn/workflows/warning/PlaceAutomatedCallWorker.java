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

    public PlaceAutomatedCallWorker(CaseContacts contacts, WarningCaller caller, CommandGateway commands,
                                    int configuredRetries) {
        super(JobTypes.PLACE_AUTOMATED_CALL, Rung.AUTOMATED_CALL, contacts, commands, configuredRetries);
        this.caller = caller;
    }

    @Override
    CallReceipt deliver(String attemptId, String personId, String caseId, PhoneNumber to, FraudCategory category) {
        return caller.call(new WarningCall(attemptId, personId, caseId, to, WarningTexts.callScript(category)));
    }

    @Override
    Object record(String personId, String caseId, String attemptId, CallReceipt receipt) {
        return new RecordAutomatedCallPlaced(personId, caseId, attemptId, receipt.callId(), receipt.provider(),
                actor());
    }
}

package org.forewarn.workflows.warning;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.person.api.RecordWarningSmsSent;
import org.forewarn.workflows.jobs.JobFailures;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningSms;
import org.forewarn.workflows.ports.WarningSmsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job {@code send-warning-sms}: sends the case's 12381 warning SMS through the port and records
 * it on the person. The attempt id names the case and the process step, so it is the same for
 * every retry and redelivery of the step, and the sender sends once and the aggregate records
 * once however often the job arrives. It is not the element-instance key: the embedded engine
 * keeps no state across restarts and hands out the same keys again, and a process re-opened
 * after a restart must find the attempt its predecessor made. Completes the job explicitly;
 * fails it with back-off on any error.
 */
public class SendWarningSmsWorker implements JobHandler {

    public static final String ACTOR = "system:send-warning-sms";
    private static final Logger LOG = LoggerFactory.getLogger(SendWarningSmsWorker.class);

    private final CaseContacts contacts;
    private final WarningSmsSender sender;
    private final CommandGateway commands;
    private final int configuredRetries;

    public SendWarningSmsWorker(CaseContacts contacts, WarningSmsSender sender, CommandGateway commands,
                                int configuredRetries) {
        this.contacts = contacts;
        this.sender = sender;
        this.commands = commands;
        this.configuredRetries = configuredRetries;
    }

    @Override
    public void handle(JobClient client, ActivatedJob job) {
        try {
            doWork(job);
        } catch (RuntimeException e) {
            LOG.warn("send-warning-sms failed for job {} ({} retries left): {}", job.getKey(), job.getRetries() - 1,
                    e.toString());
            JobFailures.fail(client, job, configuredRetries, e);
            return;
        }
        client.newCompleteCommand(job).send().join();
    }

    /** The job's work, without completing it: run twice for one job, it sends and records once. */
    public void doWork(ActivatedJob job) {
        Map<String, Object> variables = job.getVariablesAsMap();
        String caseId = required(variables, Variables.CASE_ID);
        String personId = required(variables, Variables.PERSON_ID);
        FraudCategory category = FraudCategory.valueOf(required(variables, Variables.CATEGORY));
        String attemptId = attemptId(caseId, job.getElementId());

        PhoneNumber to = contacts.victimNumber(personId, caseId)
                .orElseThrow(() -> new IllegalStateException("no number is known for case " + caseId));
        SmsReceipt receipt = sender.send(new WarningSms(attemptId, caseId, to, WarningTexts.warningSms(category)));
        commands.sendAndWait(new RecordWarningSmsSent(personId, caseId, attemptId, receipt.messageId(),
                receipt.provider(), ACTOR));
        LOG.info("warning SMS for case {} sent as {} by {} (attempt {})", caseId, receipt.messageId(),
                receipt.provider(), attemptId);
    }

    /** One warning SMS per case and step of its process. */
    public static String attemptId(String caseId, String elementId) {
        return caseId + ":" + elementId;
    }

    private static String required(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("process variable " + name + " is missing");
        }
        return value.toString();
    }
}

package org.forewarn.workflows.countermeasure;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.person.api.RecordCountermeasureNoticeSent;
import org.forewarn.workflows.jobs.JobVariables;
import org.forewarn.workflows.ports.CaseContacts;
import org.forewarn.workflows.ports.NoticeSms;
import org.forewarn.workflows.ports.NoticeSmsSender;
import org.forewarn.workflows.ports.SmsReceipt;

/**
 * Job {@code send-countermeasure-notice}: tells the person by SMS that the countermeasure on them
 * was lifted, and records that they were told.
 */
public class SendCountermeasureNoticeWorker extends CountermeasureWorker {

    static final String ACTION = "notice";

    private final NoticeSmsSender sender;

    public SendCountermeasureNoticeWorker(CaseContacts contacts, NoticeSmsSender sender, CommandGateway commands,
                                          int configuredRetries) {
        super(JobTypes.SEND_COUNTERMEASURE_NOTICE, ACTION, contacts, commands, configuredRetries);
        this.sender = sender;
    }

    @Override
    public Map<String, Object> doWork(ActivatedJob job) {
        JobVariables variables = JobVariables.of(job);
        String caseId = variables.caseId();
        String personId = variables.personId();
        String countermeasureId = countermeasureId(variables);
        CountermeasureType type = type(variables);
        String attemptId = attemptId(job);

        SmsReceipt receipt = sender.send(new NoticeSms(attemptId, personId, caseId, numberOf(personId, caseId),
                CountermeasureTexts.liftNotice(type)));
        send(new RecordCountermeasureNoticeSent(personId, caseId, countermeasureId, attemptId, receipt.messageId(),
                receipt.provider(), actor()));
        log().info("lift notice of countermeasure {} for case {} sent as {} by {}", countermeasureId, caseId,
                receipt.messageId(), receipt.provider());
        return Map.of();
    }
}

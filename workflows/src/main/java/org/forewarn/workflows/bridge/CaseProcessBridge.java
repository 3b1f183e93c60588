package org.forewarn.workflows.bridge;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.forewarn.bpmn.Processes.Messages;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.api.CaseOpened;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns case events into Zeebe messages. Runs in its own tracking processor, which is never reset
 * or replayed: a replay would re-drive processes. Delivery is at least once, so every message has
 * a message id that Zeebe deduplicates on, and Zeebe's {@code ALREADY_EXISTS} answer counts as
 * success. Any other failure is thrown, so the processor retries the event rather than skip it.
 *
 * <p>Variables carry identifiers and the clue's classification only, never a phone number.
 */
@ProcessingGroup(CaseProcessBridge.PROCESSING_GROUP)
@DisallowReplay
public class CaseProcessBridge {

    public static final String PROCESSING_GROUP = "zeebe-bridge";
    private static final Logger LOG = LoggerFactory.getLogger(CaseProcessBridge.class);

    private final CamundaClient zeebe;
    private final Duration messageTimeToLive;

    public CaseProcessBridge(CamundaClient zeebe, Duration messageTimeToLive) {
        this.zeebe = zeebe;
        this.messageTimeToLive = messageTimeToLive;
    }

    @EventHandler
    public void on(CaseOpened event) {
        Clue clue = event.clue();
        startProcess(new CaseStart(event.caseId(), event.personId(), clue.riskLevel(), clue.category(),
                clue.channel(), clue.ageGroup()));
    }

    /**
     * Starts the case's dissuasion process, or does nothing if the message that starts it was
     * published before. Used for new cases, and to re-open the processes of open cases when an
     * engine that lost its state (the embedded one, after a restart) comes up.
     */
    public void startProcess(CaseStart start) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.CASE_ID, start.caseId());
        variables.put(Variables.PERSON_ID, start.personId());
        variables.put(Variables.RISK_LEVEL, start.risk().name());
        variables.put(Variables.CATEGORY, start.category().name());
        variables.put(Variables.CHANNEL, start.channel().name());
        if (start.ageGroup() != null) {
            variables.put(Variables.AGE_GROUP, start.ageGroup().name());
        }
        publish(Messages.CASE_OPENED, start.caseId(), start.caseId(), variables);
    }

    /** What a process start needs to know of its case: identifiers and classification only. */
    public record CaseStart(String caseId, String personId, RiskLevel risk, FraudCategory category,
                            ClueChannel channel, AgeGroup ageGroup) {
    }

    private void publish(String name, String correlationKey, String messageId, Map<String, Object> variables) {
        try {
            zeebe.newPublishMessageCommand()
                 .messageName(name)
                 .correlationKey(correlationKey)
                 .messageId(messageId)
                 .timeToLive(messageTimeToLive)
                 .variables(variables)
                 .send()
                 .join();
            LOG.info("published {} for {}", name, correlationKey);
        } catch (ClientStatusException e) {
            if (e.getStatusCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
            LOG.info("{} for {} was published before (message id {}): nothing to do", name, correlationKey,
                    messageId);
        }
    }
}

package org.forewarn.domain.person;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseOpening;
import org.forewarn.domain.person.api.CaseOpening.IntakeStatus;
import org.forewarn.domain.person.api.ClueMerged;
import org.forewarn.domain.person.api.OpenCase;
import org.forewarn.domain.person.api.RecordWarningSmsSent;
import org.forewarn.domain.person.api.WarningSmsSent;

/**
 * One person at risk, identified by the keyed hash of their phone number. Owns the rules of
 * intake: at most one open case per person, a clue for a person with an open case joins that case
 * and can only raise its risk, and the same clue (or the same attempt of a rung) taken in twice
 * changes nothing.
 */
public class AtRiskPerson {

    @AggregateIdentifier
    private String personId;
    private String openCaseId;
    private RiskLevel openCaseRisk;
    private final Map<String, CaseOpening> cluesTakenIn = new HashMap<>();
    private final Set<String> attemptsRecorded = new HashSet<>();

    protected AtRiskPerson() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CaseOpening handle(OpenCase command) {
        CaseOpening earlier = cluesTakenIn.get(command.clue().clueId().value());
        if (earlier != null) {
            return earlier.asDuplicate();
        }
        if (openCaseId == null) {
            apply(new CaseOpened(command.personId(), command.newCaseId(), command.clue(), command.actor()));
            return new CaseOpening(command.newCaseId(), command.personId(), IntakeStatus.OPENED, false);
        }
        RiskLevel clueRisk = command.clue().riskLevel();
        boolean raised = clueRisk.isHigherThan(openCaseRisk);
        apply(new ClueMerged(personId, openCaseId, command.clue(), raised ? clueRisk : openCaseRisk, raised,
                command.actor()));
        return new CaseOpening(openCaseId, personId, IntakeStatus.MERGED, false);
    }

    @CommandHandler
    public void handle(RecordWarningSmsSent command) {
        if (attemptsRecorded.contains(command.attemptId())) {
            return;
        }
        requireOpenCase(command.caseId());
        apply(new WarningSmsSent(personId, command.caseId(), command.attemptId(), command.messageId(),
                command.provider(), command.actor()));
    }

    private void requireOpenCase(String caseId) {
        if (openCaseId == null || !openCaseId.equals(caseId)) {
            throw new DomainRuleViolation("case " + caseId + " is not open for this person");
        }
    }

    @EventSourcingHandler
    void on(CaseOpened event) {
        personId = event.personId();
        openCaseId = event.caseId();
        openCaseRisk = event.clue().riskLevel();
        cluesTakenIn.put(event.clue().clueId().value(),
                new CaseOpening(event.caseId(), event.personId(), IntakeStatus.OPENED, false));
    }

    @EventSourcingHandler
    void on(ClueMerged event) {
        openCaseRisk = event.caseRisk();
        cluesTakenIn.put(event.clue().clueId().value(),
                new CaseOpening(event.caseId(), event.personId(), IntakeStatus.MERGED, false));
    }

    @EventSourcingHandler
    void on(WarningSmsSent event) {
        attemptsRecorded.add(event.attemptId());
    }
}

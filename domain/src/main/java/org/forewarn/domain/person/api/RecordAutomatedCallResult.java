package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record how an automated warning call ended, and whether the person pressed the key that says they heard the warning. */
public record RecordAutomatedCallResult(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String attemptId,
        CallResult result,
        boolean heardWarning,
        Instant at,
        String actor) {
}

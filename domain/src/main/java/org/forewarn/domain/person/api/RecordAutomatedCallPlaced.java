package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the automated warning call of a case was placed. */
public record RecordAutomatedCallPlaced(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String attemptId,
        String callId,
        String provider,
        String actor) {
}

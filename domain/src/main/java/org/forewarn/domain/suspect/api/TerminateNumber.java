package org.forewarn.domain.suspect.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Have the carrier terminate the suspect number's service; a human must decide it. */
public record TerminateNumber(
        @TargetAggregateIdentifier String suspectId,
        String requestId,
        String reason,
        String actor) {
}

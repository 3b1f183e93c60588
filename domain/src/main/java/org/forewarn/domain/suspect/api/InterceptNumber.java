package org.forewarn.domain.suspect.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Have the carriers intercept calls and messages from the suspect number. */
public record InterceptNumber(
        @TargetAggregateIdentifier String suspectId,
        String requestId,
        String reason,
        String actor) {
}

package org.forewarn.domain.suspect.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record whether the holder passed the pending re-verification. */
public record RecordReverificationResult(
        @TargetAggregateIdentifier String suspectId,
        String requestId,
        boolean passed,
        String reason,
        String actor) {
}

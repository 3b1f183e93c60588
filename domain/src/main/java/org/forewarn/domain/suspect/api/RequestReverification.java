package org.forewarn.domain.suspect.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Require the holder of the suspect number to verify their real name again (二次实名认证). */
public record RequestReverification(
        @TargetAggregateIdentifier String suspectId,
        String requestId,
        String reason,
        String actor) {
}

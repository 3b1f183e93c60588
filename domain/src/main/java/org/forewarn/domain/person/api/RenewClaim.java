package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The claimant worked the case ({@code requestId} is that command's): their claim, if they still
 * hold it, now lasts until {@code until}. From anyone else it changes nothing.
 */
public record RenewClaim(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String requestId,
        Instant at,
        Instant until,
        String actor) {
}

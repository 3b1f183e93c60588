package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator takes the case to work it until {@code until} (the claim's time to live from
 * {@code at}). The same operator claiming again renews the claim; another operator's claim that
 * has not expired refuses it.
 */
public record ClaimCase(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String requestId,
        Instant at,
        Instant until,
        String actor) {
}

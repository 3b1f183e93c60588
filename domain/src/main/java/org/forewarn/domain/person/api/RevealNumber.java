package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Show the case's phone number unmasked to {@code actor}, who must call the person. Answers the
 * number; the reading itself is recorded, since every read of an unmasked number is.
 */
public record RevealNumber(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String requestId,
        String actor) {
}

package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase the person's personal data from the whole history by destroying their key. */
public record ErasePersonalData(
        @TargetAggregateIdentifier String personId,
        String requestId,
        String reason,
        String actor) {
}

package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A supervisor approves or rejects a proposed countermeasure. */
public record DecideCountermeasure(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String countermeasureId,
        boolean approve,
        String note,
        String actor) {
}

package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.CountermeasureType;

/** Propose a technical countermeasure for a case, with the reason. */
public record ProposeCountermeasure(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String countermeasureId,
        CountermeasureType type,
        String reason,
        String actor) {
}

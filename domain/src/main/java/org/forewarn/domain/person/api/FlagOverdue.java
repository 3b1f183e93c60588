package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.Rung;

/** Record that a step of the case's ladder passed its deadline without its result. */
public record FlagOverdue(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String stepId,
        Rung rung,
        Instant dueAt,
        String actor) {
}

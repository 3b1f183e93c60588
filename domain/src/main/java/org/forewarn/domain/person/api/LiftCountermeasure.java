package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a countermeasure in force was lifted, and why. */
public record LiftCountermeasure(
        @TargetAggregateIdentifier String personId,
        String countermeasureId,
        String attemptId,
        LiftReason reason,
        Instant at,
        String actor) {
}

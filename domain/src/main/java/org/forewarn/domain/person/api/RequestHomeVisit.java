package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ask the police station or community for a home visit (上门) before {@code dueBy}. */
public record RequestHomeVisit(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String visitId,
        Instant dueBy,
        String actor) {
}

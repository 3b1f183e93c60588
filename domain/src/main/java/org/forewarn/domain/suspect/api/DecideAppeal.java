package org.forewarn.domain.suspect.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Decide an open appeal: {@code uphold} lifts every restriction in force, otherwise the appeal is
 * dismissed. A human other than the one who filed the appeal must decide it.
 */
public record DecideAppeal(
        @TargetAggregateIdentifier String suspectId,
        String requestId,
        String appealId,
        boolean uphold,
        String reason,
        String actor) {
}

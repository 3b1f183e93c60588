package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.PersonalText;

/**
 * A supervisor asks for a countermeasure in force to be lifted because the person's appeal was
 * upheld or the person passed verification; the countermeasure process lifts it through the
 * carrier or payment port and records the lift.
 */
public record RequestCountermeasureLift(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String countermeasureId,
        String requestId,
        LiftReason reason,
        PersonalText note,
        String actor) {
}

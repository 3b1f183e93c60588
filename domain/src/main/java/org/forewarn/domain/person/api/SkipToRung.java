package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.Rung;

/** An operator moves the case's ladder ahead to {@code rung} (never back), with the reason. */
public record SkipToRung(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String requestId,
        Rung rung,
        PersonalText reason,
        String actor) {
}

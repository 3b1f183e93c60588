package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.PersonalText;

/** A supervisor gives the case to {@code operator} until {@code until}, whoever held it, with a note for them. */
public record AssignCase(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String requestId,
        String operator,
        PersonalText note,
        Instant at,
        Instant until,
        String actor) {
}

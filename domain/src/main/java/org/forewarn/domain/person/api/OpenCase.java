package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.Clue;

/**
 * Take in a clue for the person it names: open a case, or merge the clue into the person's open
 * case. {@code newCaseId} is minted by the caller and used only if a case is opened, so the
 * aggregate stays deterministic. Answered with a {@link CaseOpening}.
 */
public record OpenCase(
        @TargetAggregateIdentifier String personId,
        String newCaseId,
        Clue clue,
        String actor) {
}

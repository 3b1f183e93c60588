package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.PersonalText;

/** Add a note to the case's history (what the person said, what the shift should know). */
public record AddNote(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String requestId,
        PersonalText text,
        String actor) {
}

package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.PersonalText;

/** The claimant gives the case back to the queue, with a note for whoever takes it next (may be empty). */
public record ReleaseClaim(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String requestId,
        PersonalText handoverNote,
        Instant at,
        String actor) {
}

package org.forewarn.domain.suspect.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.PersonalText;

/**
 * Appeal against the restrictions in force on the suspect number. {@code appealId} is minted by
 * the caller; {@code grounds} are the holder's own account and therefore personal data.
 */
public record FileAppeal(
        @TargetAggregateIdentifier String suspectId,
        String requestId,
        String appealId,
        PersonalText grounds,
        String actor) {
}

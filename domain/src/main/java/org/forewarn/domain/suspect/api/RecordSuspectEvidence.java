package org.forewarn.domain.suspect.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;

/**
 * Add the evidence of one clue to the suspect number it names, creating the suspect on its first
 * clue. The clue's id makes it idempotent: the same clue again changes nothing.
 */
public record RecordSuspectEvidence(
        @TargetAggregateIdentifier String suspectId,
        PhoneNumber number,
        String clueId,
        String victimPersonId,
        FraudCategory category,
        Instant seenAt,
        String actor) {
}

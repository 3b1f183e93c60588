package org.forewarn.domain.suspect.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;

/**
 * A clue named this suspect number. {@code newVictim} says whether the clue's victim had not been
 * reached by this number before; {@code victimsReached} counts the distinct victims so far.
 */
@Revision("1")
public record SuspectEvidenceRecorded(String suspectId, PhoneNumber number, String clueId, String victimPersonId,
                                      FraudCategory category, Instant seenAt, boolean newVictim,
                                      int victimsReached, String actor) implements SuspectEvent {
}

package org.forewarn.domain.suspect.api;

import java.time.LocalDate;
import java.time.Period;
import org.axonframework.serialization.Revision;

/**
 * The holder of the suspect number is on the bad-credit list (no new numbers) from
 * {@code listedOn} until {@code listedUntil} = {@code listedOn} + {@code period}, exclusive.
 */
@Revision("1")
public record HolderListed(String suspectId, String requestId, Period period, LocalDate listedOn,
                           LocalDate listedUntil, String reason, String actor) implements SuspectEvent {
}

package org.forewarn.domain.suspect.api;

import java.time.LocalDate;
import java.time.Period;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Put the holder of the suspect number on the carriers' bad-credit list from {@code listedOn}
 * for {@code period} (whole years, 1 to 5; the province's configuration says which); a human
 * must decide it.
 */
public record ListHolderAsBadCredit(
        @TargetAggregateIdentifier String suspectId,
        String requestId,
        Period period,
        LocalDate listedOn,
        String reason,
        String actor) {
}

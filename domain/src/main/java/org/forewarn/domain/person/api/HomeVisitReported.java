package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.PersonalText;

/** A home visit was made and reported. */
@Revision("1")
public record HomeVisitReported(
        String personId,
        String caseId,
        String visitId,
        String requestId,
        String visitedBy,
        Instant visitedAt,
        HomeVisitResult result,
        PersonalText note,
        String actor) implements PersonEvent {
}

package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A home visit was requested, due by {@code dueBy}. */
@Revision("1")
public record HomeVisitRequested(
        String personId,
        String caseId,
        String visitId,
        Instant dueBy,
        String actor) implements PersonEvent {
}

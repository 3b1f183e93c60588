package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.CountermeasureType;

/** A countermeasure in force was lifted. */
@Revision("1")
public record CountermeasureLifted(
        String personId,
        String caseId,
        String countermeasureId,
        CountermeasureType type,
        String attemptId,
        LiftReason reason,
        Instant at,
        String actor) implements PersonEvent {
}

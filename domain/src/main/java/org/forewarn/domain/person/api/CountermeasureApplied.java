package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.CountermeasureType;

/** A countermeasure was applied and the person sent the notice; it is in force until {@code expiresAt} (never, when null). */
@Revision("1")
public record CountermeasureApplied(
        String personId,
        String caseId,
        String countermeasureId,
        CountermeasureType type,
        String attemptId,
        Instant appliedAt,
        Instant expiresAt,
        CountermeasureNotice notice,
        String actor) implements PersonEvent {
}

package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the carrier or payment side applied an approved countermeasure and the person was sent the notice. */
public record RecordCountermeasureApplied(
        @TargetAggregateIdentifier String personId,
        String countermeasureId,
        String attemptId,
        Instant appliedAt,
        Instant expiresAt,
        CountermeasureNotice notice,
        String actor) {
}

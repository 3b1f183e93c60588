package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a registered relative was sent the 12381 warning about the person, asking them to intervene. */
public record RecordFamilyWarningSent(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String attemptId,
        String relativeId,
        String messageId,
        String provider,
        String actor) {
}

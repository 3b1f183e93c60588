package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the person was told (by SMS) that a countermeasure on them was lifted. */
public record RecordCountermeasureNoticeSent(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String countermeasureId,
        String attemptId,
        String messageId,
        String provider,
        String actor) {
}

package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the flash-screen warning (闪信) of a case went out. */
public record RecordFlashWarningSent(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String attemptId,
        String messageId,
        String provider,
        String actor) {
}

package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the 12381 warning SMS of a case went out. {@code attemptId} identifies the attempt
 * (one per process step), so a redelivered job records nothing new.
 */
public record RecordWarningSmsSent(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String attemptId,
        String messageId,
        String provider,
        String actor) {
}

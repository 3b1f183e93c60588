package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.Rung;

/**
 * Record that a channel kept failing for one attempt after its retries: the step becomes an
 * incident in Operate and a task for the operator. {@code failure} is the technical reason
 * (no personal data).
 */
public record RecordChannelFailure(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String attemptId,
        Rung rung,
        String failure,
        String actor) {
}

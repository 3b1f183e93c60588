package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.Rung;

/**
 * Record that a step of the case's process kept failing in the engine after its retries and
 * became an incident: the ladder waits there until Operations resolve it, so the shift must
 * know. For steps that reach no counterpart (starting a rung, flagging it overdue, requesting a
 * home visit, proposing a countermeasure); a channel's failure is {@link RecordChannelFailure}.
 * {@code step} is the job type, {@code rung} the rung the step belongs to when the process knows
 * it (may be null), {@code failure} the technical reason (no personal data).
 */
public record RecordStepFailure(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String stepId,
        String step,
        Rung rung,
        String failure,
        String actor) {
}

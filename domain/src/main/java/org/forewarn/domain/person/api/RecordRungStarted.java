package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.Rung;

/**
 * Record that the case's ladder reached a rung (a step of the dissuasion process), and by when
 * the rung's work or wait is due. {@code stepId} names the case, the process element and its
 * round, so the same step recorded again (a redelivered job, a process re-opened after a
 * restart) is recorded once and keeps its first deadline.
 */
public record RecordRungStarted(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String stepId,
        Rung rung,
        Instant dueAt,
        String actor) {
}

package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.Rung;

/** A step of the case's ladder is overdue: supervisors see it and the shift must act. */
@Revision("1")
public record RungOverdue(
        String personId,
        String caseId,
        String stepId,
        Rung rung,
        Instant dueAt,
        String actor) implements PersonEvent {
}

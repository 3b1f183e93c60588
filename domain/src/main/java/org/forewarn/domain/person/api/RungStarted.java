package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.Rung;

/** The case's ladder reached {@code rung}; its work or wait is due by {@code dueAt}. */
@Revision("1")
public record RungStarted(
        String personId,
        String caseId,
        String stepId,
        Rung rung,
        Instant dueAt,
        String actor) implements PersonEvent {
}

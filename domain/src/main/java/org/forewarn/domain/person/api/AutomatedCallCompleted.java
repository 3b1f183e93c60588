package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An automated warning call ended with {@code result}. */
@Revision("1")
public record AutomatedCallCompleted(
        String personId,
        String caseId,
        String attemptId,
        CallResult result,
        boolean heardWarning,
        Instant at,
        String actor) implements PersonEvent {
}

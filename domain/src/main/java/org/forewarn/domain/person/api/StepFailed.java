package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.Rung;

/**
 * A step of the case's process failed for good in the engine (an incident); the ladder waits
 * there, and an operator must take the case on by hand. {@code rung} is null when the step did
 * not know its rung.
 */
@Revision("1")
public record StepFailed(
        String personId,
        String caseId,
        String stepId,
        String step,
        Rung rung,
        String failure,
        String actor) implements PersonEvent {
}

package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;

/** The automated warning call of a case was placed. */
@Revision("1")
public record AutomatedCallPlaced(
        String personId,
        String caseId,
        String attemptId,
        String callId,
        String provider,
        String actor) implements PersonEvent {
}

package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/** The appeal was dismissed; the restrictions in force stay. */
@Revision("1")
public record AppealDismissed(String suspectId, String requestId, String appealId, String reason, String actor)
        implements SuspectEvent {
}

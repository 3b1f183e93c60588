package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/** The suspect number's service is terminated until restored on appeal. */
@Revision("1")
public record NumberTerminated(String suspectId, String requestId, String reason, String actor)
        implements SuspectEvent {
}

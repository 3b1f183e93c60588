package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/** Calls and messages from the suspect number are intercepted until lifted on appeal. */
@Revision("1")
public record NumberIntercepted(String suspectId, String requestId, String reason, String actor)
        implements SuspectEvent {
}

package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/** The holder passed the re-verification; it no longer restricts the number. */
@Revision("1")
public record ReverificationPassed(String suspectId, String requestId, String reason, String actor)
        implements SuspectEvent {
}

package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/** The holder failed the re-verification; it restricts the number until a new one is passed or it is waived. */
@Revision("1")
public record ReverificationFailed(String suspectId, String requestId, String reason, String actor)
        implements SuspectEvent {
}

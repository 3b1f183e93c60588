package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/** The holder must verify their real name again (二次实名认证); the result is pending. */
@Revision("1")
public record ReverificationRequested(String suspectId, String requestId, String reason, String actor)
        implements SuspectEvent {
}

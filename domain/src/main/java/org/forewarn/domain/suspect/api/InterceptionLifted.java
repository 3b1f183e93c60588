package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/** Upheld appeal {@code appealId} lifted the interception of the number. */
@Revision("1")
public record InterceptionLifted(String suspectId, String appealId, String actor) implements SuspectEvent {
}

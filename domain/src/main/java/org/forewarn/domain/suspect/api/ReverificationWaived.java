package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/** Upheld appeal {@code appealId} cleared a pending or failed re-verification. */
@Revision("1")
public record ReverificationWaived(String suspectId, String appealId, String actor) implements SuspectEvent {
}

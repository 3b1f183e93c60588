package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/** Upheld appeal {@code appealId} reversed the termination: the number's service is restored. */
@Revision("1")
public record ServiceRestored(String suspectId, String appealId, String actor) implements SuspectEvent {
}

package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/** Upheld appeal {@code appealId} took the holder off the bad-credit list. */
@Revision("1")
public record HolderDelisted(String suspectId, String appealId, String actor) implements SuspectEvent {
}

package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;

/**
 * The appeal was upheld. It is followed by one event per restriction lifted
 * ({@link InterceptionLifted}, {@link ServiceRestored}, {@link ReverificationWaived},
 * {@link HolderDelisted}), after which the number is clear.
 */
@Revision("1")
public record AppealUpheld(String suspectId, String requestId, String appealId, String reason, String actor)
        implements SuspectEvent {
}

package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;

/** {@code actor} read the case's number unmasked. The event holds no number, only who and (its time) when. */
@Revision("1")
public record NumberRevealed(
        String personId,
        String caseId,
        String requestId,
        String actor) implements PersonEvent {
}

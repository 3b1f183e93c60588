package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;

/** The person's key was destroyed: every personal field of their history now reads {@code [erased]}. */
@Revision("1")
public record PersonalDataErased(
        String personId,
        String requestId,
        String reason,
        String actor) implements PersonEvent {
}

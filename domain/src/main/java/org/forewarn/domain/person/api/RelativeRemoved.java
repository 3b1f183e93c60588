package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;

/** A registered relative was removed. */
@Revision("1")
public record RelativeRemoved(
        String personId,
        String relativeId,
        String reason,
        String actor) implements PersonEvent {
}

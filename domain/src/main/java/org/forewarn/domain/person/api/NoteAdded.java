package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.PersonalText;

/** A note on the case, personal text like every note. */
@Revision("1")
public record NoteAdded(
        String personId,
        String caseId,
        String requestId,
        PersonalText text,
        String actor) implements PersonEvent {
}

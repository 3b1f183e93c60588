package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.PersonalText;

/** {@code operator} gave the case back to the queue; the next operator reads {@code handoverNote} first. */
@Revision("1")
public record ClaimReleased(
        String personId,
        String caseId,
        String requestId,
        String operator,
        PersonalText handoverNote,
        String actor) implements PersonEvent {
}

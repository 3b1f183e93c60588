package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;

/** The person was told that a countermeasure on them was lifted. */
@Revision("1")
public record CountermeasureNoticeSent(
        String personId,
        String caseId,
        String countermeasureId,
        String attemptId,
        String messageId,
        String provider,
        String actor) implements PersonEvent {
}

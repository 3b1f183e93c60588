package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.CountermeasureType;

/** A supervisor rejected a countermeasure; it will not be applied. */
@Revision("1")
public record CountermeasureRejected(
        String personId,
        String caseId,
        String countermeasureId,
        CountermeasureType type,
        String note,
        String actor) implements PersonEvent {
}

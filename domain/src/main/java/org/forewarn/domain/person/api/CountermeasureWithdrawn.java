package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.CountermeasureType;

/** A countermeasure not yet applied was withdrawn because its case closed. */
@Revision("1")
public record CountermeasureWithdrawn(
        String personId,
        String caseId,
        String countermeasureId,
        CountermeasureType type,
        String actor) implements PersonEvent {
}

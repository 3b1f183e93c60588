package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.CountermeasureType;

/** A countermeasure was proposed; it needs {@code approvalsRequired} supervisors other than the proposer. */
@Revision("1")
public record CountermeasureProposed(
        String personId,
        String caseId,
        String countermeasureId,
        CountermeasureType type,
        String reason,
        int approvalsRequired,
        String actor) implements PersonEvent {
}

package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.CountermeasureType;

/** A supervisor approved a countermeasure; it may be applied once {@code approvals} reaches {@code approvalsRequired}. */
@Revision("1")
public record CountermeasureApproved(
        String personId,
        String caseId,
        String countermeasureId,
        CountermeasureType type,
        String note,
        int approvals,
        int approvalsRequired,
        String actor) implements PersonEvent {
}

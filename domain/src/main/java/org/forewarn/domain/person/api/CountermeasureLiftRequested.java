package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.PersonalText;

/** A person asked for a countermeasure in force to be lifted, for an upheld appeal or passed verification. */
@Revision("1")
public record CountermeasureLiftRequested(
        String personId,
        String caseId,
        String countermeasureId,
        CountermeasureType type,
        String requestId,
        LiftReason reason,
        PersonalText note,
        String actor) implements PersonEvent {
}

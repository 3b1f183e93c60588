package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.PersonalText;

/** A registered relative was contacted about the case. */
@Revision("1")
public record FamilyContacted(
        String personId,
        String caseId,
        String attemptId,
        String relativeId,
        ContactMethod method,
        FamilyContactResult result,
        PersonalText note,
        String actor) implements PersonEvent {
}

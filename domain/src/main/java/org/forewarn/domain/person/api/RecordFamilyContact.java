package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.PersonalText;

/** Record the contact with a registered relative, asked to intervene. */
public record RecordFamilyContact(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String attemptId,
        String relativeId,
        ContactMethod method,
        FamilyContactResult result,
        PersonalText note,
        String actor) {
}

package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;

/** A registered relative was sent the warning SMS about the case (亲情号码预警). */
@Revision("1")
public record FamilyWarningSent(
        String personId,
        String caseId,
        String attemptId,
        String relativeId,
        String messageId,
        String provider,
        String actor) implements PersonEvent {
}

package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.PersonalText;

/** Record the report of a home visit: who went, when, and what they found. */
public record ReportHomeVisit(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String visitId,
        String requestId,
        String visitedBy,
        Instant visitedAt,
        HomeVisitResult result,
        PersonalText note,
        String actor) {
}

package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the provider's final delivery status of a warning SMS attempt. */
public record RecordWarningSmsDelivery(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String attemptId,
        boolean delivered,
        String providerStatus,
        Instant at,
        String actor) {
}

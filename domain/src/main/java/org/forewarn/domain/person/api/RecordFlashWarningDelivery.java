package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the SMSC's final delivery status of a flash-screen warning attempt. */
public record RecordFlashWarningDelivery(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String attemptId,
        boolean delivered,
        String providerStatus,
        Instant at,
        String actor) {
}

package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The SMSC reports a flash-screen warning delivered to the handset. */
@Revision("1")
public record FlashWarningDelivered(
        String personId,
        String caseId,
        String attemptId,
        String providerStatus,
        Instant at,
        String actor) implements PersonEvent {
}

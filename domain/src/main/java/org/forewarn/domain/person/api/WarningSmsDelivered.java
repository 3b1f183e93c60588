package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The provider reports a warning SMS delivered to the handset. */
@Revision("1")
public record WarningSmsDelivered(
        String personId,
        String caseId,
        String attemptId,
        String providerStatus,
        Instant at,
        String actor) implements PersonEvent {
}

package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The SMSC reports a flash-screen warning undelivered, expired, rejected or deleted. */
@Revision("1")
public record FlashWarningFailed(
        String personId,
        String caseId,
        String attemptId,
        String providerStatus,
        Instant at,
        String actor) implements PersonEvent {
}

package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The claimant worked the case, so their claim now lasts until {@code until}. */
@Revision("1")
public record ClaimRenewed(
        String personId,
        String caseId,
        String requestId,
        String operator,
        Instant until,
        String actor) implements PersonEvent {
}

package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code operator} claimed the case, or renewed their claim by claiming it again, until {@code until}. */
@Revision("1")
public record CaseClaimed(
        String personId,
        String caseId,
        String requestId,
        String operator,
        Instant until,
        String actor) implements PersonEvent {
}

package org.forewarn.domain.person.api;

import java.time.Instant;

/** The answer to {@link ClaimCase} and {@link AssignCase}: who holds the case, until when. */
public record CaseClaim(String operator, Instant until) {
}

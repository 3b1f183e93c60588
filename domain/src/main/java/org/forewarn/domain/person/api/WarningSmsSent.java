package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;

/** The 12381 warning SMS of a case was handed to a provider, which gave it {@code messageId}. */
@Revision("1")
public record WarningSmsSent(String personId, String caseId, String attemptId, String messageId, String provider,
                             String actor) implements PersonEvent {
}

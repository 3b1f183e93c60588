package org.forewarn.domain.person.api;

/** The 12381 warning SMS of a case was handed to a provider, which gave it {@code messageId}. */
public record WarningSmsSent(String personId, String caseId, String attemptId, String messageId, String provider,
                             String actor) {
}

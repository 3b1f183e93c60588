package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;

/** The flash-screen warning of a case was handed to the SMSC. */
@Revision("1")
public record FlashWarningSent(
        String personId,
        String caseId,
        String attemptId,
        String messageId,
        String provider,
        String actor) implements PersonEvent {
}

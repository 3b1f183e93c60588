package org.forewarn.workflows.ports;

import java.util.Objects;
import org.forewarn.domain.PhoneNumber;

/** One flash-screen warning (闪信) to send. {@code idempotencyKey} is the same for every retry of one attempt. */
public record FlashWarning(String idempotencyKey, String personId, String caseId, PhoneNumber to, String text) {

    public FlashWarning {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }
}

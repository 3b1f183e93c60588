package org.forewarn.workflows.ports;

import java.util.Objects;
import org.forewarn.domain.PhoneNumber;

/** One warning SMS to send. {@code idempotencyKey} is the same for every retry of one attempt. */
public record WarningSms(String idempotencyKey, String personId, String caseId, PhoneNumber to, String text) {

    public WarningSms {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }
}

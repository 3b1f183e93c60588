package org.forewarn.workflows.ports;

import java.util.Objects;
import org.forewarn.domain.PhoneNumber;

/** One SMS telling the person about a countermeasure on them. */
public record NoticeSms(String idempotencyKey, String personId, String caseId, PhoneNumber to, String text) {

    public NoticeSms {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }
}

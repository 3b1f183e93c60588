package org.forewarn.workflows.ports;

import java.util.Objects;
import org.forewarn.domain.PhoneNumber;

/** One warning SMS to a registered relative of the person, asking them to intervene. */
public record FamilySms(String idempotencyKey, String personId, String caseId, String relativeId, PhoneNumber to,
                        String text) {

    public FamilySms {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(relativeId, "relativeId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }
}

package org.forewarn.workflows.ports;

import java.util.Objects;
import org.forewarn.domain.PhoneNumber;

/** One automated warning call to place, with the script read to the person. */
public record WarningCall(String idempotencyKey, String personId, String caseId, PhoneNumber to, String script) {

    public WarningCall {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(script, "script");
    }
}

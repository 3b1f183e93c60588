package org.forewarn.domain.person.api;

import org.forewarn.domain.Enums;

/** Why a countermeasure in force was lifted. */
public enum LiftReason {
    EXPIRED, CASE_CLOSED, APPEAL_UPHELD, VERIFICATION_PASSED;

    public static LiftReason parse(String field, String code) {
        return Enums.parse(LiftReason.class, field, code);
    }
}

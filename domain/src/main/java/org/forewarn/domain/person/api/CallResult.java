package org.forewarn.domain.person.api;

import org.forewarn.domain.Enums;

/** How an automated warning call ended. */
public enum CallResult {
    ANSWERED, NO_ANSWER, BUSY, FAILED;

    public static CallResult parse(String field, String code) {
        return Enums.parse(CallResult.class, field, code);
    }
}

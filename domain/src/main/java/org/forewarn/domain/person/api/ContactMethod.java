package org.forewarn.domain.person.api;

import org.forewarn.domain.Enums;

/** How a relative was contacted. */
public enum ContactMethod {
    SMS, CALL;

    public static ContactMethod parse(String field, String code) {
        return Enums.parse(ContactMethod.class, field, code);
    }
}

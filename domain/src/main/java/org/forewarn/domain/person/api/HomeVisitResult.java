package org.forewarn.domain.person.api;

import org.forewarn.domain.Enums;

/** What the officer or community worker found at the door. */
public enum HomeVisitResult {
    PERSUADED, PERSON_SAFE, NOT_FOUND, REFUSED;

    public static HomeVisitResult parse(String field, String code) {
        return Enums.parse(HomeVisitResult.class, field, code);
    }
}

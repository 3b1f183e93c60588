package org.forewarn.domain.person.api;

import org.forewarn.domain.Enums;

/** What came of contacting a relative. */
public enum FamilyContactResult {
    WILL_INTERVENE, REACHED, UNREACHABLE, DECLINED;

    public static FamilyContactResult parse(String field, String code) {
        return Enums.parse(FamilyContactResult.class, field, code);
    }
}

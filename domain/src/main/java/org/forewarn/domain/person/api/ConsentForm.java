package org.forewarn.domain.person.api;

import org.forewarn.domain.Enums;

/** How the person's consent to register a relative was given and recorded. */
public enum ConsentForm {
    IN_PERSON, WRITTEN, RECORDED_CALL, SMS_REPLY;

    public static ConsentForm parse(String field, String code) {
        return Enums.parse(ConsentForm.class, field, code);
    }
}

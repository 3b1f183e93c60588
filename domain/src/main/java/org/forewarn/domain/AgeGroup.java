package org.forewarn.domain;

public enum AgeGroup {
    ELDERLY, ADULT, MINOR;

    /** Parses an optional age group: {@code null} or blank means unknown. */
    public static AgeGroup parseOptional(String field, String code) {
        return code == null || code.isBlank() ? null : Enums.parse(AgeGroup.class, field, code);
    }
}
